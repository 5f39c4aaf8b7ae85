package io.zkmon.alerts.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.alert.SendResult.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpFailuresTest {

    private static final Redactor REDACTOR = Redactor.of(List.of("tok-secret"));

    private static SendResult status(int code, String body) {
        return HttpFailures.forStatus("Svc", "https://svc.example.com", code, body, null, REDACTOR);
    }

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({
        "200, SENT", "202, SENT", "204, SENT",
        "301, PERMANENT", "307, PERMANENT",
        "400, PERMANENT", "401, PERMANENT", "403, PERMANENT", "404, PERMANENT", "410, PERMANENT", "413, PERMANENT", "422, PERMANENT",
        "408, RETRYABLE", "425, RETRYABLE", "429, RETRYABLE",
        "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE", "504, RETRYABLE"})
    void statusesAreClassified(int code, Outcome expected) {
        assertThat(status(code, "").outcome()).isEqualTo(expected);
    }

    @Test
    void aDetailNamesServiceOriginStatusAHintAndTheScrubbedAnswer() {
        assertThat(status(401, "{\"error\":\"invalid token tok-secret\"}").detail())
                .isEqualTo("Svc at https://svc.example.com answered HTTP 401 (check the token or key): {\"error\":\"invalid token ****\"}");
        assertThat(HttpFailures.forStatus("Svc", "https://svc.example.com", 429, "", "30", REDACTOR).detail())
                .isEqualTo("Svc at https://svc.example.com answered HTTP 429 (Retry-After: 30)");
    }

    @Test
    void everyFailureToGetAnAnswerIsRetryable() {
        Duration t = Duration.ofSeconds(10);
        String o = "https://svc.example.com";
        assertThat(HttpFailures.forException("Svc", o, new ConnectException(), t, REDACTOR))
                .isEqualTo(SendResult.retryable("could not connect to Svc at https://svc.example.com (connection refused)"));
        assertThat(HttpFailures.forException("Svc", o, new CompletionException(new HttpConnectTimeoutException("x")), t, REDACTOR).detail())
                .contains("could not connect", "connect timeout");
        assertThat(HttpFailures.forException("Svc", o, new HttpTimeoutException("request timed out"), t, REDACTOR).detail())
                .isEqualTo("no answer from Svc at https://svc.example.com within 10s");
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));
        assertThat(HttpFailures.forException("Svc", o, untrusted, t, REDACTOR).detail()).contains("certificate", "not trusted");
        assertThat(HttpFailures.forException("Svc", o, new IOException("stream reset tok-secret"), t, REDACTOR))
                .isEqualTo(SendResult.retryable("could not talk to Svc at https://svc.example.com (IOException: stream reset ****)"));
    }
}
