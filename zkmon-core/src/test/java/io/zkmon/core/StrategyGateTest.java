package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of the strategy seam for reads: each read goes to the current session's strategy; each answer
 * comes back under the engine's lock, followed (still under it) by the engine's after-answer check; once the engine
 * is closed, answers are dropped.
 */
class StrategyGateTest {

    /** A strategy that only remembers reads, for the test to answer. */
    private static final class Strategy implements WatchStrategy {
        final FakeReader reads = new FakeReader();
        final String name;

        Strategy(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ServerInfo.WatchMode mode() {
            return ServerInfo.WatchMode.PERSISTENT;
        }

        @Override
        public void watch(Targets targets) {
        }

        @Override
        public void close() {
        }

        @Override
        public <T extends Target> void readNodes(List<T> batch, NodesCallback<T> callback) {
            reads.readNodes(batch, callback);
        }

        @Override
        public void readChildrenData(String rawParent, String[] children, ChildrenDataCallback callback) {
            reads.readChildrenData(rawParent, children, callback);
        }

        @Override
        public void readData(String rawPath, DataCallback callback) {
            reads.readData(rawPath, callback);
        }

        @Override
        public void listChildren(String rawPath, ChildrenCallback callback) {
            reads.listChildren(rawPath, callback);
        }
    }

    private record Node(String rawPath) implements NodeReader.Target {
        @Override
        public boolean needsData() {
            return false;
        }
    }

    private final Object lock = new Object();
    private final List<String> happened = new ArrayList<>();
    private final StrategyGate gate = new StrategyGate(lock, () -> happened.add("after, locked=" + Thread.holdsLock(lock)));

    @Test
    void aReadBeforeTheFirstSessionIsABug() {
        assertThat(gate.current()).isNull();
        assertThatThrownBy(() -> gate.readData("/a", (exists, data, mtime, error) -> { }))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("before the first session");
    }

    @Test
    void readsGoToTheCurrentSessionsStrategy() {
        Strategy first = new Strategy("first");
        Strategy second = new Strategy("second");
        gate.use(first);
        gate.readData("/a", (exists, data, mtime, error) -> { });
        gate.use(second);
        gate.listChildren("/b", (children, error) -> { });

        assertThat(gate.current()).isSameAs(second);
        assertThat(first.reads.data).hasSize(1);
        assertThat(first.reads.listings).isEmpty();
        assertThat(second.reads.listings).hasSize(1);
    }

    @Test
    void eachAnswerRunsUnderTheLockAndIsFollowedByTheAfterAnswerCheck() {
        Strategy s = new Strategy("s");
        gate.use(s);
        gate.readData("/a", (exists, data, mtime, error) -> happened.add("data, locked=" + Thread.holdsLock(lock)));
        gate.listChildren("/a", (children, error) -> happened.add("listed " + children + ", locked=" + Thread.holdsLock(lock)));
        gate.readChildrenData("/a", new String[] {"x"}, (byChild, error) -> happened.add("children's data, locked=" + Thread.holdsLock(lock)));

        s.reads.nextData("/a").answer("{}", 1);
        s.reads.nextListing("/a").callback().listed(List.of("x"), null);
        s.reads.nextChildrenData("/a").answer(Map.of("x", "{}"));

        assertThat(happened).containsExactly(
                "data, locked=true", "after, locked=true",
                "listed [x], locked=true", "after, locked=true",
                "children's data, locked=true", "after, locked=true");
    }

    @Test
    void aBatchAndItsFailureBothComeBackUnderTheLock() {
        Strategy s = new Strategy("s");
        gate.use(s);
        NodeReader.NodesCallback<Node> callback = new NodeReader.NodesCallback<>() {
            @Override
            public void read(List<Node> part, NodeReader.NodeAnswers answers) {
                happened.add("read " + part.size() + ", locked=" + Thread.holdsLock(lock));
            }

            @Override
            public void failed(List<Node> part, String why, boolean connectionLost) {
                happened.add("failed " + why + " lost=" + connectionLost + ", locked=" + Thread.holdsLock(lock));
            }
        };
        gate.readNodes(List.of(new Node("/a"), new Node("/b")), callback);
        gate.readNodes(List.of(new Node("/c")), callback);

        s.reads.nextNodes().answer(path -> FakeReader.Node.withChildren());
        s.reads.nextNodes().failed("CONNECTIONLOSS", true);

        assertThat(happened).containsExactly(
                "read 2, locked=true", "after, locked=true",
                "failed CONNECTIONLOSS lost=true, locked=true", "after, locked=true");
    }

    @Test
    void answersAreDroppedOnceTheEngineIsClosed() {
        Strategy s = new Strategy("s");
        gate.use(s);
        gate.readData("/a", (exists, data, mtime, error) -> happened.add("data"));
        gate.listChildren("/a", (children, error) -> happened.add("listed"));

        gate.close();
        s.reads.nextData("/a").answer("{}", 1);
        s.reads.nextListing("/a").callback().listed(List.of(), null);

        assertThat(happened).isEmpty();
    }
}
