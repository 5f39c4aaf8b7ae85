package io.zkmon.core.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the dispatcher keeps per-path alert state. In memory by default; the cluster module keeps it in ZooKeeper
 * so a new leader continues where the old one stopped.
 *
 * <p>Called only on the dispatcher's thread and only while it holds {@link SendPermission}. Implementations must not
 * block for long (persist asynchronously if needed) but must apply writes for one path in order.
 */
public interface AlertStateStore {

    /** Every stored state, by path. Called when this agent gains permission to send. */
    Map<String, AlertState> loadAll();

    /** Stores a state; a {@link AlertState#isClear() clear} state may be deleted instead. */
    void put(AlertState state);

    /** Forgets a path. */
    void remove(String path);

    /** A store in this process's memory. */
    static AlertStateStore inMemory() {
        Map<String, AlertState> map = new ConcurrentHashMap<>();
        return new AlertStateStore() {
            @Override
            public Map<String, AlertState> loadAll() {
                return Map.copyOf(map);
            }

            @Override
            public void put(AlertState state) {
                if (state.isClear()) {
                    map.remove(state.path());
                } else {
                    map.put(state.path(), state);
                }
            }

            @Override
            public void remove(String path) {
                map.remove(path);
            }
        };
    }
}
