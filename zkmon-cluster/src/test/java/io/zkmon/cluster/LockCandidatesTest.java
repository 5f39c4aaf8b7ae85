package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule for who may hold the alerting lock: only nodes a registered agent's session owns count. */
class LockCandidatesTest {

    private static final long A = 0x100L;
    private static final long B = 0x200L;
    private static final long OLD = 0x300L;
    private static final long STRANGER = 0x999L;
    private static final String LEASE = "0b7e6a4c1d2e4f5a8b9c0d1e2f3a4b5c";

    private static final Map<String, LockCandidates.Registration> AGENTS = Map.of(
            "a", new LockCandidates.Registration("a", A, true, null, 0),
            "b", new LockCandidates.Registration("b", B, true, null, 0),
            "old-host-42", new LockCandidates.Registration("old-host-42", OLD, false, null, 0));

    private static LockCandidates.Node latch(int seq, long owner, String agent) {
        return new LockCandidates.Node("_c_%08x-latch-%010d".formatted(seq * 31, seq), owner, agent);
    }

    @Test
    void theLowestEphemeralCandidateOfARegisteredAgentLeads() {
        LockCandidates.Result r = LockCandidates.of(List.of(latch(7, B, "b"), latch(3, A, "a")), AGENTS);
        assertThat(r.candidates()).extracting(LockCandidates.Node::data).containsExactly("a", "b");
        assertThat(r.first().data()).isEqualTo("a");
        assertThat(r.legacy()).isNull();
        assertThat(r.ignored()).isEmpty();
    }

    @Test
    void aPersistentNodeShapedLikeALockChildNeverOutranksARealAgent() {
        LockCandidates.Result r = LockCandidates.of(List.of(latch(0, 0, "a"), new LockCandidates.Node("x-latch-0", 0, "evil"),
                latch(5, B, "b")), AGENTS);
        assertThat(r.first().data()).isEqualTo("b");
        assertThat(r.ignored()).extracting(LockCandidates.Ignored::why).allMatch(w -> w.contains("persistent node"));
    }

    @Test
    void anEphemeralCandidateFromASessionThatRegisteredNoSuchAgentIsIgnored() {
        LockCandidates.Result r = LockCandidates.of(List.of(latch(1, STRANGER, "a"), latch(2, STRANGER, "ghost"), latch(9, B, "b")), AGENTS);
        assertThat(r.first().data()).isEqualTo("b");
        assertThat(r.ignored()).extracting(LockCandidates.Ignored::why).containsExactly(
                "its session (0x999) is not the one that registered agent 'a'",
                "it names agent 'ghost', which is not registered under agents/");
    }

    @Test
    void aLiveLeaseOfTheOldDaemonHoldsAlertingWhateverTheZkmonCandidates() {
        LockCandidates.Result r = LockCandidates.of(List.of(latch(1, A, "a"), new LockCandidates.Node(LEASE, OLD, "old-host-42")), AGENTS);
        assertThat(r.legacy().data()).isEqualTo("old-host-42");
        assertThat(r.first().data()).isEqualTo("a");
    }

    @Test
    void aLeaseThatNoRegisteredOldAgentOwnsIsIgnored() {
        LockCandidates.Result persistent = LockCandidates.of(List.of(new LockCandidates.Node(LEASE, 0, "old-host-42")), AGENTS);
        assertThat(persistent.legacy()).isNull();
        assertThat(persistent.ignored()).hasSize(1);
        LockCandidates.Result stranger = LockCandidates.of(List.of(new LockCandidates.Node(LEASE, STRANGER, "old-host-42")), AGENTS);
        assertThat(stranger.legacy()).isNull();
    }

    @Test
    void otherChildrenAreNotCandidates() {
        LockCandidates.Result r = LockCandidates.of(List.of(new LockCandidates.Node("junk", A, "a"), latch(4, A, "a")), AGENTS);
        assertThat(r.candidates()).hasSize(1);
        assertThat(r.ignored()).extracting(LockCandidates.Ignored::node).containsExactly("junk");
    }
}
