package io.zkmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.Compliance;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {

    private static CheckReport.Line path(String path, Compliance c, int children) {
        return new CheckReport.Line(path, c.state(), children, c.message());
    }

    @Test
    void allInSpecIsOk() {
        CheckReport r = new CheckReport(List.of(path("/services/foo/min_0", Compliance.OK, 0), path("/services/foo/min_1", Compliance.OK, 1)));

        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.statusLine()).isEqualTo("ZKMON OK - all 2 paths in spec | paths=2 out_of_spec=0 unknown=0");
    }

    @Test
    void anyOutOfSpecIsAWarningNamingThePaths() {
        CheckReport r = new CheckReport(List.of(
                path("/services/foo/min_0", Compliance.OK, 0),
                path("/services/foo/min_3", Compliance.error("Found children (2) less than minimum (3)"), 2),
                path("/services/foo/other", Compliance.unknown("not read yet"), 0)));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.statusLine()).isEqualTo("ZKMON WARNING - 1 of 3 paths out of spec: /services/foo/min_3 | paths=3 out_of_spec=1 unknown=1");
    }

    @Test
    void unknownWithoutOutOfSpecIsUnknown() {
        CheckReport r = new CheckReport(List.of(path("/a", Compliance.OK, 1), path("/b", Compliance.unknown("Cannot read: NoAuth"), 0)));

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.statusLine()).startsWith("ZKMON UNKNOWN - 1 of 2 paths unknown: /b");
    }

    @Test
    void theTableAlignsItsColumns() {
        CheckReport r = new CheckReport(List.of(
                path("/services/foo/min_1", Compliance.error("Found children (0) less than minimum (1)"), 0),
                path("/b", Compliance.OK, 12),
                path("/c", Compliance.unknown("no connection"), 0)));

        assertThat(r.table()).isEqualTo("""
                PATH                 STATE    CHILDREN  MESSAGE
                /services/foo/min_1  Error    0         Found children (0) less than minimum (1)
                /b                   OK       12        All checks pass.
                /c                   Unknown  -         no connection
                """);
    }

    @Test
    void labelsAreNagios() {
        assertThat(CheckReport.label(0)).isEqualTo("OK");
        assertThat(CheckReport.label(1)).isEqualTo("WARNING");
        assertThat(CheckReport.label(2)).isEqualTo("CRITICAL");
        assertThat(CheckReport.label(3)).isEqualTo("UNKNOWN");
    }
}
