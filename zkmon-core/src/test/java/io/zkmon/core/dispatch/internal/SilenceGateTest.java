package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The silence gate: firing notifications wait for the silence to end; recoveries and refreshes do not. */
class SilenceGateTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final SilenceStore silences = SilenceStore.inMemory();
    private final SilenceGate gate = new SilenceGate(silences);
    private final Tracked path = new Tracked("/services/foo");

    private void silence(String id, String pattern, long seconds) {
        silences.add(new Silence(id, pattern, NOW.plusSeconds(seconds), "deploy", "ops", NOW.minusSeconds(60)));
    }

    @Test
    void holdsAFiringAndAReminderUntilTheCoveringSilenceThatEndsLast() {
        silence("a", "/services/*", 60);
        silence("b", "/services/foo", 120);
        assertThat(gate.admit(path, Gate.Decision.FIRE, NOW)).isEqualTo(new Gate.Hold(NOW.plusSeconds(120)));
        assertThat(gate.admit(path, Gate.Decision.REPEAT, NOW)).isEqualTo(new Gate.Hold(NOW.plusSeconds(120)));
    }

    @Test
    void letsARecoveryAndARefreshThrough() {
        silence("a", "/services/**", 60);
        assertThat(gate.admit(path, Gate.Decision.RESOLVE, NOW)).isNull();
        assertThat(gate.admit(path, Gate.Decision.REFRESH, NOW)).isNull();
    }

    @Test
    void anEndedOrUnrelatedSilenceHoldsNothing() {
        silence("ended", "/services/foo", -1);
        silence("other", "/services/bar", 60);
        assertThat(gate.admit(path, Gate.Decision.FIRE, NOW)).isNull();
        assertThat(gate.admit(path, Gate.Decision.FIRE, NOW.plusSeconds(61))).isNull();
    }

    @Test
    void showsTheEndOfTheCoveringSilenceForStatus() {
        assertThat(gate.coveredUntil("/services/foo", NOW)).isNull();
        silence("a", "/services/*", 60);
        assertThat(gate.coveredUntil("/services/foo", NOW)).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void tellsItsListenerWhenSilencesChange() {
        AtomicInteger changes = new AtomicInteger();
        gate.start(changes::incrementAndGet);
        silence("a", "/services/*", 60);
        silences.remove("a");
        assertThat(changes).hasValue(2);
    }

    @Test
    void chainedAfterAnotherGateTheFirstHoldWins() {
        silence("a", "/services/*", 60);
        Gate never = (p, d, now) -> Gate.Hold.UNTIL_TOLD;
        assertThat(Gate.all(gate, never).admit(path, Gate.Decision.FIRE, NOW)).isEqualTo(new Gate.Hold(NOW.plusSeconds(60)));
        assertThat(Gate.all(gate, never).admit(path, Gate.Decision.RESOLVE, NOW)).isEqualTo(Gate.Hold.UNTIL_TOLD);
        assertThat(Gate.all().admit(path, Gate.Decision.FIRE, NOW)).isNull();
    }
}
