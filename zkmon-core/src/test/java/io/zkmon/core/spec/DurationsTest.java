package io.zkmon.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"10,10000", "500ms,500", "30s,30000", "5m,300000", "1h,3600000", "1d,86400000", "0.5,500", "' 2m ',120000"})
    void parsesTheFormsPeopleWrite(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"soon", "-1", "5 minutes", "1w", "''"})
    void rejectsOthersNamingTheValidForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("500ms, 30s, 5m, 1h");
    }

    @ParameterizedTest
    @CsvSource({"250,250ms", "45000,45s", "840000,14m", "7500000,2h5m", "90000,1m30s"})
    void formatsCompactly(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
