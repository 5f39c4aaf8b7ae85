package io.zkmon.core.spec;

/**
 * The node's data must be JSON whose fields have the given values.
 *
 * @param matcher the expected fields
 */
public record DataJsonRule(JsonMatcher matcher) implements Rule {

    @Override
    public String violation(NodeSnapshot node, long nowMillis) {
        if (!node.exists()) {
            return ExistsRule.DOES_NOT_EXIST;
        }
        String mismatch = matcher.mismatch(node.data());
        return mismatch == null ? null : "Data " + mismatch;
    }

    @Override
    public boolean needsData() {
        return true;
    }
}
