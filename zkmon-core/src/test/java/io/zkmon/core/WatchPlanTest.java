package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatchPlanTest {

    @Test
    void siblingsShareOneWatchOnTheirParent() {
        assertThat(WatchPlan.roots(List.of("/services/foo/min_1", "/services/foo/min_3", "/kafka/brokers/ids"), List.of()))
                .containsExactly("/kafka/brokers/ids", "/services/foo");
    }

    @Test
    void neverWatchesTheWholeTreeForSiblingsOfTheRoot() {
        assertThat(WatchPlan.roots(List.of("/live_nodes", "/hbase"), List.of())).containsExactly("/hbase", "/live_nodes");
    }

    @Test
    void aGlobIsWatchedAtItsPrefixAndCoversPathsBelowIt() {
        assertThat(WatchPlan.roots(List.of("/services/api/instances", "/services-old/x"), List.of("/services")))
                .containsExactly("/services", "/services-old/x");
    }
}
