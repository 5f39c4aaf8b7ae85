package io.zkmon.core.spec;

import java.time.Duration;

/**
 * The node must have been modified within a maximum age (its ZooKeeper {@code mtime}).
 *
 * @param maxAge the maximum age
 */
public record DataMaxAgeRule(Duration maxAge) implements Rule {

    @Override
    public String violation(NodeSnapshot node, long nowMillis) {
        if (!node.exists()) {
            return ExistsRule.DOES_NOT_EXIST;
        }
        long ageMillis = nowMillis - node.mtimeMillis();
        if (ageMillis <= maxAge.toMillis()) {
            return null;
        }
        return "Data is " + Durations.formatApproximately(Duration.ofMillis(ageMillis)) + " old, older than " + Durations.format(maxAge);
    }

    @Override
    public boolean needsData() {
        return true;
    }
}
