package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.MailSink;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert receivers failing while an alert goes out, through the real daemon: an SMTP server refusing connections, a
 * webhook answering 500, a webhook that hangs past its timeout. Each is retried with backoff and delivered when it is
 * back; a healthy alerter and evaluation are not held up; an alert given up after the retry window is logged,
 * counted in metrics and shown in the API.
 */
class SinkFailuresIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void failingReceiversAreRetriedUntilBackAndWhatIsGivenUpIsShown() throws Exception {
        assumeTrue(Jar.hasAlerterType("email") && Jar.hasAlerterType("webhook") && Jar.hasHttp(), "needs alerts and http in the jar");
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             MailSink mail = MailSink.smtp();
             HttpSink failing = HttpSink.start();
             HttpSink hanging = HttpSink.start();
             HttpSink healthy = HttpSink.start();
             HttpSink dead = HttpSink.start()) {
            data.instance("/svc/a", "a1").instance("/svc/b", "b1").instance("/svc/c", "c1");
            Path file = Files.writeString(dir.resolve("sinks.yaml"), """
                    settings:
                      retry: {initial_delay: 300ms, max_delay: 1s, max_attempts: 100, window: 4s}
                    alerters:
                      mail:    {type: email, to: [ops@example.com], smtp: {host: 127.0.0.1, port: %d, from: zkmon@example.com}}
                      failing: {type: webhook, url: "%s"}
                      hanging: {type: webhook, url: "%s", timeout: 1s}
                      healthy: {type: webhook, url: "%s"}
                      dead:    {type: webhook, url: "%s"}
                    /svc/a: {children: 1, alerter: [mail, failing, hanging, healthy]}
                    /svc/b: {children: 1}
                    /svc/c: {children: 1, alerter: [dead]}
                    """.formatted(mail.port(), failing.url("/f"), hanging.url("/h"), healthy.url("/ok"), dead.url("/d")));
            int port = FreePorts.find();
            try (ZkmonProcess p = ZkmonProcess.start("-z", zk.connectString(), "-f", file.toString(), "-p", String.valueOf(port),
                    "-l", "INFO")) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> StatusPage.get(port).at("/monitor/compliance").path("/svc/a").asBoolean());

                mail.stop();
                failing.answer(500, "");
                hanging.stall();
                dead.answer(500, "");
                data.remove("/svc/a/a1").remove("/svc/c/c1");

                // the healthy alerter is not held up by the others, and evaluation goes on
                await().atMost(Duration.ofSeconds(10)).until(() -> healthy.bodies().size() == 1);
                data.remove("/svc/b/b1");
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> StatusPage.get(port).at("/monitor/paths/~1svc~1b/state").asText().equals("Error"));
                await().atMost(Duration.ofSeconds(10)).until(() -> failing.refused() >= 2 && hanging.refused() >= 1);

                // the receivers come back inside the retry window: each gets the alert once
                mail.start();
                failing.answer(200, "");
                hanging.answer(200, "");
                await().atMost(Duration.ofSeconds(15)).until(() -> mail.summaries().size() == 1 && failing.bodies().size() == 1
                        && hanging.bodies().size() == 1);
                assertThat(mail.summaries()).containsExactly("ops@example.com: [zkmon] /svc/a out of spec");

                // the dead one never comes back: given up after the window, and said so in the log, metrics and API
                p.awaitOutput("Gave up a firing notification for /svc/c via dead", Duration.ofSeconds(20));
                String metrics = get(port, "/metrics");
                assertThat(metrics).contains("zkmon_notifications_total{alerter=\"dead\",outcome=\"gave_up\"} 1.0");
                assertThat(metrics).containsPattern("zkmon_notifications_total\\{alerter=\"failing\",outcome=\"retry\"} [1-9]");
                assertThat(metrics).contains("zkmon_notifications_total{alerter=\"failing\",outcome=\"sent\"} 1.0");
                JsonNode c = new ObjectMapper().readTree(get(port, "/api/v1/paths/svc/c"));
                assertThat(c.at("/alert/deliveries")).anySatisfy(d -> {
                    assertThat(d.path("alerter").asText()).isEqualTo("dead");
                    assertThat(d.path("outcome").asText()).isEqualTo("gave_up");
                    assertThat(d.path("detail").asText()).contains("500");
                });
                assertThat(healthy.bodies()).hasSize(1);
            }
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
