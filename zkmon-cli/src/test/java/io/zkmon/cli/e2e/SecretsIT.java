package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.MailSink;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known secret strings configured everywhere a secret can go (ZooKeeper password, API token, SMTP password, Slack and
 * HipChat tokens, a PagerDuty routing key, a webhook URL with credentials), then every code path that talks about
 * them: validate, check, the daemon at DEBUG with every alerter failing against receivers that echo what they got,
 * a bad reload, every HTTP endpoint, a wrong token. None of the strings may appear in any output. Also: with
 * credentials, zkmon's znodes are closed to a client without them.
 */
class SecretsIT {

    private static final String ZK_PASS = "zkP4ss-sEcr3t-01";
    private static final String API_TOKEN = "apiT0k-sEcr3t-02";
    private static final String SMTP_PASS = "smtpP4ss-sEcr3t-03";
    private static final String SLACK_TOKEN = "xoxb-sEcr3t-04";
    private static final String HIPCHAT_TOKEN = "hipT0k-sEcr3t-05";
    private static final String ROUTING_KEY = "pdR0ut-sEcr3t-06";
    private static final String HOOK_PASS = "hookP4ss-sEcr3t-07";
    private static final String HOOK_TOKEN = "hookT0k-sEcr3t-08";
    private static final List<String> SECRETS = List.of(ZK_PASS, API_TOKEN, SMTP_PASS, SLACK_TOKEN, HIPCHAT_TOKEN, ROUTING_KEY, HOOK_PASS,
            HOOK_TOKEN);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void noSecretEverShowsAndZkmonsZnodesAreClosedToStrangers() throws Exception {
        assumeTrue(Jar.hasAlerterType("slack") && Jar.hasHttp() && Jar.hasCluster(), "needs alerts, http and cluster in the jar");
        StringBuilder seen = new StringBuilder();
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             MailSink mail = MailSink.smtp();
             HttpSink echo = echoSink()) {
            data.instance("/svc/a", "a1");
            String config = """
                    settings:
                      retry: {initial_delay: 200ms, max_delay: 500ms, window: 3s}
                    alerters:
                      mail:  {type: email, to: [ops@example.com], smtp: {host: 127.0.0.1, port: %d, username: zkmon, password: "%s"}}
                      chat:  {type: slack, channel: "#ops", token: "%s", url: "%s"}
                      room:  {type: hipchat, room: ops, token: "%s", url: "%s"}
                      pager: {type: pagerduty, routing_key: "%s", url: "%s"}
                      hook:  {type: webhook, url: "%s"}
                    /svc/a: {children: 1, alerter: [mail, chat, room, pager, hook]}
                    """.formatted(mail.port(), SMTP_PASS, SLACK_TOKEN, echo.url("/slack"), HIPCHAT_TOKEN, echo.url("/hipchat"), ROUTING_KEY,
                    echo.url("/pd"), echo.url("/hook").toString().replace("http://", "http://zkmon:" + HOOK_PASS + "@") + "?token=" + HOOK_TOKEN);
            Path file = Files.writeString(dir.resolve("secrets.yaml"), config);
            Map<String, String> env = Map.of();

            ZkmonProcess validate = ZkmonProcess.run(env, "validate", "-f", file.toString());
            seen.append(validate.stdout()).append(validate.stderr());
            assertThat(validate.exitCode()).as(validate.output()).isZero();

            ZkmonProcess check = ZkmonProcess.run(env, "check", "-z", zk.connectString(), "-f", file.toString(), "--zookeeper_user", "zkmon",
                    "--zookeeper_pass", ZK_PASS);
            seen.append(check.stdout()).append(check.stderr());

            int port = FreePorts.find();
            try (ZkmonProcess p = ZkmonProcess.start("-l", "DEBUG", "-z", zk.connectString(), "-f", file.toString(), "-p",
                    String.valueOf(port), "--zookeeper_user", "zkmon", "--zookeeper_pass", ZK_PASS, "--api_token", API_TOKEN)) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> StatusPage.get(port).at("/monitor/compliance").path("/svc/a").asBoolean());

                // every receiver fails, echoing back what it was sent: the errors must still be clean
                mail.stop();
                data.remove("/svc/a/a1");
                p.awaitOutput("Gave up a firing notification for /svc/a via hook", Duration.ofSeconds(30));
                assertThat(echo.requests().size()).as("the receivers were really called").isGreaterThanOrEqualTo(4);

                for (String endpoint : List.of("/", "/status", "/health", "/ready", "/metrics", "/api/v1/summary", "/api/v1/paths",
                        "/api/v1/paths/svc/a", "/api/v1/agents", "/api/v1/silences", "/ui/")) {
                    seen.append(get(port, endpoint, null).body());
                }
                String silence = "{\"path\": \"/svc/*\", \"duration\": \"1h\", \"comment\": \"" + API_TOKEN.substring(0, 4) + "\", \"author\": \"t\"}";
                HttpResponse<String> wrong = post(port, "/api/v1/silences", "Bearer " + API_TOKEN + "x", silence);
                assertThat(wrong.statusCode()).isEqualTo(401);
                seen.append(wrong.body()).append(wrong.headers().map());
                HttpResponse<String> right = post(port, "/api/v1/silences", "Bearer " + API_TOKEN, silence);
                assertThat(right.statusCode()).as(right.body()).isEqualTo(201);
                seen.append(right.body());

                // a reload with a broken file naming the secrets is refused and logged
                Files.writeString(file, config + "/svc/b: {chidren: 1, alerter: [nope]}\n");
                if (!p.ignores(1)) {
                    p.signal("HUP"); // else the save itself reloads it
                }
                p.awaitOutput("chidren", Duration.ofSeconds(20));

                // ACLs: with credentials, nobody else may touch zkmon's znodes
                try (CuratorFramework stranger = CuratorFrameworkFactory.newClient(zk.connectString(), new RetryOneTime(100))) {
                    stranger.start();
                    stranger.blockUntilConnected();
                    String base = "/zk_monitor/zkmonitor";
                    for (String child : List.of("state", "locks", "silences")) {
                        String path = base + "/" + child;
                        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stranger.getData().forPath(path))
                                .as(path).isInstanceOf(KeeperException.NoAuthException.class);
                        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stranger.create().forPath(path + "/intruder"))
                                .as(path).isInstanceOf(KeeperException.NoAuthException.class);
                        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stranger.setData().forPath(path, new byte[1]))
                                .as(path).isInstanceOf(KeeperException.NoAuthException.class);
                    }
                }

                p.signal("TERM");
                p.awaitExit(Duration.ofSeconds(10));
                seen.append(p.stdout()).append(p.stderr());
            }
        }
        String all = seen.toString();
        assertThat(all).as("output was captured").contains("/svc/a");
        for (String secret : SECRETS) {
            assertThat(all).as("a secret leaked").doesNotContain(secret);
        }
    }

    private static HttpResponse<String> get(int port, String path, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String auth, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A receiver that fails every request and echoes back the headers, URL and body it got, secrets included. */
    private static HttpSink echoSink() throws IOException {
        return HttpSink.start().answer(r -> {
            String echoed = r.path() + (r.query() != null ? "?" + r.query() : "") + " " + r.headers() + " " + r.body();
            return HttpSink.Answer.of(r.path().startsWith("/slack") ? 200 : 500,
                    "{\"ok\": false, \"error\": \"invalid_auth\", \"message\": \"you sent " + echoed.replace("\"", "'") + "\"}");
        });
    }
}
