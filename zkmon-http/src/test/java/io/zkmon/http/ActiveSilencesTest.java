package io.zkmon.http;

import static io.zkmon.http.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActiveSilencesTest {

    @Test
    void findsTheLastEndingActiveSilenceCoveringAPath() {
        SilenceStore store = SilenceStore.inMemory();
        store.add(new Silence("1", "/services/*", T0.plus(Duration.ofHours(1)), "c", "a", T0));
        store.add(new Silence("2", "/services/web", T0.plus(Duration.ofHours(2)), "c", "a", T0));
        store.add(new Silence("3", "/services/**", T0.minusSeconds(1), "expired", "a", T0.minusSeconds(60)));

        ActiveSilences active = ActiveSilences.of(store, T0);

        assertThat(active.until("/services/web")).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(active.until("/services/api")).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(active.until("/services/api/instances")).isNull();
        assertThat(active.until("/other")).isNull();
    }

    @Test
    void coversNothingWithoutAStore() {
        assertThat(ActiveSilences.of(null, T0).until("/a")).isNull();
    }
}
