package io.zkmon.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which environment variables a config may use, and how: {@code ${VAR}} is replaced in secrets, elsewhere only for
 * variables in {@code settings.env_allow} (names, or prefixes ending in {@code *}); variables holding zkmon's own
 * secrets are never replaced; a variable not set takes its {@code :-default} or is a problem; {@code $$} is a dollar.
 */
class ConfigEnvironmentTest {

    private final ConfigEnvironment env = new ConfigEnvironment(Map.of(
            "SMTP_PASSWORD", "s3cret",
            "MAIL_HOST", "smtp.example.com",
            "MAIL_PORT", "587",
            "EMPTY", "",
            "ODD", "a$1\\b",
            "ZKMON_API_TOKEN", "zkmon-token",
            "ZKMON_ZK_PASSWORD", "zk-pass",
            "ZKMON_CLUSTER", "prod"));
    private final List<String> problems = new ArrayList<>();

    private String secret(String raw) {
        return env.interpolate(raw, "alerters.mail.password", true, problems::add);
    }

    private String plain(String raw) {
        return env.interpolate(raw, "alerters.mail.host", false, problems::add);
    }

    @Test
    void textWithoutADollarIsLeftAlone() {
        assertThat(plain("smtp.example.com")).isEqualTo("smtp.example.com");
        assertThat(problems).isEmpty();
    }

    @Test
    void aDoubleDollarIsOneDollar() {
        assertThat(plain("pa$$word ${'$'}$${MAIL_HOST}")).isEqualTo("pa$word ${'$'}${MAIL_HOST}");
        assertThat(problems).isEmpty();
    }

    @Test
    void aSecretMayUseAnyVariable() {
        assertThat(secret("${SMTP_PASSWORD}")).isEqualTo("s3cret");
        assertThat(problems).isEmpty();
    }

    @Test
    void aFieldThatIsNotASecretMayNotUseAVariableUnlessAllowedAndSaysHowToAllowIt() {
        assertThat(plain("${MAIL_HOST}")).isEmpty();

        assertThat(problems).singleElement().asString()
                .contains("'alerters.mail.host'", "${MAIL_HOST}", "not a secret", "settings.env_allow: [MAIL_HOST]")
                .doesNotContain("smtp.example.com");
    }

    @Test
    void anAllowedVariableIsReplacedAnywhere() {
        env.allow(List.of("MAIL_HOST"));

        assertThat(plain("${MAIL_HOST}:25")).isEqualTo("smtp.example.com:25");
        assertThat(plain("${MAIL_PORT}")).isEmpty();
        assertThat(problems).hasSize(1);
    }

    @Test
    void anAllowEntryEndingInAStarAllowsEveryVariableWithThatPrefix() {
        env.allow(List.of("MAIL_*"));

        assertThat(plain("${MAIL_HOST}:${MAIL_PORT}")).isEqualTo("smtp.example.com:587");
        assertThat(plain("${SMTP_PASSWORD}")).isEmpty();
        assertThat(problems).hasSize(1);
    }

    @Test
    void zkmonsOwnSecretsAreNeverReplacedEvenInASecretOrWhenAllowed() {
        env.allow(List.of("ZKMON_*"));

        assertThat(secret("${ZKMON_API_TOKEN}")).isEmpty();
        assertThat(plain("${ZKMON_ZK_PASSWORD}")).isEmpty();
        assertThat(plain("${ZKMON_CLUSTER}")).as("not a secret of zkmon").isEqualTo("prod");

        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).contains("secret of zkmon itself").doesNotContain("zkmon-token", "zk-pass"));
    }

    @Test
    void anUnsetVariableTakesItsDefault() {
        assertThat(secret("${NOT_SET:-fallback}")).isEqualTo("fallback");
        assertThat(secret("${NOT_SET:-}")).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnsetVariableWithoutADefaultIsAProblemThatShowsHowToGiveOne() {
        assertThat(secret("x${NOT_SET}y")).isEqualTo("xy");

        assertThat(problems).singleElement().asString().contains("'NOT_SET'", "'alerters.mail.password'", "not set", "${NOT_SET:-default}");
    }

    @Test
    void aVariableSetToNothingIsAProblemNamedAsEmptyAndTakesTheDefault() {
        assertThat(secret("${EMPTY:-fallback}")).isEqualTo("fallback");
        assertThat(secret("${EMPTY}")).isEmpty();
        assertThat(problems).singleElement().asString().contains("'EMPTY'", "is empty");
    }

    @Test
    void aValueIsInsertedLiterallyDollarsAndBackslashesIncluded() {
        assertThat(secret("${ODD}")).isEqualTo("a$1\\b");
        assertThat(problems).isEmpty();
    }

    @Test
    void zkmonsOwnSecretsAreThoseOfItsPrefixNamingAPasswordTokenSecretKeyOrCredential() {
        assertThat(ConfigEnvironment.isZkmonSecret("ZKMON_API_TOKEN")).isTrue();
        assertThat(ConfigEnvironment.isZkmonSecret("ZKMON_ZK_PASSWORD")).isTrue();
        assertThat(ConfigEnvironment.isZkmonSecret("ZKMON_TLS_KEY")).isTrue();
        assertThat(ConfigEnvironment.isZkmonSecret("ZKMON_SECRET")).isTrue();
        assertThat(ConfigEnvironment.isZkmonSecret("ZKMON_GCP_CREDENTIALS")).isTrue();
        assertThat(ConfigEnvironment.isZkmonSecret("ZKMON_CLUSTER")).isFalse();
        assertThat(ConfigEnvironment.isZkmonSecret("SMTP_PASSWORD")).as("not zkmon's own").isFalse();
    }

    @Test
    void theEnvironmentWithoutZkmonsSecretsKeepsEverythingElse() {
        assertThat(env.withoutZkmonSecrets()).containsKeys("SMTP_PASSWORD", "ZKMON_CLUSTER").doesNotContainKeys("ZKMON_API_TOKEN", "ZKMON_ZK_PASSWORD");
    }
}
