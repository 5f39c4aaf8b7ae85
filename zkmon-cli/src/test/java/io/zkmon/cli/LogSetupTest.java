package io.zkmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log lines zkmon writes, through the real log4j2.xml. */
class LogSetupTest {

    private static final long PID = ProcessHandle.current().pid();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream realErr;
    private PrintStream realOut;

    @BeforeEach
    void captureConsole() {
        realErr = System.err;
        realOut = System.out;
        // the console appender takes System.err/out when Log4j (re)configures, so swap them first
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setErr(realErr);
        System.setOut(realOut);
        LogSetup.apply(LogLevel.WARN, LogLevel.WARN, LogSetup.Libraries.FOLLOW, "text", null);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void textLinesLookLikeTheOldDaemons() {
        LogSetup.apply(LogLevel.INFO, LogLevel.INFO, LogSetup.Libraries.FOLLOW, "text", null);

        LoggerFactory.getLogger("io.zkmon.core.WatchEngine").info("Connected to ZooKeeper (session 0x{})", "1a2b");

        assertThat(errLines()).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} \\[" + PID + "\\] \\[io\\.zkmon\\.core\\.WatchEngine\\] \\(INFO\\) "
                        + "Connected to ZooKeeper \\(session 0x1a2b\\)");
    }

    @Test
    void theLevelAppliesToZkmonAndLibrariesStayAtWarn() {
        LogSetup.apply(LogLevel.INFO, LogLevel.INFO, LogSetup.Libraries.FOLLOW, "text", null);

        LoggerFactory.getLogger("io.zkmon.core.X").debug("zkmon debug");
        LoggerFactory.getLogger("io.zkmon.core.X").info("zkmon info");
        LoggerFactory.getLogger("org.apache.curator.X").info("curator info");
        LoggerFactory.getLogger("org.apache.curator.X").warn("curator warn");

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("zkmon info").contains("curator warn")
                .doesNotContain("zkmon debug").doesNotContain("curator info");
    }

    @Test
    void atDebugLibrariesShowInfoButNotTheirDebugFloods() {
        LogSetup.apply(LogLevel.DEBUG, LogLevel.DEBUG, LogSetup.Libraries.FOLLOW, "text", null);

        LoggerFactory.getLogger("io.zkmon.core.X").debug("zkmon debug");
        LoggerFactory.getLogger("org.apache.zookeeper.ClientCnxn").debug("ping");
        LoggerFactory.getLogger("org.apache.zookeeper.ZooKeeper").info("zookeeper info");

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("zkmon debug").contains("zookeeper info").doesNotContain("ping");
    }

    @Test
    void theDefaultWarnLevelHidesInfoAndTheZooKeeperClientsReconnectNoise() {
        LogSetup.apply(LogLevel.WARN, LogLevel.WARN, LogSetup.Libraries.FOLLOW, "text", null);

        LoggerFactory.getLogger("io.zkmon.core.X").info("zkmon info");
        LoggerFactory.getLogger("io.zkmon.core.X").warn("zkmon warn");
        LoggerFactory.getLogger("org.apache.zookeeper.ClientCnxn").warn("Session 0x0 for server localhost/127.0.0.1:2181, Closing socket");
        LoggerFactory.getLogger("io.zkmon.alert").warn("ALERT /a out of spec");
        LoggerFactory.getLogger("io.zkmon.alert").info("RECOVERED /a back in spec");

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("zkmon warn").contains("ALERT /a")
                .doesNotContain("zkmon info").doesNotContain("Closing socket").doesNotContain("RECOVERED");
    }

    @Test
    void stackTracesFollowTheLine() {
        LogSetup.apply(LogLevel.WARN, LogLevel.WARN, LogSetup.Libraries.FOLLOW, "text", null);

        LoggerFactory.getLogger("io.zkmon.cli.X").error("A monitor listener failed", new IllegalStateException("boom"));

        assertThat(errLines().get(0)).endsWith("(ERROR) A monitor listener failed");
        assertThat(errLines().get(1)).isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void jsonLinesAreOneObjectEach() throws Exception {
        LogSetup.apply(LogLevel.INFO, LogLevel.INFO, LogSetup.Libraries.FOLLOW, "json", null);

        Logger log = LoggerFactory.getLogger("io.zkmon.core.WatchEngine");
        log.info("Connected to ZooKeeper");
        log.warn("Lost connection to ZooKeeper", new IllegalStateException("gone"));

        List<String> lines = errLines();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.path("message").asText()).isEqualTo("Connected to ZooKeeper");
        assertThat(first.path("log.level").asText()).isEqualTo("INFO");
        assertThat(first.path("log.logger").asText()).isEqualTo("io.zkmon.core.WatchEngine");
        assertThat(first.path("service.name").asText()).isEqualTo("zkmon");
        assertThat(first.path("process.pid").asText()).isEqualTo(String.valueOf(PID));
        assertThat(first.has("@timestamp")).isTrue();
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.path("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(second.path("error.message").asText()).isEqualTo("gone");
    }

    @Test
    void javaUtilLoggingLinesComeOutInTheSameJsonFormat() throws Exception {
        LogSetup.apply(LogLevel.INFO, LogLevel.INFO, LogSetup.Libraries.FOLLOW, "json", null);

        // as Angus Mail logs: through java.util.logging
        java.util.logging.Logger.getLogger("org.eclipse.angus.mail.smtp").warning("could not connect to SMTP host");
        java.util.logging.Logger.getLogger("org.eclipse.angus.mail.smtp").fine("a debug line, below the level");

        List<String> lines = errLines();
        assertThat(lines).singleElement();
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("message").asText()).isEqualTo("could not connect to SMTP host");
        assertThat(line.path("log.level").asText()).isEqualTo("WARN");
        assertThat(line.path("log.logger").asText()).isEqualTo("org.eclipse.angus.mail.smtp");
        assertThat(line.path("service.name").asText()).isEqualTo("zkmon");
    }

    @Test
    void theDemoWritesShortLinesToStdoutAndSilencesLibraries() {
        LogSetup.configureDemo(LogLevel.WARN);

        LoggerFactory.getLogger("io.zkmon.demo").info("sim    web-2 crashed");
        LoggerFactory.getLogger("io.zkmon.alert").info("RECOVERED /services/web back in spec");
        LoggerFactory.getLogger("io.zkmon.core.X").info("engine chatter");
        LoggerFactory.getLogger("org.apache.zookeeper.server.ZooKeeperServer").error("server chatter");

        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(console.lines()).containsExactly(
                console.lines().findFirst().orElseThrow().substring(0, 8) + "  sim    web-2 crashed",
                console.lines().skip(1).findFirst().orElseThrow().substring(0, 8) + "  RECOVERED /services/web back in spec");
        assertThat(console.lines().findFirst().orElseThrow()).matches("\\d\\d:\\d\\d:\\d\\d  .*");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
