package io.zkmon.core;

import java.util.List;
import java.util.Map;

/**
 * The reads the engine's parts ask for, in the engine's terms: no ZooKeeper type in or out. A {@link WatchStrategy}
 * implements them for its session; the parts see them through the engine's gate, which delivers every answer under
 * the engine's lock.
 *
 * <p>Contract for implementations: each method sends asynchronous requests and returns at once (it runs under the
 * engine's lock); each request is answered exactly once, on any thread, with no lock of the implementation held;
 * requests are answered in the order they were made, in order with the watch events of the session (as ZooKeeper
 * answers one session's requests). Answers to a request made in a session that has ended may come or not: the engine
 * ignores them.
 */
interface NodeReader {

    /** What a full read needs to know of an entry. */
    interface Target {
        /** The path as the server sees it. */
        String rawPath();

        /** Whether its data and modification time are read too. */
        boolean needsData();

        /**
         * How many bytes its read is expected to bring back, from what the last read found (0 before any):
         * a strategy reads a node expected to be large on its own, looking at its size first.
         */
        default long expectedBytes() {
            return 0;
        }

        /** Whether the children's names are needed (a {@code where:} filter), not only their number. */
        default boolean needsChildNames() {
            return false;
        }
    }

    /**
     * Reads the children of each target (and data and mtime where it {@link Target#needsData() needs them}). The
     * implementation may split the batch into parts, each answered on its own, so that the first answers are used
     * while later parts are still on their way; each target is answered exactly once.
     */
    <T extends Target> void readNodes(List<T> batch, NodesCallback<T> callback);

    /** Reads the data of each of a node's children, answering once for all of them. */
    void readChildrenData(String rawParent, String[] children, ChildrenDataCallback callback);

    /** Reads one node's data and modification time. */
    void readData(String rawPath, DataCallback callback);

    /** Lists one node's children (to find a glob's matches). */
    void listChildren(String rawPath, ChildrenCallback callback);

    /** The answers to {@link #readNodes}: for each part of the batch, exactly one of the two methods is called. */
    interface NodesCallback<T extends Target> {
        /** The answers for one part of the batch, by each target's index in {@code part}. */
        void read(List<T> part, NodeAnswers answers);

        /**
         * One part of the batch could not be read as a whole.
         *
         * @param why            what went wrong (a ZooKeeper error code's name)
         * @param connectionLost true when the connection or session went, which the engine hears of anyway
         */
        void failed(List<T> part, String why, boolean connectionLost);
    }

    /** The answers to one part of a {@link #readNodes} batch; {@code i} is a target's index in that part. */
    interface NodeAnswers {
        /** The children, or null when the node does not exist or could not be read. */
        List<String> children(int i);

        /** The data when read and the node has any, else null. */
        byte[] data(int i);

        /** The modification time when the data was read, else 0. */
        long mtime(int i);

        /**
         * Why the node could not be read: a ZooKeeper error code's name, or a sentence for people (one with a space in
         * it) when the strategy knows better; null when it was read. "Does not exist" is no error.
         */
        String error(int i);

        /**
         * The number of children ({@code Stat.numChildren}) when the node exists but its list was not read because
         * it is longer than one reply can hold ({@link #children} is then null), else -1.
         */
        default int childCount(int i) {
            return -1;
        }
    }

    /** The answer to {@link #readChildrenData}. */
    @FunctionalInterface
    interface ChildrenDataCallback {
        /**
         * @param dataByChild each child's data (empty, never null, for a child without data); a child that is gone
         *                    is missing; null when the reads failed
         * @param error       why the reads failed (a ZooKeeper error code's name, see {@link #connectionLost}), or
         *                    null when they did not
         */
        void read(Map<String, byte[]> dataByChild, String error);
    }

    /** The answer to {@link #readData}. */
    @FunctionalInterface
    interface DataCallback {
        /**
         * @param exists whether the node exists; false both when it does not and when the read failed
         * @param data   the data, possibly null
         * @param mtime  the modification time, 0 when the read did not succeed
         * @param error  why the read failed (a ZooKeeper error code's name, see {@link #connectionLost}), or null
         *               when it succeeded or the node does not exist: a failed read never means "gone"
         */
        void read(boolean exists, byte[] data, long mtime, String error);
    }

    /** The error of a read whose connection or session went: the engine hears of that anyway, and reads again. */
    static boolean connectionLost(String error) {
        return "CONNECTIONLOSS".equals(error) || "SESSIONEXPIRED".equals(error) || "SESSIONMOVED".equals(error);
    }

    /** The answer to {@link #listChildren}. */
    @FunctionalInterface
    interface ChildrenCallback {
        /**
         * @param children the children, or null when the node does not exist or could not be listed
         * @param error    why it could not be listed (a ZooKeeper error code's name), or null
         */
        void listed(List<String> children, String error);
    }
}
