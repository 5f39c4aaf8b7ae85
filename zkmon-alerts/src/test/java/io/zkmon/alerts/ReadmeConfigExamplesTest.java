package io.zkmon.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.spec.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML examples of the README load as they are, with the real alert backends. */
class ReadmeConfigExamplesTest {

    private static List<String> yamlBlocks() throws Exception {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (current == null && line.equals("```yaml")) {
                current = new StringBuilder();
            } else if (current != null && line.equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    @Test
    void theOldFormExampleLoadsWithoutWarnings() throws Exception {
        MonitorConfig c = Configs.parse(yamlBlocks().get(0));
        assertThat(c.paths()).hasSize(3);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void theExtendedExampleLoads() throws Exception {
        MonitorConfig c = Configs.parse(yamlBlocks().get(1), Map.of("SMTP_PASSWORD", "p", "SLACK_WEBHOOK", "https://hooks.slack.com/services/x"));
        assertThat(c.spec("/config/leader").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(c.spec("/config/leader").labels()).containsEntry("team", "platform");
        assertThat(c.alerters()).containsKeys("oncall", "team");
        c.alerters().values().forEach(d -> d.alerter().close());
    }
}
