package io.zkmon.alerts.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void replacesEverySecretAndItsUrlEncodedForm() {
        Redactor r = Redactor.of(List.of("p@ss word!"));
        assertThat(r.scrub("login p@ss word! failed; form=p%40ss+word%21")).isEqualTo("login **** failed; form=****");
    }

    @Test
    void ignoresMissingAndVeryShortValues() {
        Redactor r = Redactor.of(java.util.Arrays.asList(null, "ab", "long-secret"));
        assertThat(r.scrub("ab long-secret")).isEqualTo("ab ****");
    }

    @Test
    void hidesEveryPartOfASecretUrlThatMayCarryAToken() {
        Redactor r = Redactor.none().withSecretUrl(URI.create("https://user:pw1234@hooks.example.com/services/T0/B0/XYZ123?token=abcd1234"));
        assertThat(r.scrub("POST /services/T0/B0/XYZ123 failed")).isEqualTo("POST **** failed");
        assertThat(r.scrub("token=abcd1234")).isEqualTo("****");
        assertThat(r.scrub("user:pw1234")).isEqualTo("****");
    }

    @Test
    void anOriginNeverCarriesCredentialsPathOrQuery() {
        assertThat(Redactor.origin(URI.create("https://user:pw@hooks.example.com:8443/a/b?t=1"))).isEqualTo("https://hooks.example.com:8443");
        assertThat(Redactor.origin(URI.create("http://am:9093"))).isEqualTo("http://am:9093");
        assertThat(Redactor.origin(URI.create("https://events.pagerduty.com/v2/enqueue"))).isEqualTo("https://events.pagerduty.com");
    }

    @Test
    void anExcerptIsOneShortScrubbedLineAndSkipsHtmlPages() {
        Redactor r = Redactor.of(List.of("tok-1234"));
        assertThat(r.excerpt("  bad\n  token tok-1234\n", 100)).isEqualTo("bad token ****");
        assertThat(r.excerpt("<html><body>502 Bad Gateway</body></html>", 100)).isEmpty();
        assertThat(r.excerpt("x".repeat(50), 10)).isEqualTo("xxxxxxx...");
        assertThat(r.excerpt(null, 10)).isEmpty();
    }
}
