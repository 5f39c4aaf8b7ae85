package io.zkmon.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"10,10000", "500ms,500", "30s,30000", "5m,300000", "1h,3600000", "1d,86400000", "0.5,500", "' 2m ',120000",
            "1m30s,90000", "1s500ms,1500", "2h5m,7500000", "1d1h1m1s1ms,90061001", "'1m 30s',90000", "1.5s,1500", "0,0"})
    void parsesTheFormsPeopleWrite(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"soon", "-1", "5 minutes", "1w", "''", "1m30", "30 1m", "ms", "1.s"})
    void rejectsOthersNamingTheValidForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("500ms, 30s, 5m, 1h");
    }

    @ParameterizedTest
    @CsvSource({"30s1m", "1m1m", "1s1d"})
    void rejectsUnitsOutOfOrderOrRepeated(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("from the largest down");
    }

    @Test
    void saturatesWhatNoDurationHolds() {
        assertThat(Durations.parse("999999999999999999d")).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "250,250ms", "1000,1s", "1500,1s500ms", "45000,45s", "840000,14m", "7500000,2h5m", "90000,1m30s",
            "90061001,1d1h1m1s1ms", "172800000,2d", "-1500,-1s500ms"})
    void formatsExactlyInTheLargestUnits(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Test
    void formatAndParseAreInversesForRandomDurations() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            // every magnitude, from a few milliseconds to centuries
            long bound = 1L << random.nextInt(1, 62);
            Duration d = Duration.ofMillis(random.nextLong(bound));
            String text = Durations.format(d);
            assertThat(Durations.parse(text)).as("seed %d: %s formatted as '%s'", seed, d, text).isEqualTo(d);
            assertThat(Durations.format(Durations.parse(text))).as("seed %d", seed).isEqualTo(text);
        }
    }

    @Test
    void parseThenFormatGivesTheCanonicalForm() {
        assertThat(Durations.format(Durations.parse("90"))).isEqualTo("1m30s");
        assertThat(Durations.format(Durations.parse("0.25"))).isEqualTo("250ms");
        assertThat(Durations.format(Durations.parse("120m"))).isEqualTo("2h");
        assertThat(Durations.format(Durations.parse("1000ms"))).isEqualTo("1s");
    }

    @Test
    void dropsOnlyWhatIsBelowAMillisecond() {
        assertThat(Durations.format(Duration.ofNanos(1_500_999))).isEqualTo("1ms");
        assertThat(Durations.format(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Durations.format(Duration.ofMillis(Long.MAX_VALUE)));
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "250,250ms", "1500,1s", "843217,14m3s", "-1500,-1s"})
    void approximatesMeasuredDurationsToTheSecond(long millis, String text) {
        assertThat(Durations.formatApproximately(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
