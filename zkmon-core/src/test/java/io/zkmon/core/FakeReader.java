package io.zkmon.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link NodeReader} that only remembers what it was asked; a test answers each request when it likes, in any
 * order, which is how a test plays ZooKeeper without one.
 */
final class FakeReader implements NodeReader {

    /** One node as a full read finds it. */
    record Node(List<String> children, byte[] data, long mtime, String error) {
        static Node withChildren(String... children) {
            return new Node(List.of(children), null, 0, null);
        }

        static Node missing() {
            return new Node(null, null, 0, null);
        }

        static Node unreadable(String error) {
            return new Node(null, null, 0, error);
        }

        Node data(String text, long modified) {
            return new Node(children, text.getBytes(StandardCharsets.UTF_8), modified, error);
        }
    }

    record NodesRequest(List<? extends Target> batch, NodesCallback<?> callback) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        void failed(String why, boolean connectionLost) {
            ((NodesCallback) callback).failed(batch, why, connectionLost);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void answer(Function<String, Node> nodes) {
            List<Node> answers = new ArrayList<>();
            batch.forEach(t -> answers.add(nodes.apply(t.rawPath())));
            ((NodesCallback) callback).read(batch, new NodeAnswers() {
                @Override
                public List<String> children(int i) {
                    return answers.get(i).children();
                }

                @Override
                public byte[] data(int i) {
                    return answers.get(i).data();
                }

                @Override
                public long mtime(int i) {
                    return answers.get(i).mtime();
                }

                @Override
                public String error(int i) {
                    return answers.get(i).error();
                }
            });
        }

        void answer(Map<String, Node> nodes) {
            answer(nodes::get);
        }

        List<String> paths() {
            return batch.stream().map(Target::rawPath).toList();
        }
    }

    record DataRequest(String path, DataCallback callback) {
        void answer(String data, long mtime) {
            callback.read(true, data.getBytes(StandardCharsets.UTF_8), mtime, null);
        }

        void gone() {
            callback.read(false, null, 0, null);
        }

        /** The read failed: {@code CONNECTIONLOSS}, {@code NOAUTH}... */
        void failed(String error) {
            callback.read(false, null, 0, error);
        }
    }

    record ChildrenDataRequest(String parent, String[] children, ChildrenDataCallback callback) {
        void answer(Map<String, String> dataByChild) {
            Map<String, byte[]> bytes = new java.util.HashMap<>();
            dataByChild.forEach((c, d) -> bytes.put(c, d.getBytes(StandardCharsets.UTF_8)));
            callback.read(bytes, null);
        }

        void failed(String error) {
            callback.read(null, error);
        }
    }

    record ListRequest(String path, ChildrenCallback callback) {
    }

    final List<NodesRequest> nodes = new ArrayList<>();
    final List<DataRequest> data = new ArrayList<>();
    final List<ChildrenDataRequest> childrenData = new ArrayList<>();
    final List<ListRequest> listings = new ArrayList<>();

    @Override
    public <T extends Target> void readNodes(List<T> batch, NodesCallback<T> callback) {
        nodes.add(new NodesRequest(List.copyOf(batch), callback));
    }

    @Override
    public void readChildrenData(String rawParent, String[] children, ChildrenDataCallback callback) {
        childrenData.add(new ChildrenDataRequest(rawParent, children.clone(), callback));
    }

    @Override
    public void readData(String rawPath, DataCallback callback) {
        data.add(new DataRequest(rawPath, callback));
    }

    @Override
    public void listChildren(String rawPath, ChildrenCallback callback) {
        listings.add(new ListRequest(rawPath, callback));
    }

    /** The oldest unanswered full read, removed from the pending ones. */
    NodesRequest nextNodes() {
        if (nodes.isEmpty()) {
            throw new AssertionError("no full read was asked for");
        }
        return nodes.remove(0);
    }

    /** The oldest unanswered data read of a path, removed from the pending ones. */
    DataRequest nextData(String path) {
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).path().equals(path)) {
                return data.remove(i);
            }
        }
        throw new AssertionError("no data read of " + path + " was asked for; pending: " + data);
    }

    /** The oldest unanswered read of a node's children's data, removed from the pending ones. */
    ChildrenDataRequest nextChildrenData(String parent) {
        for (int i = 0; i < childrenData.size(); i++) {
            if (childrenData.get(i).parent().equals(parent)) {
                return childrenData.remove(i);
            }
        }
        throw new AssertionError("no children's data read of " + parent + " was asked for");
    }

    /** The oldest unanswered listing of a path, removed from the pending ones. */
    ListRequest nextListing(String path) {
        for (int i = 0; i < listings.size(); i++) {
            if (listings.get(i).path().equals(path)) {
                return listings.remove(i);
            }
        }
        throw new AssertionError("no listing of " + path + " was asked for; pending: " + listings);
    }

    boolean idle() {
        return nodes.isEmpty() && data.isEmpty() && childrenData.isEmpty() && listings.isEmpty();
    }

    @Override
    public String toString() {
        return "nodes " + nodes.stream().map(NodesRequest::paths).toList() + ", data " + data.stream().map(DataRequest::path).toList()
                + ", children's data " + childrenData.stream().map(r -> r.parent() + Arrays.toString(r.children())).toList();
    }
}
