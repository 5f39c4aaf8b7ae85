package io.zkmon.core.spec;

/**
 * Evaluates a path against its spec. Pure: no ZooKeeper, no clock, no threads; the same inputs
 * always give the same result.
 */
public final class ComplianceEvaluator {

    private ComplianceEvaluator() {
    }

    /**
     * Evaluates every rule of a spec. A spec with no rules is in spec while the node exists.
     *
     * @param spec      the path's spec
     * @param node      what is known of the node
     * @param nowMillis the current time in epoch milliseconds (for age rules)
     * @return {@link Compliance#OK}, an error naming every violated rule, separated by {@code "; "}, or Unknown when
     *         a rule cannot tell ({@link UnknownVerdict})
     */
    public static Compliance evaluate(PathSpec spec, NodeSnapshot node, long nowMillis) {
        if (spec.rules().isEmpty()) {
            return node.exists() ? Compliance.OK : Compliance.error(ExistsRule.DOES_NOT_EXIST);
        }
        String first = null;
        StringBuilder more = null;
        for (Rule rule : spec.rules()) {
            String v;
            try {
                v = rule.violation(node, nowMillis);
            } catch (UnknownVerdict e) {
                return Compliance.unknown(e.getMessage());
            }
            if (v == null || v.equals(first)) {
                continue;
            }
            if (first == null) {
                first = v;
            } else {
                if (more == null) {
                    more = new StringBuilder(first);
                }
                if (more.indexOf(v) < 0) {
                    more.append("; ").append(v);
                }
            }
        }
        if (first == null) {
            return Compliance.OK;
        }
        return Compliance.error(more == null ? first : more.toString());
    }
}
