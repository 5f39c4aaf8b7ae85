package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.dispatch.Dispatcher;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.spec.Transition;
import io.zkmon.testkit.RecordingAlerter;
import io.zkmon.testkit.ServiceInstance;
import io.zkmon.testkit.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A dispatcher decorator wraps (or replaces) the default dispatcher, and may read the monitor's view at any time. */
class DispatcherDecoratorIT {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.server();

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aWrapperSeesEveryTransitionReadsTheViewAndTheDefaultDispatcherStillAlerts() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("decorated");
        ServiceInstance a = zk.register("/decorated/svc", "a");
        zk.register("/decorated/svc", "b");
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> atBuild = new CopyOnWriteArrayList<>();
        AtomicBoolean closed = new AtomicBoolean();

        ZkMonitor m = zk.monitor("""
                /decorated/svc:
                  children: 2
                  alerter: {recording: decorated}
                """, b -> b.agentName("agent-1").decorateDispatcher((dispatcher, view) -> {
                    // the view answers while the monitor is being built, with the dispatcher given
                    atBuild.add(view.agentName() + " " + view.status().dispatcher().name() + " " + view.dispatcherStatus().name()
                            + " " + (view.summary() != null));
                    return new ForwardingDispatcher(dispatcher) {
                        @Override
                        public void accept(Transition t) {
                            PathStatus now = view.status(t.path());
                            seen.add(t.path() + " " + t.state() + ", view: " + now.state() + " with " + now.childCount()
                                    + " children, " + view.summary().error() + " out of spec");
                            super.accept(t);
                        }

                        @Override
                        public void close() {
                            closed.set(true);
                            super.close();
                        }
                    };
                }));

        assertThat(atBuild).containsExactly("agent-1 agent-1 agent-1 true");
        assertThat(seen).contains("/decorated/svc OK, view: OK with 2 children, 0 out of spec");

        a.crash();
        Notification firing = alerts.awaitFiring("/decorated/svc", WAIT);
        assertThat(firing.agent()).isEqualTo("agent-1");
        assertThat(seen).contains("/decorated/svc ERROR, view: ERROR with 1 children, 1 out of spec");

        zk.register("/decorated/svc", "c");
        alerts.awaitResolved("/decorated/svc", WAIT);
        assertThat(seen).endsWith("/decorated/svc OK, view: OK with 2 children, 0 out of spec");

        m.close();
        assertThat(closed).isTrue();
    }

    @Test
    void aReplacementIsWhatTheViewReportsAndTheDefaultSendsNothing() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("replaced");
        ServiceInstance a = zk.register("/replaced/svc", "a");
        List<Transition> kept = new CopyOnWriteArrayList<>();
        Dispatcher keeper = new Dispatcher() {
            @Override
            public void accept(Transition t) {
                kept.add(t);
            }

            @Override
            public DispatcherStatus status() {
                return new DispatcherStatus("keeper", List.of(), false, Map.of(), Map.of());
            }

            @Override
            public void close() {
            }
        };

        ZkMonitor m = zk.monitor("""
                /replaced/svc:
                  children: 1
                  alerter: {recording: replaced}
                """, b -> b.decorateDispatcher((dispatcher, view) -> keeper));
        a.crash();

        await().atMost(WAIT).until(() -> kept.stream().anyMatch(t -> t.state() == io.zkmon.core.spec.State.ERROR));
        assertThat(m.status().dispatcher().name()).isEqualTo("keeper");
        assertThat(m.dispatcherStatus().alerting()).isFalse();
        alerts.assertNothingWithin(Duration.ofSeconds(2));
    }

    @Test
    void decoratorsApplyInTheOrderAddedEachWrappingThePrevious() throws Exception {
        List<Dispatcher> given = new CopyOnWriteArrayList<>();
        List<Dispatcher> returned = new CopyOnWriteArrayList<>();
        zk.ensure("/ordered/svc");

        zk.monitor("/ordered/svc: {children: 0}", b -> b
                .decorateDispatcher((dispatcher, view) -> {
                    given.add(dispatcher);
                    returned.add(new ForwardingDispatcher(dispatcher) { });
                    return returned.get(0);
                })
                .decorateDispatcher((dispatcher, view) -> {
                    given.add(dispatcher);
                    return dispatcher;
                }));

        assertThat(given).hasSize(2);
        assertThat(given.get(0)).as("the default").isNotInstanceOf(ForwardingDispatcher.class);
        assertThat(given.get(1)).as("what the first returned").isSameAs(returned.get(0));
    }

    @Test
    void aDecoratorThatFailsFailsTheBuild() {
        assertThatThrownBy(() -> ZkMonitor.builder().curator(zk.client()).configYaml("/failing: {children: 0}")
                .decorateDispatcher((dispatcher, view) -> null)
                .build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("a dispatcher decorator returned null");
    }
}
