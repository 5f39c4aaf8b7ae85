package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gates in a chain: a decision passes when every gate lets it through; the first to hold it back wins, and later ones are not asked. */
class GateTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Tracked path = new Tracked("/a");
    private final List<String> asked = new ArrayList<>();

    private Gate pass(String name) {
        return (p, d, now) -> {
            asked.add(name);
            return null;
        };
    }

    private Gate hold(String name, Gate.Hold hold) {
        return (p, d, now) -> {
            asked.add(name);
            return hold;
        };
    }

    @Test
    void noGatesLetEverythingThrough() {
        assertThat(Gate.all().admit(path, Gate.Decision.FIRE, NOW)).isNull();
    }

    @Test
    void aDecisionEveryGateLetsThroughPassesAndEachGateIsAskedOnce() {
        assertThat(Gate.all(pass("silence"), pass("permission")).admit(path, Gate.Decision.RESOLVE, NOW)).isNull();
        assertThat(asked).containsExactly("silence", "permission");
    }

    @Test
    void theFirstGateToHoldWinsAndLaterGatesAreNotAsked() {
        Gate.Hold silenced = new Gate.Hold(NOW.plusSeconds(600));

        Gate.Hold h = Gate.all(pass("a"), hold("silence", silenced), hold("permission", Gate.Hold.UNTIL_TOLD))
                .admit(path, Gate.Decision.REPEAT, NOW);

        assertThat(h).isEqualTo(silenced);
        assertThat(asked).containsExactly("a", "silence");
    }

    @Test
    void aHoldUntilToldHasNoTime() {
        assertThat(Gate.Hold.UNTIL_TOLD.until()).isNull();
    }
}
