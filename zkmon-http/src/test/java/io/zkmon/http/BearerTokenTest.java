package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private final BearerToken token = BearerToken.of("s3cret");

    @Test
    void letsTheRightTokenThroughWhateverTheCaseOfTheScheme() {
        assertThatCode(() -> token.check("Bearer s3cret")).doesNotThrowAnyException();
        assertThatCode(() -> token.check("bearer s3cret ")).doesNotThrowAnyException();
    }

    @Test
    void refusesAMissingOrMalformedHeaderWith401AndAChallenge() {
        assertThatThrownBy(() -> token.check(null)).asInstanceOf(InstanceOfAssertFactories.type(ApiException.class))
                .satisfies(e -> {
                    org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(401);
                    org.assertj.core.api.Assertions.assertThat(e.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"zkmon\"");
                });
        assertThatThrownBy(() -> token.check("Basic s3cret")).hasMessage("the Authorization header must be 'Bearer <token>'");
    }

    @Test
    void refusesAWrongTokenWith401WithoutEchoingIt() {
        assertThatThrownBy(() -> token.check("Bearer s3cre")).hasMessage("the API token is not valid")
                .extracting(e -> ((ApiException) e).status()).isEqualTo(401);
        assertThatThrownBy(() -> token.check("Bearer s3cretX")).hasMessage("the API token is not valid");
        assertThatThrownBy(() -> token.check("Bearer ")).hasMessage("the API token is not valid");
    }

    @Test
    void refusesEverythingWith403WhenNoTokenIsConfigured() {
        for (String none : new String[] {null, "", "  "}) {
            BearerToken disabled = BearerToken.of(none);
            assertThatThrownBy(() -> disabled.check("Bearer anything"))
                    .hasMessageContaining("no API token is configured")
                    .extracting(e -> ((ApiException) e).status()).isEqualTo(403);
        }
    }
}
