package io.zkmon.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's ACLs as they really are, not as configured. With open ACLs: one WARN at start that says what anyone
 * with ZooKeeper access can do. In secured mode: reads the ACL of every node of the cluster's layout ({@code getACL})
 * and compares it with creator-only for this agent's own credentials, learnt from the ACL ZooKeeper gave this agent's
 * own registration. A node that grants anything to anyone else is fixed ({@code setACL}, after its persistent
 * children, which may have been created while it was open) when this agent may change it; otherwise the agent refuses
 * to run, naming the node and who it grants what.
 */
final class AclGuard {

    private static final Logger LOG = LoggerFactory.getLogger(AclGuard.class);

    private AclGuard() {
    }

    /** The start-up warning for open ACLs: what anyone who can reach ZooKeeper can do. */
    static void warnOpen(ClusterLayout layout) {
        LOG.warn("The cluster's znodes under {} have open ACLs: anyone who can reach ZooKeeper can read the alert state, add "
                + "silences that mute alerts, forge or delete alert state, and hold or flood the alerting lock. Give every agent the "
                + "same ZooKeeper credentials (--zookeeper_user/--zookeeper_pass) to make them creator-only; see docs/security.md",
                layout.base());
    }

    /**
     * Checks, and fixes where it may, the ACL of each node of the layout.
     *
     * @param ownNode a node this agent created with the creator-only ACL in its current session (its registration): its
     *                ACL as the server stored it names this agent's credentials
     * @return null when every node is creator-only for this agent's credentials (now), or why the agent must not run,
     *         naming the node
     */
    static String check(CuratorFramework client, ClusterLayout layout, String ownNode) throws Exception {
        Set<ACL> ours = new HashSet<>(client.getACL().forPath(ownNode));
        if (ours.isEmpty() || ours.stream().anyMatch(a -> a.getId().equals(ZooDefs.Ids.ANYONE_ID_UNSAFE))) {
            return "ZooKeeper stored an open ACL for " + ownNode + ", created creator-only: this client has no credentials ZooKeeper "
                    + "accepts for ACLs (digest, SASL or x509)";
        }
        List<ACL> wanted = List.copyOf(ours);
        for (String dir : List.of(layout.base(), layout.agents(), layout.locks(), layout.alerterLock(), layout.alerterMutex(),
                layout.state(), layout.silences())) {
            String why = fix(client, dir, ours, wanted, dir.equals(layout.state()) ? 2 : dir.equals(layout.silences()) ? 1 : 0);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** Fixes a node (and first its persistent children, {@code depth} levels down); null when fine, else why not. */
    private static String fix(CuratorFramework client, String node, Set<ACL> ours, List<ACL> wanted, int depth) throws Exception {
        List<ACL> now;
        try {
            now = client.getACL().forPath(node);
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (KeeperException.NoAuthException e) {
            return node + " does not let this agent read its ACL: it belongs to other credentials. Give every agent the credentials "
                    + "that created it, or remove it (with those credentials) so that zkmon creates it again";
        }
        if (new HashSet<>(now).equals(ours)) {
            return null;
        }
        if (depth > 0) {
            List<String> children;
            try {
                children = client.getChildren().forPath(node);
            } catch (KeeperException.NoNodeException e) {
                children = List.of();
            }
            for (String c : children) {
                String why = fix(client, ZKPaths.makePath(node, c), ours, wanted, depth - 1);
                if (why != null) {
                    return why;
                }
            }
        }
        try {
            client.setACL().withACL(wanted).forPath(node);
        } catch (KeeperException.NoAuthException e) {
            return node + " has the ACL " + describe(now) + ", which this agent may not change. Set it to creator-only for this "
                    + "cluster's credentials (setAcl), or remove the node, with credentials that may; or run without credentials";
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
        LOG.warn("Fixed the ACL of {}: it was {}; now only this cluster's credentials may use it", node, describe(now));
        return null;
    }

    /** An ACL for people: {@code world:anyone (all)}, {@code digest:alice (read)}; a digest's password hash is left out. */
    static String describe(List<ACL> acl) {
        List<String> out = new ArrayList<>();
        for (ACL a : acl) {
            Id id = a.getId();
            String who = id.getId();
            if ("digest".equals(id.getScheme()) && who.indexOf(':') >= 0) {
                who = who.substring(0, who.indexOf(':'));
            }
            out.add(id.getScheme() + ":" + who + " (" + perms(a.getPerms()) + ")");
        }
        return out.isEmpty() ? "(empty)" : String.join(", ", out);
    }

    private static String perms(int p) {
        if (p == ZooDefs.Perms.ALL) {
            return "all";
        }
        List<String> out = new ArrayList<>();
        if ((p & ZooDefs.Perms.READ) != 0) {
            out.add("read");
        }
        if ((p & ZooDefs.Perms.WRITE) != 0) {
            out.add("write");
        }
        if ((p & ZooDefs.Perms.CREATE) != 0) {
            out.add("create");
        }
        if ((p & ZooDefs.Perms.DELETE) != 0) {
            out.add("delete");
        }
        if ((p & ZooDefs.Perms.ADMIN) != 0) {
            out.add("admin");
        }
        return out.isEmpty() ? "none" : String.join(" ", out);
    }
}
