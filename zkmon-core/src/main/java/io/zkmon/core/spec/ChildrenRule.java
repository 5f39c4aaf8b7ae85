package io.zkmon.core.spec;

/**
 * Bounds on the number of children, optionally counting only those whose data matches a filter.
 * A missing node counts as zero children, as the old daemon did.
 *
 * @param min   minimum number of (matching) children, at least 0
 * @param max   maximum, or -1 for none
 * @param where filter on child data, or null to count every child
 */
public record ChildrenRule(int min, int max, JsonMatcher where) implements Rule {

    public ChildrenRule {
        if (min < 0) {
            throw new IllegalArgumentException("min must be at least 0, got " + min);
        }
        if (max != -1 && max < min) {
            throw new IllegalArgumentException("max (" + max + ") must not be less than min (" + min + ")");
        }
    }

    /** At least {@code min} children: the old daemon's {@code children: N}. */
    public static ChildrenRule atLeast(int min) {
        return new ChildrenRule(min, -1, null);
    }

    @Override
    public String violation(NodeSnapshot node, long nowMillis) {
        int total = node.childCount();
        int count = where == null ? total : Math.max(node.matchingChildren(), 0);
        String what = where == null ? "children (" + count + ")" : "matching children (" + count + " of " + total + ")";
        if (count < min) {
            return "Found " + what + " less than minimum (" + min + ")";
        }
        if (max >= 0 && count > max) {
            return "Found " + what + " more than maximum (" + max + ")";
        }
        return null;
    }
}
