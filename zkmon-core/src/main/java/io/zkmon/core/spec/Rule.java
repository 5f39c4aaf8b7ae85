package io.zkmon.core.spec;

/**
 * One condition a watched znode must meet. A path is in spec when all its rules hold.
 * Rules are immutable values; checking one is a pure function of a snapshot and the current time.
 */
public sealed interface Rule permits ChildrenRule, ExistsRule, DataRegexRule, DataJsonRule, DataMaxAgeRule {

    /**
     * Checks the rule.
     *
     * @param node        what is known of the znode
     * @param nowMillis   the current time in epoch milliseconds (only age rules look at it)
     * @return null when the rule holds, else a message for people naming the numbers
     */
    String violation(NodeSnapshot node, long nowMillis);

    /** True when checking needs the node's data and stat (the engine reads them only then). */
    default boolean needsData() {
        return false;
    }
}
