package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.time.ManualScheduler;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The permission gate: the one place the dispatcher asks whether it may send. */
class PermissionGateTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final TestPermission leader = new TestPermission(true);
    private final PermissionGate gate = new PermissionGate(leader, clock);
    private final AtomicInteger looks = new AtomicInteger();
    private final Tracked path = new Tracked("/p");

    private void start() {
        gate.start(() -> {
            looks.incrementAndGet();
            gate.refresh();
        });
    }

    @Test
    void buildingItRegistersNothingAndAsksNothing() {
        clock.runDue();
        assertThat(leader.listeners).isEmpty();
        assertThat(leader.asked).hasValue(0);
        assertThat(gate.holds()).isFalse();
    }

    @Test
    void startRegistersAListenerAndQueuesTheFirstLookOnTheDispatcherThread() {
        start();
        assertThat(leader.listeners).hasSize(1);
        assertThat(looks).as("queued, not run on the caller's thread").hasValue(0);
        clock.runDue();
        assertThat(looks).hasValue(1);
        assertThat(gate.holds()).isTrue();
        assertThat(gate.alerting()).isTrue();

        leader.set(false);
        clock.runDue();
        assertThat(looks).hasValue(2);
        assertThat(gate.holds()).isFalse();
        assertThat(gate.alerting()).isFalse();
    }

    @Test
    void refreshSaysWhetherTheAnswerChanged() {
        assertThat(gate.refresh()).isTrue();
        assertThat(gate.refresh()).isFalse();
        leader.permitted = false;
        assertThat(gate.refresh()).isTrue();
        assertThat(gate.refresh()).isFalse();
    }

    @Test
    void standingByEveryDecisionIsHeldUntilToldWithoutAskingThePermission() {
        start();
        leader.set(false);
        clock.runDue();
        int before = leader.asked.get();
        for (Gate.Decision d : Gate.Decision.values()) {
            assertThat(gate.admit(path, d, clock.now())).isEqualTo(Gate.Hold.UNTIL_TOLD);
        }
        assertThat(leader.asked).hasValue(before);
    }

    @Test
    void whileSendingADecisionAsksThePermissionExactlyOnce() {
        start();
        clock.runDue();
        int before = leader.asked.get();
        assertThat(gate.admit(path, Gate.Decision.FIRE, clock.now())).isNull();
        assertThat(leader.asked.get() - before).isEqualTo(1);
    }

    @Test
    void aPermissionLostWithoutNoticeHoldsTheDecisionAndQueuesALook() {
        start();
        clock.runDue();
        leader.permitted = false; // nobody tells the listeners
        assertThat(gate.admit(path, Gate.Decision.FIRE, clock.now())).isEqualTo(Gate.Hold.UNTIL_TOLD);
        assertThat(gate.holds()).as("the view changes on the dispatcher thread, in the queued look").isTrue();
        clock.runDue();
        assertThat(gate.holds()).isFalse();
        assertThat(looks).hasValue(2);
    }

    @Test
    void maySendAsksTheLivePermissionEveryTime() {
        int before = leader.asked.get();
        assertThat(gate.maySend(path)).isTrue();
        leader.permitted = false;
        assertThat(gate.maySend(path)).isFalse();
        assertThat(leader.asked.get() - before).isEqualTo(2);
    }

    @Test
    void thisAgentsOwnConditionIsSentOnItsOwnRuleLeaderOrNot() {
        Tracked self = new Tracked("zkmon:blind@a1");
        self.local = true;
        start();
        leader.set(false);
        clock.runDue();
        assertThat(gate.holds()).isFalse();
        assertThat(gate.holds(self)).as("its lanes are pumped while standing by").isTrue();
        assertThat(gate.maySend(self)).isTrue();

        self.mayFire = true;
        for (Gate.Decision d : Gate.Decision.values()) {
            assertThat(gate.admit(self, d, clock.now())).as(d.name()).isNull();
        }
        self.mayFire = false; // no sender: not the next in line
        assertThat(gate.admit(self, Gate.Decision.FIRE, clock.now())).isEqualTo(Gate.Hold.UNTIL_TOLD);
        assertThat(gate.admit(self, Gate.Decision.REFRESH, clock.now())).isEqualTo(Gate.Hold.UNTIL_TOLD);
        assertThat(gate.admit(self, Gate.Decision.RESOLVE, clock.now())).as("the recovery of what went out, always").isNull();
    }
}
