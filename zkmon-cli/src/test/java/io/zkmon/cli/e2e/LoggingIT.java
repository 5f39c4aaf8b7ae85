package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkmon.testkit.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging through the runnable jar: JSON lines and syslog need Log4j plugins that only work when the jar is shaded right. */
class LoggingIT {

    @TempDir
    Path dir;

    @Test
    void textLinesLookLikeTheOldDaemons() throws Exception {
        Path file = Files.writeString(dir.resolve("t.yaml"), "/services/t: {children: 1}\n");
        try (ZkmonProcess p = ZkmonProcess.start("-l", "INFO", "-p", String.valueOf(FreePorts.find()),
                "-z", "127.0.0.1:" + FreePorts.find(), "-f", file.toString())) {
            p.awaitOutput("starting", Duration.ofSeconds(30));
            p.signal("TERM");
            p.awaitExit(Duration.ofSeconds(10));

            assertThat(p.stderr().lines().findFirst().orElseThrow())
                    .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} \\[" + p.pid() + "\\] \\[io\\.zkmon\\.cli\\.DaemonCommand\\] "
                            + "\\(INFO\\) zkmon .* starting: .*");
        }
    }

    @Test
    void jsonLines() throws Exception {
        Path file = Files.writeString(dir.resolve("j.yaml"), "/services/j: {children: 1}\n");
        try (ZkmonProcess p = ZkmonProcess.start("-l", "INFO", "--log_format", "json", "-p", String.valueOf(FreePorts.find()),
                "-z", "127.0.0.1:" + FreePorts.find(), "-f", file.toString())) {
            p.awaitOutput("starting", Duration.ofSeconds(30));
            p.signal("TERM");
            p.awaitExit(Duration.ofSeconds(10));

            ObjectMapper json = new ObjectMapper();
            for (String line : p.stderr().lines().toList()) {
                JsonNode n = json.readTree(line);
                assertThat(n.path("message").isTextual()).as(line).isTrue();
                assertThat(n.path("log.level").asText()).as(line).isIn("INFO", "WARN", "ERROR");
            }
            JsonNode first = json.readTree(p.stderr().lines().findFirst().orElseThrow());
            assertThat(first.path("log.logger").asText()).isEqualTo("io.zkmon.cli.DaemonCommand");
            assertThat(first.path("process.pid").asText()).isEqualTo(String.valueOf(p.pid()));
        }
    }

    @Test
    void syslogWithTheGivenFacility() throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), "/services/s: {children: 1}\n");
        try (DatagramSocket syslog = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            syslog.setSoTimeout(30_000);
            try (ZkmonProcess p = ZkmonProcess.start(
                    List.of("-Dzkmon.log.syslog.host=127.0.0.1", "-Dzkmon.log.syslog.port=" + syslog.getLocalPort()),
                    List.of("-s", "local0", "-l", "INFO", "-p", String.valueOf(FreePorts.find()), "-z", "127.0.0.1:" + FreePorts.find(),
                            "-f", file.toString()),
                    Map.of())) {
                DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
                syslog.receive(packet);
                String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);

                // RFC 5424: <PRI>1 TIMESTAMP HOST APP ...; local0 (16) * 8 + info (6) = 134
                assertThat(message).startsWith("<134>1 ").contains(" zkmon ").contains("starting");
                assertThat(p.stderr()).as("logs go to syslog instead of the console").doesNotContain("starting");
                p.signal("TERM");
                assertThat(p.awaitExit(Duration.ofSeconds(10))).isZero();
            }
        }
    }
}
