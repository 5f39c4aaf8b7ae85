package io.zkmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run of one section (--only-servers, --only-latency) rewrites that section and nothing else. */
class ReportWriterTest {

    private static final String OLD = ReportWriter.OLD_START + "\n## Old servers\n\nold numbers\n" + ReportWriter.OLD_END + "\n";
    private static final String LATENCY = ReportWriter.LATENCY_START + "\n## Alert latency\n\nold latency\n" + ReportWriter.LATENCY_END + "\n";

    @Test
    void replacesOnlyTheLatencySection() {
        String doc = "# Benchmarks\n\nmain tables\n\n" + OLD + "\n" + LATENCY;
        String fresh = ReportWriter.LATENCY_START + "\n## Alert latency\n\nnew latency\n" + ReportWriter.LATENCY_END + "\n";

        String out = ReportWriter.replaceSection(doc, fresh, ReportWriter.LATENCY_START, ReportWriter.LATENCY_END);

        assertThat(out).isEqualTo("# Benchmarks\n\nmain tables\n\n" + OLD + "\n" + fresh);
    }

    @Test
    void replacesOnlyTheOldServersSection() {
        String doc = "# Benchmarks\n\nmain tables\n\n" + OLD + "\n" + LATENCY;
        String fresh = ReportWriter.OLD_START + "\nnew old-server numbers\n" + ReportWriter.OLD_END + "\n";

        String out = ReportWriter.replaceSection(doc, fresh, ReportWriter.OLD_START, ReportWriter.OLD_END);

        assertThat(out).isEqualTo("# Benchmarks\n\nmain tables\n\n" + fresh + "\n" + LATENCY);
    }

    @Test
    void appendsASectionTheReportDoesNotHaveYet() {
        String doc = "# Benchmarks\n\nmain tables\n\n" + OLD;

        String out = ReportWriter.replaceSection(doc, LATENCY, ReportWriter.LATENCY_START, ReportWriter.LATENCY_END);

        assertThat(out).isEqualTo(doc + "\n" + LATENCY);
    }
}
