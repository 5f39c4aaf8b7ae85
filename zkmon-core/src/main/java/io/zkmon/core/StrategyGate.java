package io.zkmon.core;

import java.util.List;
import java.util.Objects;

/**
 * The engine's side of the {@link WatchStrategy} seam for reads: the {@link NodeReader} every part of the engine
 * uses. It sends each read to the current session's strategy and brings each answer back under the engine's lock,
 * dropping it once the engine is closed, then lets the engine see whether every path has been read. Whether an
 * answer is stale is not its business: {@link OutstandingReads} decides that.
 *
 * <p>Reads are sent under the engine's lock; answers arrive on the strategy's threads and take the lock here.
 */
final class StrategyGate implements NodeReader {

    private final Object lock;
    private final Runnable afterAnswer;
    private WatchStrategy strategy;
    private boolean closed;

    /**
     * @param lock        the engine's lock
     * @param afterAnswer run under the lock after each answer (the engine checks whether it is primed)
     */
    StrategyGate(Object lock, Runnable afterAnswer) {
        this.lock = lock;
        this.afterAnswer = afterAnswer;
    }

    /** The strategy of a new session. Under the engine's lock. */
    void use(WatchStrategy next) {
        strategy = next;
    }

    /** The current session's strategy, or null before the first session. Under the engine's lock. */
    WatchStrategy current() {
        return strategy;
    }

    /** From now on answers are dropped. Under the engine's lock. */
    void close() {
        closed = true;
    }

    private WatchStrategy strategy() {
        return Objects.requireNonNull(strategy, "a read before the first session");
    }

    private void deliver(Runnable answer) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            answer.run();
            afterAnswer.run();
        }
    }

    @Override
    public <T extends Target> void readNodes(List<T> batch, NodesCallback<T> callback) {
        strategy().readNodes(batch, new NodesCallback<T>() {
            @Override
            public void read(List<T> part, NodeAnswers answers) {
                deliver(() -> callback.read(part, answers));
            }

            @Override
            public void failed(List<T> part, String why, boolean connectionLost) {
                deliver(() -> callback.failed(part, why, connectionLost));
            }
        });
    }

    @Override
    public void readChildrenData(String rawParent, String[] children, ChildrenDataCallback callback) {
        strategy().readChildrenData(rawParent, children, (dataByChild, error) -> deliver(() -> callback.read(dataByChild, error)));
    }

    @Override
    public void readData(String rawPath, DataCallback callback) {
        strategy().readData(rawPath, (exists, data, mtime, error) -> deliver(() -> callback.read(exists, data, mtime, error)));
    }

    @Override
    public void listChildren(String rawPath, ChildrenCallback callback) {
        strategy().listChildren(rawPath, (children, error) -> deliver(() -> callback.listed(children, error)));
    }
}
