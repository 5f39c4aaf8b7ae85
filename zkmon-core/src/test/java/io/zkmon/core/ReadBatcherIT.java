package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.testkit.ZooKeeperFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The persistent strategy's reads against a real ZooKeeper: batches of read-only {@code multi} split by the bytes
 * their answers are expected to take, one node that cannot be read failing alone, a node too large for the (here
 * small) packet limit read on its own and judged by its stat.
 */
class ReadBatcherIT {

    private static ZooKeeperFixture zk;

    /** A node as the engine asks for it, with the answer size the last read found. */
    private record Node(String rawPath, boolean needsData, long expectedBytes) implements NodeReader.Target {
    }

    /** The answers of one readNodes call: each multi's paths and answers, as they come. */
    private static final class Answers implements NodeReader.NodesCallback<Node> {
        final List<List<String>> parts = new ArrayList<>();
        final List<NodeReader.NodeAnswers> answers = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final int expected;
        int nodes;

        Answers(int expected) {
            this.expected = expected;
        }

        @Override
        public synchronized void read(List<Node> part, NodeReader.NodeAnswers a) {
            parts.add(part.stream().map(Node::rawPath).toList());
            answers.add(a);
            count(part.size());
        }

        @Override
        public synchronized void failed(List<Node> part, String why, boolean connectionLost) {
            failures.add(part + ": " + why);
            count(part.size());
        }

        private void count(int n) {
            nodes += n;
            if (nodes >= expected) {
                done.complete(null);
            }
        }

        /** The answer for one path, and its index in its part. */
        synchronized Object[] of(String path) {
            for (int p = 0; p < parts.size(); p++) {
                int i = parts.get(p).indexOf(path);
                if (i >= 0) {
                    return new Object[] {answers.get(p), i};
                }
            }
            throw new AssertionError(path + " was not answered: " + parts);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        zk = ZooKeeperFixture.server();
        for (int i = 0; i < 5; i++) {
            zk.setData("/batch/n" + i, "data of n" + i);
            zk.ensure("/batch/n" + i + "/child");
        }
        zk.setData("/mixed/ok-before", "before");
        zk.setData("/mixed/ok-after", "after");
        ACL onlyAdmin = new ACL(ZooDefs.Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest("admin:secret")));
        zk.client().create().withMode(CreateMode.PERSISTENT).withACL(List.of(onlyAdmin)).forPath("/mixed/locked", "x".getBytes(StandardCharsets.UTF_8));
        zk.setData("/large/data", "d".repeat(10_000));
        zk.ensure("/large/list");
        for (int i = 0; i < 150; i++) {
            zk.ensure("/large/list/member-" + i);
        }
    }

    @AfterAll
    static void stop() {
        zk.close();
    }

    private static ZooKeeper session() throws Exception {
        return zk.client().getZookeeperClient().getZooKeeper();
    }

    private static Answers read(ReadBatcher batcher, List<Node> nodes) throws Exception {
        Answers answers = new Answers(nodes.size());
        batcher.readNodes(session(), nodes, answers);
        answers.done.get(30, TimeUnit.SECONDS);
        return answers;
    }

    @Test
    void batchesAreSplitByTheBytesTheirAnswersAreExpectedToTake() throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            nodes.add(new Node("/batch/n" + i, true, 100_000)); // 3 of them pass the 256 KiB a batch aims for
        }

        Answers answers = read(new ReadBatcher(new ReadSizer()), nodes);

        assertThat(answers.failures).isEmpty();
        assertThat(answers.parts).containsExactly(
                List.of("/batch/n0", "/batch/n1", "/batch/n2"),
                List.of("/batch/n3", "/batch/n4"));
        Object[] n4 = answers.of("/batch/n4");
        NodeReader.NodeAnswers a = (NodeReader.NodeAnswers) n4[0];
        int i = (int) n4[1];
        assertThat(a.children(i)).containsExactly("child");
        assertThat(new String(a.data(i), StandardCharsets.UTF_8)).isEqualTo("data of n4");
        assertThat(a.mtime(i)).isPositive();
    }

    @Test
    void smallNodesGoOutInOneBatch() throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            nodes.add(new Node("/batch/n" + i, false, 20));
        }

        Answers answers = read(new ReadBatcher(new ReadSizer()), nodes);

        assertThat(answers.parts).hasSize(1);
        assertThat(answers.parts.get(0)).hasSize(5);
    }

    @Test
    void aNodeThatCannotBeReadFailsAloneAndAMissingNodeIsMissingNotFailed() throws Exception {
        List<Node> nodes = List.of(new Node("/mixed/ok-before", true, 0), new Node("/mixed/locked", true, 0),
                new Node("/mixed/gone", true, 0), new Node("/mixed/ok-after", true, 0));

        Answers answers = read(new ReadBatcher(new ReadSizer()), nodes);

        assertThat(answers.failures).isEmpty();
        assertThat(answers.parts).hasSize(1);
        NodeReader.NodeAnswers a = answers.answers.get(0);
        assertThat(a.error(0)).isNull();
        assertThat(new String(a.data(0), StandardCharsets.UTF_8)).isEqualTo("before");
        assertThat(a.error(1)).isEqualTo("NOAUTH");
        assertThat(a.error(2)).as("a missing node is not an error").isNull();
        assertThat(a.children(2)).isNull();
        assertThat(a.error(3)).isNull();
        assertThat(new String(a.data(3), StandardCharsets.UTF_8)).isEqualTo("after");
    }

    @Test
    void dataTooLargeForOneReplyIsNotReadAndSaysHowToRaiseTheLimitWhileItsNeighbourIsRead() throws Exception {
        ReadSizer small = new ReadSizer(8 * 1024); // one reply holds 4 KiB here
        List<Node> nodes = List.of(new Node("/large/data", true, 10_000), new Node("/mixed/ok-after", true, 10));

        Answers answers = read(new ReadBatcher(small), nodes);

        assertThat(answers.failures).isEmpty();
        Object[] large = answers.of("/large/data");
        assertThat(((NodeReader.NodeAnswers) large[0]).error((int) large[1])).contains("10000 bytes", "-Djute.maxbuffer=<bytes>");
        Object[] ok = answers.of("/mixed/ok-after");
        assertThat(((NodeReader.NodeAnswers) ok[0]).error((int) ok[1])).isNull();
    }

    @Test
    void aChildListTooLongForOneReplyIsCountedFromTheStat() throws Exception {
        ReadSizer small = new ReadSizer(8 * 1024);

        Answers answers = read(new ReadBatcher(small), List.of(new Node("/large/list", false, Long.MAX_VALUE)));

        NodeReader.NodeAnswers a = answers.answers.get(0);
        assertThat(a.error(0)).isNull();
        assertThat(a.children(0)).isNull();
        assertThat(a.childCount(0)).isEqualTo(150);
    }

    @Test
    void childrensDataIsReadTogetherAndAMissingChildIsLeftOut() throws Exception {
        CompletableFuture<java.util.Map<String, byte[]>> got = new CompletableFuture<>();
        new ReadBatcher(new ReadSizer()).readChildrenData(session(), "/batch", new String[] {"n0", "n1", "vanished"}, (data, error) -> {
            if (error != null) {
                got.completeExceptionally(new AssertionError(error));
            } else {
                got.complete(data);
            }
        });

        assertThat(got.get(30, TimeUnit.SECONDS)).containsOnlyKeys("n0", "n1");
    }
}
