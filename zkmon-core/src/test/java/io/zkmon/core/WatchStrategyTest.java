package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** The connection events every strategy passes on the same way ({@link WatchStrategy#connectionEvent}). */
class WatchStrategyTest {

    private final List<String> told = new ArrayList<>();
    private final WatchStrategy.Events events = new WatchStrategy.Events() {
        @Override
        public void connected() {
            told.add("connected");
        }

        @Override
        public void disconnected() {
            told.add("disconnected");
        }

        @Override
        public void changed(String rawPath, WatchStrategy.Change change) {
            told.add(change + " " + rawPath);
        }
    };

    private boolean pass(EventType type, KeeperState state, String path) {
        return WatchStrategy.connectionEvent(new WatchedEvent(type, state, path), events, LoggerFactory.getLogger(WatchStrategyTest.class));
    }

    @ParameterizedTest
    @EnumSource(value = KeeperState.class, names = {"SyncConnected", "ConnectedReadOnly"})
    void aConnectionIsPassedOnAsConnected(KeeperState state) {
        assertThat(pass(EventType.None, state, null)).isTrue();
        assertThat(told).containsExactly("connected");
    }

    @ParameterizedTest
    @EnumSource(value = KeeperState.class, names = {"Disconnected", "Expired", "Closed", "AuthFailed"})
    void aLostConnectionAnExpiryACloseAndAFailedAuthAreDisconnects(KeeperState state) {
        assertThat(pass(EventType.None, state, null)).isTrue();
        assertThat(told).containsExactly("disconnected");
    }

    @Test
    void otherConnectionStatesNeedNothing() {
        assertThat(pass(EventType.None, KeeperState.SaslAuthenticated, null)).isTrue();
        assertThat(told).isEmpty();
    }

    @Test
    void aNodeEventIsNotAConnectionEventAndIsLeftToTheStrategy() {
        assertThat(pass(EventType.NodeDataChanged, KeeperState.SyncConnected, "/a")).isFalse();
        assertThat(told).isEmpty();
    }
}
