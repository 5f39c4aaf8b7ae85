package io.zkmon.core.spec;

/**
 * The znode must exist ({@code exists: true}) or must not ({@code exists: false}).
 *
 * @param exists whether the node must exist
 */
public record ExistsRule(boolean exists) implements Rule {

    static final String DOES_NOT_EXIST = "Node does not exist";

    @Override
    public String violation(NodeSnapshot node, long nowMillis) {
        if (node.exists() == exists) {
            return null;
        }
        return exists ? DOES_NOT_EXIST : "Node exists but should not";
    }
}
