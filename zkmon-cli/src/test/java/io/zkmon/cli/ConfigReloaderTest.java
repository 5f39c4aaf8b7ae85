package io.zkmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.config.MonitorConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReloaderTest {

    private final ConfigLoader loader = ConfigLoader.create(AlerterRegistry.of(List.of()), Map.of());

    private MonitorConfig config(String yaml) {
        return loader.parse(yaml, "test.yaml");
    }

    @Test
    void summaryNamesAddedRemovedAndChangedPaths() {
        MonitorConfig before = config("""
                /a: {children: 1}
                /b: {children: 1}
                /c: {data: {regex: 'x+'}}
                """);
        MonitorConfig after = config("""
                /a: {children: 1}
                /c: {data: {regex: 'y+'}}
                /d: {children: 2}
                """);

        assertThat(ConfigReloader.summary(before, after)).isEqualTo("3 paths; added /d; removed /b; changed /c");
    }

    @Test
    void summaryOfTheSameFileSaysSoEvenWithRegexRules() {
        String yaml = """
                /a: {children: 1}
                /c: {data: {regex: 'x+'}}
                """;

        assertThat(ConfigReloader.summary(config(yaml), config(yaml))).isEqualTo("2 paths; no path changed");
    }
}
