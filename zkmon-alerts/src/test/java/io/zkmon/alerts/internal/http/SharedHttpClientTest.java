package io.zkmon.alerts.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.SendResult;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One client per provider, made on first use and dropped when the last alerter closes. */
class SharedHttpClientTest {

    @Test
    void isCreatedOnFirstUseSharedAndDroppedWithTheLastUser() {
        SharedHttpClient shared = new SharedHttpClient();
        assertThat(shared.isOpen()).isFalse();

        var first = shared.acquire();
        var second = shared.acquire();
        assertThat(second).isSameAs(first);

        shared.release();
        assertThat(shared.isOpen()).isTrue();
        shared.release();
        assertThat(shared.isOpen()).isFalse();

        assertThat(shared.acquire()).as("a reloaded alerter gets a new one").isNotSameAs(first);
        shared.release();
    }

    @Test
    void aSenderThatNeverSentNeitherCreatesNorReleasesTheClient() {
        SharedHttpClient shared = new SharedHttpClient();
        var other = shared.acquire();
        new HttpSender("Svc", Duration.ofSeconds(1), Redactor.none(), shared).close();
        assertThat(shared.isOpen()).isTrue();
        assertThat(shared.acquire()).isSameAs(other);
    }

    @Test
    void aClosedSenderAnswersRetryableSoTheRetryReachesTheReloadedAlerter() {
        HttpSender sender = new HttpSender("Svc", Duration.ofSeconds(1), Redactor.none(), new SharedHttpClient());
        sender.close();
        HttpReply r = sender.postJson(URI.create("http://127.0.0.1:9/x"), Map.of(), "{}");
        assertThat(r.result()).isEqualTo(SendResult.retryable("Svc alerter is closed"));
    }
}
