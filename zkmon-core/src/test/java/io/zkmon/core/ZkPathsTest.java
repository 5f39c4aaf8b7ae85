package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Znode path helpers, the root and a Curator namespace included. */
class ZkPathsTest {

    @Test
    void parentAndNameOfAPath() {
        assertThat(ZkPaths.parent("/svc/api")).isEqualTo("/svc");
        assertThat(ZkPaths.parent("/svc")).isEqualTo("/");
        assertThat(ZkPaths.parent("/")).isEqualTo("/");
        assertThat(ZkPaths.name("/svc/api")).isEqualTo("api");
    }

    @Test
    void aChildOfTheRootHasOneSlash() {
        assertThat(ZkPaths.child("/", "svc")).isEqualTo("/svc");
        assertThat(ZkPaths.child("/svc", "api")).isEqualTo("/svc/api");
    }

    @Test
    void aNamespacePrefixesPathsWithOrWithoutItsLeadingSlash() {
        assertThat(ZkPaths.withNamespace("", "/svc")).isEqualTo("/svc");
        assertThat(ZkPaths.withNamespace(null, "/svc")).isEqualTo("/svc");
        assertThat(ZkPaths.withNamespace("tenant", "/svc")).isEqualTo("/tenant/svc");
        assertThat(ZkPaths.withNamespace("/tenant", "/")).isEqualTo("/tenant");
    }

    @Test
    void withoutNamespaceUndoesWithNamespace() {
        for (String path : new String[] {"/", "/svc", "/svc/api"}) {
            assertThat(ZkPaths.withoutNamespace("tenant", ZkPaths.withNamespace("tenant", path))).isEqualTo(path);
            assertThat(ZkPaths.withoutNamespace("", path)).isEqualTo(path);
        }
    }
}
