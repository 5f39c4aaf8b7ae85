package io.zkmon.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Keeps every read under the client's packet limit. ZooKeeper's client drops the connection when a reply is larger than
 * {@code jute.maxbuffer} (1 MiB by default), every request in flight fails with it, and the same read after the
 * reconnect would drop it again, forever. So:
 * <ul>
 *   <li>batches are sized by the bytes they are expected to bring back (what the last read of each node found);</li>
 *   <li>a node expected to be large, and every node of a read that was in flight when the connection was lost, is read
 *       on its own, its size ({@code Stat.dataLength}, {@code Stat.numChildren}) asked first;</li>
 *   <li>a child list too long for one reply is not read: its length is taken from {@code Stat.numChildren}, so the
 *       count stays right where no {@code where:} filter needs the names; data too large for one reply is not read
 *       either, and the path is Unknown with a message naming the limit and how to raise it;</li>
 *   <li>a node whose reads lost the connection {@link #GIVE_UP} times, even on its own, is left unread the same way.</li>
 * </ul>
 * Shared by the strategies of every session of one engine, so what it learned survives a session expiry. Thread-safe.
 */
final class ReadSizer {

    /** Times a node's read may lose the connection before it is taken to be too large to read. */
    static final int GIVE_UP = 3;
    /** Room in a reply for headers, the stat and the path. */
    private static final int OVERHEAD = 4 * 1024;
    private static final int MAX_SUSPECTS = 100_000;

    private final int maxBuffer;
    private final long limit;
    /** Nodes whose reads were in flight when the connection went, and how often. */
    private final Map<String, Integer> suspects = new ConcurrentHashMap<>();
    /** Average bytes of a child's name, learned from lists read. */
    private volatile double nameBytes = 32;

    ReadSizer() {
        this(Integer.getInteger("jute.maxbuffer", 0xfffff));
    }

    /**
     * @param maxBuffer the client's packet limit ({@code jute.maxbuffer})
     */
    ReadSizer(int maxBuffer) {
        this.maxBuffer = maxBuffer;
        this.limit = Math.max(1024, maxBuffer - OVERHEAD);
    }

    /** Bytes one reply may bring back. */
    long limit() {
        return limit;
    }

    /** True when a node is read on its own, its size asked first. */
    boolean careful(NodeReader.Target t) {
        return suspects.containsKey(t.rawPath()) || t.expectedBytes() > limit / 2;
    }

    /** A read of this node was in flight when the connection was lost. */
    void lost(String rawPath) {
        if (suspects.size() < MAX_SUSPECTS || suspects.containsKey(rawPath)) {
            suspects.merge(rawPath, 1, Integer::sum);
        }
    }

    /** A read of this node came back: whatever was suspected of it, it fits now. */
    void read(String rawPath) {
        if (!suspects.isEmpty()) {
            suspects.remove(rawPath);
        }
    }

    /** True when reading a node's children's data lost the connection: their sizes are asked first. */
    boolean childrenSuspected(String rawParent) {
        return suspects.containsKey(rawParent + "/*");
    }

    /** Reading a node's children's data lost the connection. */
    void childrenLost(String rawParent) {
        lost(rawParent + "/*");
    }

    /** A node's children's data was read, sizes first: they fit again. */
    void childrenRead(String rawParent) {
        read(rawParent + "/*");
    }

    /** Learns how long child names are. */
    void learnNames(java.util.List<String> children) {
        if (children.size() >= 8) {
            long total = 0;
            for (String c : children) {
                total += c.length();
            }
            nameBytes = Math.max(4, nameBytes * 0.8 + 0.2 * ((double) total / children.size()));
        }
    }

    /** Bytes a list of that many children is expected to take, on the generous side. */
    long childrenBytes(int numChildren) {
        return (long) numChildren * (4 + (long) Math.ceil(Math.max(8, nameBytes * 1.5)));
    }

    /**
     * What to read of a node, from its stat.
     *
     * @param countOnly  -1, or the number of children when the list is not to be read (too long)
     * @param readData   whether to read the data (wanted and small enough)
     * @param dataError  why the wanted data is not read (too large), or null
     */
    record Plan(int countOnly, boolean readData, String dataError) {
        boolean readChildren() {
            return countOnly < 0;
        }
    }

    /** What to read of a node of this size. */
    Plan plan(String rawPath, Stat stat, boolean needsData) {
        boolean givenUp = suspects.getOrDefault(rawPath, 0) >= GIVE_UP;
        boolean listFits = !givenUp && childrenBytes(stat.getNumChildren()) <= limit;
        int countOnly = listFits ? -1 : stat.getNumChildren();
        String dataError = null;
        boolean readData = false;
        if (needsData) {
            if (stat.getDataLength() > limit) {
                dataError = tooMuchData(stat.getDataLength());
            } else if (givenUp && stat.getNumChildren() < 1000) {
                // the list is short: it was the data all along
                dataError = "Cannot read the node: every read of it lost the connection, as a reply larger than the client's "
                        + "packet limit does (jute.maxbuffer = " + maxBuffer + " bytes); raise it with -Djute.maxbuffer=<bytes>";
            } else {
                readData = true;
            }
        }
        return new Plan(countOnly, readData, dataError);
    }

    /** The message of a path whose data is larger than one reply may be. */
    String tooMuchData(int dataLength) {
        return "Cannot read the node's data: " + dataLength + " bytes, more than one reply may hold (jute.maxbuffer = " + maxBuffer
                + " bytes); raise it with -Djute.maxbuffer=<bytes> in zkmon's JVM options";
    }

    /** The message of a filtered path whose children are too many to list. */
    String tooManyChildren(int numChildren) {
        return "Cannot list the node's " + numChildren + " children: more than one reply may hold (jute.maxbuffer = " + maxBuffer
                + " bytes), and 'where' needs their names; raise it with -Djute.maxbuffer=<bytes> in zkmon's JVM options";
    }

    /** Why a node's list is only counted, for the log. */
    String countedOnly(int numChildren) {
        return numChildren + " children, more than one reply may hold (jute.maxbuffer = " + maxBuffer
                + " bytes): counted from the node's stat, without their names; raise -Djute.maxbuffer to see them";
    }

    /** Reads the children's data of the fitting children, given to it with the callback to answer. */
    @FunctionalInterface
    interface FittingReader {
        void read(String[] fitting, int[] sizes, NodeReader.ChildrenDataCallback callback);
    }

    /**
     * Asks each child's size first ({@code exists}, watching when {@code watcher} is given): a child whose data is
     * too large for one reply makes the whole read fail, saying so; the others are read by {@code then}.
     */
    void statsFirst(ZooKeeper zk, Watcher watcher, String rawParent, String[] children, NodeReader.ChildrenDataCallback callback,
                    FittingReader then) {
        if (children.length == 0) {
            callback.read(Map.of(), null);
            return;
        }
        Map<String, Integer> fitting = new LinkedHashMap<>();
        String[] error = {null};
        int[] remaining = {children.length};
        for (String child : children) {
            zk.exists(ZkPaths.child(rawParent, child), watcher, (rc, p, ctx, stat) -> {
                if (rc == Code.OK.intValue()) {
                    if (stat.getDataLength() > limit()) {
                        if (error[0] == null) {
                            error[0] = "child " + child + ": " + tooMuchData(stat.getDataLength());
                        }
                    } else {
                        fitting.put(child, stat.getDataLength());
                    }
                } else if (rc != Code.NONODE.intValue() && error[0] == null) {
                    error[0] = String.valueOf(Code.get(rc));
                }
                if (--remaining[0] == 0) {
                    if (error[0] != null) {
                        callback.read(null, error[0]);
                    } else {
                        then.read(fitting.keySet().toArray(new String[0]), fitting.values().stream().mapToInt(Integer::intValue).toArray(),
                                callback);
                    }
                }
            }, null);
        }
    }
}
