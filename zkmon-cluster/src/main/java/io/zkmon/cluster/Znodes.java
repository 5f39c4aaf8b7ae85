package io.zkmon.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/** Small ZooKeeper helpers shared by the cluster's parts: ACLs, idempotent creation, asynchronous reads, messages. */
final class Znodes {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Znodes.class);

    private Znodes() {
    }

    /** Creator-only when secured (needs a client with digest authorization), open otherwise. */
    static List<ACL> acl(boolean secured) {
        return secured ? ZooDefs.Ids.CREATOR_ALL_ACL : ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    /** Creates a persistent node and any missing parents with this ACL; an existing node is left as it is. */
    static void ensure(CuratorFramework client, String path, List<ACL> acl) throws Exception {
        if (client.checkExists().forPath(path) != null) {
            return;
        }
        String parent = ZKPaths.getPathAndNode(path).getPath();
        if (!parent.equals("/")) {
            ensure(client, parent, acl);
        }
        try {
            create(client, path, new byte[0], acl, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            LOG.debug("{} was created by another agent meanwhile", path);
        }
    }

    /**
     * Creates one node and returns its path (with the sequence number, for a sequential node). Sent as a one-operation
     * transaction: Curator's own {@code create()} sends {@code create2}, which ZooKeeper 3.4 servers do not know, while
     * {@code multi} with a plain create works on every server from 3.4 on.
     */
    static String create(CuratorFramework client, String path, byte[] data, List<ACL> acl, CreateMode mode) throws Exception {
        List<CuratorTransactionResult> results = client.transaction()
                .forOperations(client.transactionOp().create().withMode(mode).withACL(acl).forPath(path, data));
        return results.get(0).getResultPath();
    }

    /** The client's current session id, or 0 when it has none. */
    static long sessionId(CuratorFramework client) {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Children of a node, empty when it does not exist. */
    static CompletableFuture<List<String>> children(CuratorFramework client, String path) {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        try {
            client.getChildren().inBackground((c, e) -> {
                if (e.getResultCode() == KeeperException.Code.OK.intValue()) {
                    f.complete(e.getChildren());
                } else if (e.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                    f.complete(List.of());
                } else {
                    f.completeExceptionally(KeeperException.create(KeeperException.Code.get(e.getResultCode()), path));
                }
            }).forPath(path);
        } catch (Exception e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /** The stat of a node, null when it does not exist. */
    static CompletableFuture<Stat> stat(CuratorFramework client, String path) {
        CompletableFuture<Stat> f = new CompletableFuture<>();
        try {
            client.checkExists().inBackground((c, e) -> {
                if (e.getResultCode() == KeeperException.Code.OK.intValue() || e.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                    f.complete(e.getStat());
                } else {
                    f.completeExceptionally(KeeperException.create(KeeperException.Code.get(e.getResultCode()), path));
                }
            }).forPath(path);
        } catch (Exception e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /** Data of a node, null when it does not exist. */
    static CompletableFuture<byte[]> data(CuratorFramework client, String path) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        try {
            client.getData().inBackground((c, e) -> {
                if (e.getResultCode() == KeeperException.Code.OK.intValue()) {
                    f.complete(e.getData() == null ? new byte[0] : e.getData());
                } else if (e.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(KeeperException.create(KeeperException.Code.get(e.getResultCode()), path));
                }
            }).forPath(path);
        } catch (Exception e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /** True for errors that mean "not connected right now; try again when reconnected". */
    static boolean isConnectionProblem(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof KeeperException ke) {
                KeeperException.Code c = ke.code();
                return c == KeeperException.Code.CONNECTIONLOSS || c == KeeperException.Code.SESSIONEXPIRED
                        || c == KeeperException.Code.SESSIONMOVED || c == KeeperException.Code.OPERATIONTIMEOUT;
            }
            t = t.getCause();
        }
        return false;
    }

    /** A one-line explanation of a ZooKeeper failure, naming what we tried and what to do about it. */
    static String explain(Throwable e, String what) {
        Throwable t = e;
        while (t != null && !(t instanceof KeeperException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof KeeperException ke) {
            return switch (ke.code()) {
                case NOAUTH -> what + ": not authorized. The cluster's znodes were created with other credentials; give every agent "
                        + "the same ZooKeeper user and password (--zookeeper_user/--zookeeper_pass)";
                case INVALIDACL -> what + ": ZooKeeper refused a creator-only ACL because this client has no credentials; "
                        + "build the Curator client with digest authorization or turn 'secured' off";
                case CONNECTIONLOSS, SESSIONEXPIRED, OPERATIONTIMEOUT -> what + ": not connected to ZooKeeper (" + ke.code()
                        + "); will retry when connected";
                default -> what + ": " + ke.getMessage();
            };
        }
        return what + ": " + e;
    }
}
