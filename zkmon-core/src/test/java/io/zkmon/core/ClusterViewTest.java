package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default of {@link ClusterView#nextInLine()}: exactly one agent reports a cluster without a sender. */
class ClusterViewTest {

    private static ClusterView view(String self, String leader, String... live) {
        List<ClusterView.Agent> agents = java.util.Arrays.stream(live).map(n -> new ClusterView.Agent(n, "h", 1, "0", Instant.EPOCH, 0)).toList();
        return new ClusterView() {
            @Override
            public List<Agent> agents() {
                return agents;
            }

            @Override
            public String leader() {
                return leader;
            }

            @Override
            public Instant leaderSince() {
                return null;
            }

            @Override
            public String self() {
                return self;
            }
        };
    }

    @Test
    void theLeaderIsNextInLineWhileALiveAgentLeads() {
        assertThat(view("b", "b", "a", "b").nextInLine()).isTrue();
        assertThat(view("a", "b", "a", "b").nextInLine()).isFalse();
    }

    @Test
    void withoutALiveLeaderTheFirstLiveAgentByNameIs() {
        assertThat(view("a", null, "a", "b").nextInLine()).isTrue();
        assertThat(view("b", null, "a", "b").nextInLine()).isFalse();
        assertThat(view("a", "forged", "a", "b").nextInLine()).as("a lock held by no live agent").isTrue();
        assertThat(view("b", "forged", "a", "b").nextInLine()).isFalse();
    }

    @Test
    void anAgentThatSeesNoAgentReportsItself() {
        assertThat(view("a", null).nextInLine()).isTrue();
    }

    @Test
    void anAgentAloneIsAlwaysNextInLine() {
        assertThat(ClusterView.single(new ClusterView.Agent("me", "h", 1, "0", Instant.EPOCH, 0)).nextInLine()).isTrue();
    }
}
