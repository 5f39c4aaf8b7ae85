package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When an agent may send: only while it holds the lock, has read the state for the term, is connected and holds its
 * lease. Driven by hand: no server (the client is never started, so its session timeout reads as the 30 s default),
 * a fake monotonic clock, and the control thread is the test's own.
 */
class LeaderPermissionTest {

    private static final long T = TimeUnit.SECONDS.toNanos(30);
    private static final String NODE = "/zk_monitor/zkmonitor/locks/alerter/_c_1-latch-0000000001";

    private final CuratorFramework client = CuratorFrameworkFactory.newClient("127.0.0.1:1", new RetryOneTime(1));
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> prepared = new ArrayList<>();
    private final List<Instant> leadership = new ArrayList<>();
    private final AtomicInteger notified = new AtomicInteger();
    private boolean stateReadable = true;

    private final LeaderPermission permission = new LeaderPermission(client, node -> {
        if (!stateReadable) {
            throw new IllegalStateException("connection loss");
        }
        prepared.add(node);
    }, Runnable::run, now::get, Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC), leadership::add, () -> { });

    LeaderPermissionTest() {
        permission.addListener(notified::incrementAndGet);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private void lead() {
        permission.leading(NODE, 0, now.get());
    }

    @Test
    void itMaySendOnlyOnceItLeadsHasReadTheStateAndIsConnected() {
        assertThat(permission.isPermitted()).isFalse();
        lead();
        assertThat(permission.isPermitted()).as("not connected").isFalse();
        permission.connected(true);

        assertThat(permission.isPermitted()).isTrue();
        assertThat(prepared).containsExactly(NODE);
        assertThat(leadership).containsExactly(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(permission.fence()).isEqualTo(NODE);
    }

    @Test
    void whenTheStateCannotBeReadItDoesNotSendUntilItCan() {
        permission.connected(true);
        stateReadable = false;
        lead();
        assertThat(permission.isPermitted()).isFalse();
        assertThat(leadership).isEmpty();

        stateReadable = true;
        lead(); // the next election check
        assertThat(permission.isPermitted()).isTrue();
    }

    @Test
    void aDisconnectionStopsItAtOnceAndAReconnectionWithinTheLeaseResumesTheSameTerm() {
        permission.connected(true);
        lead();
        permission.connectionChanged(ConnectionState.SUSPENDED);
        assertThat(permission.isPermitted()).isFalse();

        now.addAndGet(T / 3);
        permission.connectionChanged(ConnectionState.RECONNECTED);
        assertThat(permission.isPermitted()).isTrue();
        assertThat(prepared).as("same term: the state is not read again").containsExactly(NODE);
    }

    @Test
    void aLostSessionEndsTheTermAndTheNextTermReadsTheStateAgain() {
        permission.connected(true);
        lead();
        permission.connectionChanged(ConnectionState.LOST);
        assertThat(permission.isPermitted()).isFalse();
        assertThat(permission.fence()).isNull();
        assertThat(leadership).containsExactly(Instant.parse("2025-03-01T10:00:00Z"), null);

        permission.connectionChanged(ConnectionState.RECONNECTED);
        assertThat(permission.isPermitted()).as("reconnected, but not yet leading again").isFalse();
        String next = NODE.replace("01", "07");
        permission.leading(next, 0, now.get());
        assertThat(permission.isPermitted()).isTrue();
        assertThat(prepared).containsExactly(NODE, next);
    }

    @Test
    void aLostSessionStopsItAtOnceEvenWhenTheControlThreadIsBehindAndCuratorHasReconnected() {
        List<Runnable> control = new ArrayList<>();
        LeaderPermission slow = new LeaderPermission(client, prepared::add, control::add, now::get,
                Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC), leadership::add, () -> { });
        slow.connected(true);
        slow.leading(NODE, 0, now.get());
        assertThat(slow.isPermitted()).isTrue();

        // the session expired; Curator has a new one before the control thread has ended the old term
        slow.connectionChanged(ConnectionState.LOST);
        slow.connectionChanged(ConnectionState.RECONNECTED);
        assertThat(slow.isPermitted()).as("within the old lease, but its session is gone").isFalse();

        control.forEach(Runnable::run);
        assertThat(slow.fence()).isNull();
        assertThat(slow.isPermitted()).isFalse();
    }

    @Test
    void aFrozenLeadersLeaseLapsesTwoThirdsOfASessionTimeoutAfterItsLastConfirmation() {
        permission.connected(true);
        lead();
        now.addAndGet(T * 2 / 3 - 1);
        assertThat(permission.isPermitted()).isTrue();
        now.addAndGet(1);
        assertThat(permission.isPermitted()).as("the server cannot expire the session before T; we stop at 2T/3").isFalse();

        // a later confirmation (the periodic election check) renews it
        lead();
        assertThat(permission.isPermitted()).isTrue();
        assertThat(prepared).containsExactly(NODE);
    }

    @Test
    void followingEndsTheTermAndListenersHearEachChangeOnce() {
        permission.connected(true);
        lead();
        lead();
        permission.following("another agent holds the alerting lock");
        permission.following("another agent holds the alerting lock");
        assertThat(permission.isPermitted()).isFalse();
        assertThat(notified.get()).isEqualTo(2);
    }

    @Test
    void closingStopsItForGood() {
        permission.connected(true);
        lead();
        permission.close();
        lead();
        assertThat(permission.isPermitted()).isFalse();
    }

    @Test
    void leasesAreRenewedAboutEverySixthOfTheSessionTimeout() {
        assertThat(permission.renewIntervalNanos()).isEqualTo(T / 6);
    }
}
