package io.zkmon.core.spec;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The node's data, read as UTF-8, must contain a match of a regular expression
 * (anchor it with {@code ^...$} to match the whole value).
 *
 * @param pattern the expression
 */
public record DataRegexRule(Pattern pattern) implements Rule {

    @Override
    public String violation(NodeSnapshot node, long nowMillis) {
        if (!node.exists()) {
            return ExistsRule.DOES_NOT_EXIST;
        }
        byte[] data = node.data();
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        return pattern.matcher(text).find() ? null : "Data does not match /" + pattern.pattern() + "/";
    }

    @Override
    public boolean needsData() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataRegexRule other && other.pattern.pattern().equals(pattern.pattern());
    }

    @Override
    public int hashCode() {
        return pattern.pattern().hashCode();
    }
}
