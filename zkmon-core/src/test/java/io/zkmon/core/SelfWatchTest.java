package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.SelfAlert.Kind;
import io.zkmon.core.dispatch.SelfCondition;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the self-watch judges and hands the dispatcher, on a clock the test drives, with no ZooKeeper. */
class SelfWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ManualScheduler clock = new ManualScheduler();
    private final Instant start = clock.now();
    private final List<SelfCondition> handed = new ArrayList<>();
    private final List<PathStatus> paths = new ArrayList<>();
    private boolean connected;
    private Instant connectionSince = start;
    private boolean permitted = true;
    private Duration timeout = TIMEOUT;
    private FakeCluster cluster;
    private SelfWatch watch;

    /** A cluster view the test sets. */
    private static final class FakeCluster implements ClusterView {
        String leader;
        String legacy;
        boolean nextInLine;
        List<Agent> agents = List.of(agent("agent-1"), agent("agent-2"));

        static Agent agent(String name) {
            return new Agent(name, "host", 1, "0", Instant.EPOCH, 0);
        }

        @Override
        public List<Agent> agents() {
            return agents;
        }

        @Override
        public String leader() {
            return leader;
        }

        @Override
        public Instant leaderSince() {
            return null;
        }

        @Override
        public String self() {
            return "agent-1";
        }

        @Override
        public String legacySender() {
            return legacy;
        }

        @Override
        public boolean nextInLine() {
            return nextInLine;
        }
    }

    private SelfWatch watch() {
        if (watch == null) {
            watch = new SelfWatch(clock, new SelfWatch.Sight() {
                @Override
                public boolean connected() {
                    return connected;
                }

                @Override
                public Instant connectionSince() {
                    return connectionSince;
                }

                @Override
                public int paths() {
                    return paths.size();
                }

                @Override
                public int unknownPaths() {
                    return (int) paths.stream().filter(p -> p.state() == State.UNKNOWN).count();
                }

                @Override
                public List<PathStatus> statuses() {
                    return paths;
                }
            }, cluster, new io.zkmon.core.dispatch.SendPermission() {
                @Override
                public boolean isPermitted() {
                    return permitted;
                }

                @Override
                public void addListener(Runnable onChange) {
                }
            }, "agent-1", "prod", () -> new SelfWatch.Settings(timeout, List.of("mail")), handed::add);
            watch.start();
        }
        return watch;
    }

    private void after(long seconds) {
        watch();
        clock.advance(Duration.ofSeconds(seconds));
    }

    private void connect() {
        connected = true;
        connectionSince = clock.now();
    }

    private void disconnect() {
        connected = false;
        connectionSince = clock.now();
    }

    private SelfCondition last() {
        return handed.get(handed.size() - 1);
    }

    private static PathStatus path(String path, Compliance c, Instant since) {
        return new PathStatus(PathSpec.builder(path).build(), c, false, new String[0], since.toEpochMilli(), since.toEpochMilli());
    }

    @Test
    void anAgentThatNeverConnectedIsBlindSinceItStarted() {
        paths.add(path("/a", Compliance.unknown("No information: not connected to ZooKeeper yet"), start));
        after(1);
        assertThat(handed).hasSize(1);
        SelfCondition c = last();
        assertThat(c.key()).isEqualTo("zkmon:blind@agent-1");
        assertThat(c.alertName()).isEqualTo("ZkmonBlind");
        assertThat(c.holds()).isTrue();
        assertThat(c.since()).isEqualTo(start);
        assertThat(c.mayFire()).as("a blind agent sends its own, leader or not").isTrue();
        assertThat(c.gracePeriod()).isEqualTo(TIMEOUT);
        assertThat(c.alerters()).containsExactly("mail");
        assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(c.message()).startsWith("Not connected to ZooKeeper since " + start).contains("none of its 1 watched path(s)");
        assertThat(watch().current()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Kind.BLIND);
            assertThat(a.firing()).as("pending").isFalse();
        });

        after(60);
        assertThat(handed).as("nothing new to say while it lasts").hasSize(1);
        assertThat(watch().current()).singleElement().satisfies(a -> assertThat(a.firing()).isTrue());
    }

    @Test
    void reconnectingClearsItWithTheTimeItLasted() {
        connect();
        after(5);
        disconnect();
        Instant lost = clock.now();
        after(90);
        long generation = watch().generation();
        connect();
        after(1);
        SelfCondition c = last();
        assertThat(c.holds()).isFalse();
        assertThat(c.message()).contains("Connected to ZooKeeper again").contains("not connected since " + lost).contains("for 1m30s");
        assertThat(watch().current()).isEmpty();
        assertThat(watch().generation()).isGreaterThan(generation);
    }

    @Test
    void aReconnectBetweenTwoLooksIsANewIncident() {
        connect();
        after(1);
        disconnect();
        after(30);
        Instant first = connectionSince;
        disconnect(); // connected and lost again since the last look
        Instant second = connectionSince;
        after(1);
        assertThat(handed).extracting(SelfCondition::holds, SelfCondition::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, first), org.assertj.core.groups.Tuple.tuple(false, second),
                        org.assertj.core.groups.Tuple.tuple(true, second));
    }

    @Test
    void zeroTurnsItOffAndClearsWhatHeld() {
        after(2);
        assertThat(last().holds()).isTrue();
        timeout = Duration.ZERO;
        after(1);
        assertThat(last().holds()).isFalse();
        assertThat(last().message()).contains("blind_timeout: 0");
        after(100);
        assertThat(watch().current()).isEmpty();
    }

    @Test
    void anAgentAloneNeverLacksASender() {
        connect();
        after(120);
        assertThat(handed).isEmpty();
    }

    @Test
    void noLiveAgentHoldingAlertingIsNoSenderAndOnlyTheNextInLineMayFireIt() {
        cluster = new FakeCluster();
        cluster.leader = "agent-2";
        connect();
        after(5);
        assertThat(handed).isEmpty();

        cluster.leader = null;
        after(1);
        SelfCondition c = last();
        assertThat(c.key()).isEqualTo("zkmon:no-sender@agent-1");
        assertThat(c.alertName()).isEqualTo("ZkmonNoSender");
        assertThat(c.holds()).isTrue();
        assertThat(c.mayFire()).isFalse();
        assertThat(c.message()).contains("Cluster prod has no alert sender").contains("no agent holds alerting");

        cluster.nextInLine = true;
        after(1);
        assertThat(last().mayFire()).isTrue();
        assertThat(last().since()).as("the same incident").isEqualTo(c.since());

        cluster.leader = "agent-2";
        after(1);
        assertThat(last().holds()).isFalse();
        assertThat(last().message()).contains("agent agent-2 sends alerts");
    }

    @Test
    void aLockHeldByNoLiveAgentIsNoSender() {
        cluster = new FakeCluster();
        cluster.leader = "forged";
        cluster.nextInLine = true;
        connect();
        after(1);
        assertThat(last().holds()).isTrue();
        assertThat(last().message()).contains("held by 'forged', which is not a live agent");
    }

    @Test
    void anOldDaemonHoldingTheLockIsASender() {
        cluster = new FakeCluster();
        cluster.legacy = "old-host";
        connect();
        after(120);
        assertThat(handed).isEmpty();
    }

    @Test
    void pathsUnknownWhileConnectedAreUnreadableWithTheirReasons() {
        connect();
        paths.add(path("/ok", Compliance.OK, start));
        paths.add(path("/secret", Compliance.unknown("Cannot read the node: NOAUTH"), clock.now()));
        after(1);
        assertThat(handed).as("being read, not unreadable yet").isEmpty();
        after(1);
        SelfCondition c = last();
        assertThat(c.key()).isEqualTo("zkmon:unreadable-paths@agent-1");
        assertThat(c.alertName()).isEqualTo("ZkmonUnreadablePaths");
        assertThat(c.holds()).isTrue();
        assertThat(c.since()).isEqualTo(connectionSince);
        assertThat(c.mayFire()).as("this agent sends alerts").isTrue();
        assertThat(c.severity()).isEqualTo(Severity.WARNING);
        assertThat(c.message()).startsWith("1 watched path(s) stay Unknown while connected")
                .contains("/secret (Cannot read the node: NOAUTH)").contains("denies zkmon's user the read").doesNotContain("/ok");

        permitted = false;
        after(1);
        assertThat(last().mayFire()).as("another agent sends alerts: it reports what it sees").isFalse();

        paths.set(1, path("/secret", Compliance.OK, clock.now()));
        after(1);
        assertThat(last().holds()).isFalse();
        assertThat(last().message()).isEqualTo("Every watched path can be read again");
    }

    @Test
    void manyUnreadablePathsAreListedUpToALimit() {
        connect();
        for (int i = 0; i < 15; i++) {
            paths.add(path("/p" + i, Compliance.unknown("Cannot read the node: CONNECTIONLOSS"), clock.now()));
        }
        after(3);
        assertThat(last().message()).startsWith("15 watched path(s)").contains("/p9 (").doesNotContain("/p10 (")
                .contains("and 5 more").contains("see the log of agent agent-1");
    }

    @Test
    void whileBlindTheOtherConditionsAreKeptButNotFired() {
        connect();
        paths.add(path("/secret", Compliance.unknown("Cannot read the node: NOAUTH"), clock.now()));
        after(3);
        assertThat(last().holds()).isTrue();
        disconnect();
        after(1);
        List<SelfCondition> unreadable = handed.stream().filter(c -> c.alertName().equals("ZkmonUnreadablePaths")).toList();
        assertThat(unreadable.get(unreadable.size() - 1).holds()).isTrue();
        assertThat(unreadable.get(unreadable.size() - 1).mayFire()).isFalse();
        assertThat(watch().current()).extracting(SelfAlert::kind).containsExactly(Kind.UNREADABLE_PATHS, Kind.BLIND);
    }
}
