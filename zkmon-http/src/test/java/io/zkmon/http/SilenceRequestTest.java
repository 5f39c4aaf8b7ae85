package io.zkmon.http;

import static io.zkmon.http.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkmon.core.dispatch.Silence;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SilenceRequestTest {

    private static Silence parse(String json) {
        return SilenceRequest.parse(json.getBytes(StandardCharsets.UTF_8), T0);
    }

    @Test
    void takesAPathAndADuration() {
        Silence s = parse("{\"path\": \"/services/foo\", \"duration\": \"2h\", \"comment\": \" deploying \", \"author\": \"alice\"}");

        assertThat(s.pattern()).isEqualTo("/services/foo");
        assertThat(s.until()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(s.createdAt()).isEqualTo(T0);
        assertThat(s.comment()).isEqualTo("deploying");
        assertThat(s.author()).isEqualTo("alice");
        assertThat(s.id()).hasSize(36);
    }

    @Test
    void takesAGlobAndAnEndTimeWithAnyOffset() {
        Silence s = parse("{\"pattern\": \"/services/*\", \"until\": \"2025-06-01T15:30:00+02:00\", \"comment\": \"c\", \"author\": \"a\"}");

        assertThat(s.pattern()).isEqualTo("/services/*");
        assertThat(s.until()).isEqualTo(T0.plus(Duration.ofMinutes(90)));
    }

    @Test
    void takesADurationInSecondsAsANumber() {
        assertThat(parse("{\"path\": \"/a\", \"duration\": 90, \"comment\": \"c\", \"author\": \"a\"}").until())
                .isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void givesEachSilenceItsOwnId() {
        String body = "{\"path\": \"/a\", \"duration\": \"1m\", \"comment\": \"c\", \"author\": \"a\"}";

        assertThat(parse(body).id()).isNotEqualTo(parse(body).id());
    }

    @Test
    void explainsEveryMistake() {
        assertRefused("", "the body is empty; send a JSON object");
        assertRefused("  ", "the body is empty; send a JSON object");
        assertRefused("{\"path\": ", "malformed JSON at line 1, column 10");
        assertRefused("{} {}", "malformed JSON: unexpected content after the object");
        assertRefused("\"text\"", "the body must be a JSON object");
        assertRefused("{\"path\": \"/a\", \"durration\": \"1h\"}", "unknown field(s) durration; a silence takes path, until or duration, comment, author");
        assertRefused("{\"path\": \"/a\", \"pattern\": \"/a\", \"duration\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}", "not both");
        assertRefused("{\"duration\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}", "'path' is required");
        assertRefused("{\"path\": 7, \"duration\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}", "'path' must be a string");
        assertRefused("{\"path\": \"a/b\", \"duration\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}", "'path': path 'a/b' must start with '/'");
        assertRefused("{\"path\": \"/a/../b\", \"duration\": \"1h\", \"comment\": \"c\", \"author\": \"a\"}", "must not contain '.' or '..'");
        assertRefused("{\"path\": \"/a\", \"comment\": \"c\", \"author\": \"a\"}", "give exactly one of 'until'");
        assertRefused("{\"path\": \"/a\", \"duration\": \"1h\", \"until\": \"2030-01-01T00:00:00Z\", \"comment\": \"c\", \"author\": \"a\"}",
                "give exactly one of 'until'");
        assertRefused("{\"path\": \"/a\", \"until\": \"tomorrow\", \"comment\": \"c\", \"author\": \"a\"}",
                "'until' must be an ISO-8601 time with an offset, e.g. 2025-06-01T12:00:00Z; got 'tomorrow'");
        assertRefused("{\"path\": \"/a\", \"until\": \"2025-06-01T12:00:00\", \"comment\": \"c\", \"author\": \"a\"}", "with an offset");
        assertRefused("{\"path\": \"/a\", \"until\": \"2025-06-01T11:00:00Z\", \"comment\": \"c\", \"author\": \"a\"}", "is not in the future");
        assertRefused("{\"path\": \"/a\", \"until\": \"2027-06-01T11:00:00Z\", \"comment\": \"c\", \"author\": \"a\"}", "more than 365 days away");
        assertRefused("{\"path\": \"/a\", \"duration\": \"0s\", \"comment\": \"c\", \"author\": \"a\"}", "'duration' must be more than zero");
        assertRefused("{\"path\": \"/a\", \"duration\": -5, \"comment\": \"c\", \"author\": \"a\"}", "'duration' must be more than zero");
        assertRefused("{\"path\": \"/a\", \"duration\": \"366d\", \"comment\": \"c\", \"author\": \"a\"}", "'duration' is more than 365 days");
        assertRefused("{\"path\": \"/a\", \"duration\": \"99999999999999999999999d\", \"comment\": \"c\", \"author\": \"a\"}",
                "'duration' is more than 365 days");
        assertRefused("{\"path\": \"/a\", \"duration\": \"a while\", \"comment\": \"c\", \"author\": \"a\"}",
                "'duration': 'a while' is not a duration; use a number of seconds or a number with a unit");
        assertRefused("{\"path\": \"/a\", \"duration\": true, \"comment\": \"c\", \"author\": \"a\"}", "'duration' must be text");
        assertRefused("{\"path\": \"/a\", \"duration\": \"1h\", \"author\": \"a\"}", "'comment' is required");
        assertRefused("{\"path\": \"/a\", \"duration\": \"1h\", \"comment\": \"  \", \"author\": \"a\"}", "'comment' must not be empty");
        assertRefused("{\"path\": \"/a\", \"duration\": \"1h\", \"comment\": \"c\"}", "'author' is required");
        assertRefused("{\"path\": \"/a\", \"duration\": \"1h\", \"comment\": \"" + "x".repeat(1001) + "\", \"author\": \"a\"}",
                "'comment' is longer than 1000 characters");
        assertRefused("{\"path\": \"/a\", \"path\": \"/b\"}", "Duplicate field 'path'");
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> parse(body)).as(body).isInstanceOf(ApiException.class).hasMessageContaining(message)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
    }
}
