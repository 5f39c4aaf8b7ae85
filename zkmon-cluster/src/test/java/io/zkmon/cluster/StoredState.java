package io.zkmon.cluster;

import io.zkmon.core.dispatch.AlertState;
import io.zkmon.testkit.ZooKeeperExtension;
import org.apache.zookeeper.KeeperException;

/** Reads the alert state the leader stored for a watched path, as an operator (or the next leader) would. */
final class StoredState {

    static final ClusterLayout LAYOUT = new ClusterLayout(ClusterLayout.DEFAULT_PREFIX, ClusterLayout.DEFAULT_CLUSTER);

    private StoredState() {
    }

    /** The stored state, or null when none is stored. */
    static AlertState read(ZooKeeperExtension zk, String path) throws Exception {
        try {
            return ClusterJson.decodeState(zk.client().getData().forPath(LAYOUT.stateNode(path)));
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }
}
