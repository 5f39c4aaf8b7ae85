package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the cluster keeps its znodes, and how any path or id becomes one znode name. */
class ClusterLayoutTest {

    private final ClusterLayout layout = new ClusterLayout("/zk_monitor", "zkmonitor");

    @Test
    void theLayoutIsTheDocumentedOne() {
        assertThat(layout.base()).isEqualTo("/zk_monitor/zkmonitor");
        assertThat(layout.agent("host-42")).isEqualTo("/zk_monitor/zkmonitor/agents/host-42");
        assertThat(layout.alerterLock()).isEqualTo("/zk_monitor/zkmonitor/locks/alerter");
        assertThat(layout.stateNode("/services/foo")).isEqualTo("/zk_monitor/zkmonitor/state/" + ClusterLayout.bucket("/services/foo")
                + "/%2Fservices%2Ffoo");
        assertThat(layout.silence("9f1c-ab")).isEqualTo("/zk_monitor/zkmonitor/silences/9f1c-ab");
        assertThat(new ClusterLayout("/", "c").base()).isEqualTo("/c");
    }

    @Test
    void bucketsAreTwoHexDigitsOfTheCrc32SoAnyToolCanFindAState() {
        // CRC-32 of "/services/foo" is 0x80fab483 (as zlib.crc32 computes it): bucket 83
        assertThat(ClusterLayout.bucket("/services/foo")).isEqualTo("83");
        assertThat(ClusterLayout.bucket("/")).matches("[0-9a-f]{2}");
    }

    @Test
    void anyTextBecomesOneZnodeNameAndBack() {
        for (String text : List.of("/services/foo", "/a b/ü/日本", "plain-id_1.2", ".", "..", "%2F", "a%b")) {
            String name = ClusterLayout.encode(text);
            assertThat(name).doesNotContain("/").isNotIn(".", "..").matches("[A-Za-z0-9_.%-]+");
            assertThat(ClusterLayout.decode(name)).isEqualTo(text);
        }
        assertThat(ClusterLayout.encode("/services/foo")).isEqualTo("%2Fservices%2Ffoo");
    }

    @Test
    void lockCandidatesAreOrderedBySequence() {
        assertThat(ClusterLayout.sequence("_c_0b7e-latch-0000000012")).isEqualTo(12);
        assertThat(ClusterLayout.sequence("latch-0000000003")).isEqualTo(3);
        assertThat(ClusterLayout.sequence("junk")).isEqualTo(-1);
    }

    @Test
    void theOldDaemonsLeaseIsAUuid4InHex() {
        assertThat(ClusterLayout.isLegacyLease("0b7e6a4c1d2e4f5a8b9c0d1e2f3a4b5c")).isTrue();
        assertThat(ClusterLayout.isLegacyLease("0B7E6A4C1D2E4F5A8B9C0D1E2F3A4B5C")).isFalse();
        assertThat(ClusterLayout.isLegacyLease("_c_0b7e-latch-0000000012")).isFalse();
        assertThat(ClusterLayout.isLegacyLease("0b7e6a4c")).isFalse();
    }

    @Test
    void textFromZooKeeperIsMadePrintableAndShort() {
        assertThat(ClusterLayout.printable("a\nb")).isEqualTo("a\\u000ab");
        assertThat(ClusterLayout.printable("x".repeat(500))).hasSize(103).endsWith("...");
        assertThat(ClusterLayout.printable(null)).isEmpty();
    }

    @Test
    void aBadPrefixOrNameIsExplained() {
        assertThatThrownBy(() -> new ClusterLayout("zk_monitor", "c")).hasMessage(
                "the cluster prefix 'zk_monitor' must be an absolute znode path, e.g. /zk_monitor");
        assertThatThrownBy(() -> new ClusterLayout("/zk_monitor/", "c")).hasMessage(
                "the cluster prefix '/zk_monitor/' must not end with '/'; use /zk_monitor");
        assertThatThrownBy(() -> new ClusterLayout("/a//b", "c")).hasMessageStartingWith("the cluster prefix '/a//b' is not a valid znode path: ");
        assertThatThrownBy(() -> new ClusterLayout("", "c")).hasMessageStartingWith("the cluster prefix is empty");
        assertThatThrownBy(() -> new ClusterLayout("/zk", "a/b")).hasMessage(
                "the cluster name 'a/b' must not contain '/': it names a single znode");
        assertThatThrownBy(() -> new ClusterLayout("/zk", "..")).hasMessage("the cluster name '..' is reserved by ZooKeeper");
        assertThatThrownBy(() -> new ClusterLayout("/zk", "")).hasMessage("the cluster name is empty");
        assertThatThrownBy(() -> ClusterLayout.checkName("bad\u0001name", "agent name"))
                .hasMessageStartingWith("the agent name 'bad\u0001name' cannot be a znode name: ");
    }
}
