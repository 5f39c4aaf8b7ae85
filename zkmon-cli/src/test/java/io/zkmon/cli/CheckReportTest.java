package io.zkmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {

    private static CheckReport.Line path(String path, Compliance c, int children) {
        return new CheckReport.Line(path, c.state(), children, c.message());
    }

    private static CheckReport.Line path(String path, Compliance c, Severity severity) {
        return new CheckReport.Line(path, c.state(), 0, c.message(), severity);
    }

    @Test
    void allInSpecIsOk() {
        CheckReport r = new CheckReport(List.of(path("/services/foo/min_0", Compliance.OK, 0), path("/services/foo/min_1", Compliance.OK, 1)));

        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.statusLine()).isEqualTo("ZKMON OK - all 2 paths in spec | paths=2 out_of_spec=0 unknown=0");
    }

    @Test
    void aWarningPathOutOfSpecIsAWarningNamingThePath() {
        CheckReport r = new CheckReport(List.of(
                path("/services/foo/min_0", Compliance.OK, 0),
                path("/services/foo/min_3", Compliance.error("Found children (2) less than minimum (3)"), 2)));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.statusLine()).isEqualTo("ZKMON WARNING - 1 of 2 paths out of spec (warning: /services/foo/min_3) | paths=2 out_of_spec=1 unknown=0");
    }

    @Test
    void severityGivesTheExitCodeAndWhatCannotBeSeenOutranksAWarning() {
        Compliance down = Compliance.error("Found children (0) less than minimum (1)");
        assertThat(new CheckReport(List.of(path("/a", down, Severity.CRITICAL), path("/b", down, Severity.WARNING))).exitCode())
                .isEqualTo(2);
        assertThat(new CheckReport(List.of(path("/a", down, Severity.INFO), path("/b", Compliance.OK, Severity.CRITICAL))).exitCode())
                .as("an info path out of spec is listed, not alarmed").isZero();
        CheckReport unknownAndWarning = new CheckReport(List.of(path("/a", down, Severity.WARNING), path("/b", Compliance.unknown("NoAuth"), 0)));
        assertThat(unknownAndWarning.exitCode()).isEqualTo(3);
        assertThat(unknownAndWarning.statusLine()).isEqualTo("ZKMON UNKNOWN - 1 of 2 paths out of spec (warning: /a); 1 of 2 paths unknown: /b"
                + " | paths=2 out_of_spec=1 unknown=1");
        CheckReport critical = new CheckReport(List.of(path("/a", down, Severity.CRITICAL), path("/c", down, Severity.INFO),
                path("/b", Compliance.unknown("NoAuth"), 0)));
        assertThat(critical.exitCode()).isEqualTo(2);
        assertThat(critical.statusLine()).startsWith("ZKMON CRITICAL - 2 of 3 paths out of spec (critical: /a; info: /c); 1 of 3 paths unknown: /b");
    }

    @Test
    void zkmonsOwnConditionsAreUnknown() {
        CheckReport r = new CheckReport(List.of(path("/a", Compliance.OK, 1)), List.of("no agent holds alerting"));

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.statusLine()).isEqualTo("ZKMON UNKNOWN - zkmon cannot see: no agent holds alerting | paths=1 out_of_spec=0 unknown=0");
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
                PATH                 STATE    SEVERITY  CHILDREN  MESSAGE
                /services/foo/min_1  Error    warning   0         Found children (0) less than minimum (1)
                /b                   OK       warning   12        All checks pass.
                /c                   Unknown  warning   -         no connection
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
