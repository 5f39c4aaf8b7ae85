package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UriDecodingTest {

    @Test
    void leavesPlainTextAlone() {
        assertThat(UriDecoding.path("services/foo+bar")).isEqualTo("services/foo+bar");
    }

    @Test
    void decodesEscapesAsUtf8() {
        assertThat(UriDecoding.path("%2Fservices%2Ff%C3%BC%C3%BC")).isEqualTo("/services/füü");
        assertThat(UriDecoding.path("%F0%9F%90%98")).isEqualTo("\uD83D\uDC18");
    }

    @Test
    void readsRawBytesOfTheRequestLineAsUtf8() {
        // the HTTP parser hands each byte over as one char: "ü" arrives as the two chars of its UTF-8 bytes
        assertThat(UriDecoding.path("\u00c3\u00bcn\u00c3\u00af")).isEqualTo("ünï");
        assertThatThrownBy(() -> UriDecoding.path("\u00fc")).as("a lone Latin-1 byte").isInstanceOf(ApiException.class);
    }

    @Test
    void keepsCharactersBeyondOneByteAsTheCharactersTheyAre() {
        assertThat(UriDecoding.path("\u0394/\uD83D\uDC18")).isEqualTo("\u0394/\uD83D\uDC18");
    }

    @Test
    void readsPlusAsASpaceOnlyInQueries() {
        assertThat(UriDecoding.query("a+b%20c")).isEqualTo("a b c");
        assertThat(UriDecoding.path("a+b")).isEqualTo("a+b");
    }

    @Test
    void refusesMalformedEscapes() {
        assertThatThrownBy(() -> UriDecoding.path("a%")).isInstanceOf(ApiException.class)
                .hasMessage("malformed percent-encoding in 'a%': '%' must be followed by two hex digits");
        assertThatThrownBy(() -> UriDecoding.path("a%2")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UriDecoding.path("%zz")).isInstanceOf(ApiException.class);
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        assertThatThrownBy(() -> UriDecoding.path("%C0%AF")).isInstanceOf(ApiException.class)
                .hasMessage("'%C0%AF' is not valid UTF-8 once percent-decoded");
        assertThatThrownBy(() -> UriDecoding.path("%ff")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UriDecoding.path("%ED%A0%80")).as("a lone surrogate").isInstanceOf(ApiException.class);
    }

    @Test
    void refusalsAreBadRequests() {
        try {
            UriDecoding.path("%");
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getStackTrace()).isEmpty();
        }
    }
}
