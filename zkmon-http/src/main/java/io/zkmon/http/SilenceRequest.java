package io.zkmon.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.spec.Durations;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The body of {@code POST /api/v1/silences}, checked field by field with messages that name the field:
 *
 * <pre>{@code
 * {"path": "/services/foo", "duration": "2h", "comment": "deploying", "author": "alice"}
 * {"path": "/services/*", "until": "2025-06-01T12:00:00Z", "comment": "maintenance", "author": "bob"}
 * }</pre>
 *
 * {@code path} (alias {@code pattern}) is a znode path or glob; exactly one of {@code until} (ISO-8601 with an
 * offset, in the future) and {@code duration} ({@code 90m}, {@code 2h}, {@code 1d}, or seconds) is given; the silence
 * lasts at most {@link #MAX_DURATION}; {@code comment} and {@code author} are required, so that whoever sees the
 * silence knows why and whom to ask.
 */
final class SilenceRequest {

    static final Duration MAX_DURATION = Duration.ofDays(365);
    static final int MAX_TEXT = 1000;

    private static final Set<String> FIELDS = Set.of("path", "pattern", "until", "duration", "comment", "author");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SilenceRequest() {
    }

    /**
     * Parses and checks a body into a new silence with a fresh id.
     *
     * @throws ApiException 400 naming what is wrong
     */
    static Silence parse(byte[] body, Instant now) {
        JsonNode root = read(body);
        if (!root.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object such as "
                    + "{\"path\": \"/services/foo\", \"duration\": \"2h\", \"comment\": \"deploying\", \"author\": \"alice\"}");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field(s) " + Responses.echo(String.join(", ", unknown))
                    + "; a silence takes path, until or duration, comment, author");
        }
        if (root.has("path") && root.has("pattern")) {
            throw ApiException.badRequest("give 'path' or its alias 'pattern', not both");
        }
        String pattern = text(root, root.has("pattern") ? "pattern" : "path");
        Instant until = until(root, now);
        String comment = text(root, "comment");
        String author = text(root, "author");
        try {
            return new Silence(UUID.randomUUID().toString(), pattern, until, comment, author, now);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'path': " + e.getMessage());
        }
    }

    private static JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("the body is empty; send a JSON object");
        }
        try (JsonParser p = JSON.createParser(body)) {
            JsonNode node = JSON.readTree(p);
            if (node == null) {
                throw ApiException.badRequest("the body is empty; send a JSON object");
            }
            if (p.nextToken() != null) {
                throw ApiException.badRequest("malformed JSON: unexpected content after the object");
            }
            return node;
        } catch (JsonParseException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getClass().getSimpleName());
        }
    }

    private static Instant until(JsonNode root, Instant now) {
        boolean hasUntil = root.hasNonNull("until");
        boolean hasDuration = root.hasNonNull("duration");
        if (hasUntil == hasDuration) {
            throw ApiException.badRequest("give exactly one of 'until' (e.g. \"2025-06-01T12:00:00Z\") and 'duration' (e.g. \"2h\")");
        }
        Instant until;
        if (hasUntil) {
            String text = text(root, "until");
            try {
                until = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("'until' must be an ISO-8601 time with an offset, e.g. 2025-06-01T12:00:00Z; got '"
                        + Responses.echo(text) + "'");
            }
            if (!until.isAfter(now)) {
                throw ApiException.badRequest("'until' (" + until + ") is not in the future (now is " + now + ")");
            }
            if (until.isAfter(now.plus(MAX_DURATION))) {
                throw ApiException.badRequest("'until' is more than " + MAX_DURATION.toDays() + " days away; change the config instead");
            }
            return until;
        }
        Duration d = duration(root.get("duration"));
        if (d.isZero() || d.isNegative()) {
            throw ApiException.badRequest("'duration' must be more than zero");
        }
        if (d.compareTo(MAX_DURATION) > 0) {
            throw ApiException.badRequest("'duration' is more than " + MAX_DURATION.toDays() + " days; change the config instead");
        }
        return now.plus(d);
    }

    private static Duration duration(JsonNode node) {
        if (node.isNumber()) {
            double seconds = node.asDouble();
            if (!Double.isFinite(seconds) || seconds > MAX_DURATION.toSeconds() || seconds <= 0) {
                throw ApiException.badRequest("'duration' must be more than zero and at most " + MAX_DURATION.toDays() + " days");
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("'duration' must be text such as \"90m\", \"2h\", \"1d\" or a number of seconds");
        }
        String text = node.textValue();
        if (text.length() > 32) {
            throw ApiException.badRequest("'duration' is not a duration; use " + Durations.VALID_FORMS);
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiException.badRequest("'duration': " + Responses.echo(e.getMessage() == null ? "is invalid" : e.getMessage()));
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("'" + field + "' is required");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        String value = node.textValue().trim();
        if (value.isEmpty()) {
            throw ApiException.badRequest("'" + field + "' must not be empty");
        }
        if (value.length() > MAX_TEXT) {
            throw ApiException.badRequest("'" + field + "' is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }
}
