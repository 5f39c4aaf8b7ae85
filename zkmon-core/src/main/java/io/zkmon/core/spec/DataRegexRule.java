package io.zkmon.core.spec;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The node's data, read as UTF-8, must contain a match of a regular expression (anchor it with {@code ^...$} to match
 * the whole value).
 *
 * <p>Data is written by whoever can write the znode, so it is matched in linear time with RE2/J, never by a
 * backtracking engine: a pattern such as {@code ^(.*a){20}$} over crafted data answers in microseconds instead of
 * hours. The syntax is RE2's, which is Java's without backreferences, lookaround and possessive quantifiers; a pattern
 * that uses them is refused when the rule is made. One match also stops after {@link #BUDGET_MILLIS} ms (only
 * hundreds of KiB of data with a complex expression come near), and the path is then Unknown, saying so.
 */
public final class DataRegexRule implements Rule {

    /** How long one match may take before it is given up, in milliseconds. */
    public static final long BUDGET_MILLIS = 250;

    private final Pattern pattern;
    private final com.google.re2j.Pattern linear;
    /** The last data matched and its verdict: a path is judged again on every change, its data changes seldom. */
    private volatile Verdict last;

    private record Verdict(byte[] data, String violation) {
    }

    /**
     * @param pattern the expression, as written (its flags {@code CASE_INSENSITIVE}, {@code DOTALL} and
     *                {@code MULTILINE} are kept)
     * @throws IllegalArgumentException when RE2 cannot run it in linear time (backreferences, lookaround, ...)
     */
    public DataRegexRule(Pattern pattern) {
        this.pattern = pattern;
        this.linear = linear(pattern);
    }

    /**
     * Compiles an expression for this rule.
     *
     * @throws IllegalArgumentException when it is not a valid expression, or RE2 cannot run it in linear time
     */
    public static DataRegexRule of(String regex) {
        try {
            return new DataRegexRule(Pattern.compile(regex));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription(), e);
        }
    }

    private static com.google.re2j.Pattern linear(Pattern p) {
        int flags = 0;
        if ((p.flags() & Pattern.CASE_INSENSITIVE) != 0) {
            flags |= com.google.re2j.Pattern.CASE_INSENSITIVE;
        }
        if ((p.flags() & Pattern.DOTALL) != 0) {
            flags |= com.google.re2j.Pattern.DOTALL;
        }
        if ((p.flags() & Pattern.MULTILINE) != 0) {
            flags |= com.google.re2j.Pattern.MULTILINE;
        }
        try {
            return com.google.re2j.Pattern.compile(p.pattern(), flags);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription()
                    + " (data is matched in linear time with RE2 syntax: no backreferences, lookaround or possessive quantifiers)", e);
        }
    }

    /** The expression as written. */
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public String violation(NodeSnapshot node, long nowMillis) {
        if (!node.exists()) {
            return ExistsRule.DOES_NOT_EXIST;
        }
        byte[] data = node.data();
        Verdict v = last;
        if (v != null && v.data() == data) {
            return v.violation();
        }
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        String violation;
        try {
            violation = linear.matcher(new Deadline(text, System.nanoTime() + BUDGET_MILLIS * 1_000_000)).find()
                    ? null : "Data does not match /" + pattern.pattern() + "/";
        } catch (Deadline.Passed e) {
            throw new UnknownVerdict("Data regex /" + pattern.pattern() + "/ did not finish within " + BUDGET_MILLIS + " ms on "
                    + (data == null ? 0 : data.length) + " bytes of data; use a simpler expression");
        }
        last = new Verdict(data, violation);
        return violation;
    }

    @Override
    public boolean needsData() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataRegexRule other && other.pattern.pattern().equals(pattern.pattern())
                && other.pattern.flags() == pattern.flags();
    }

    @Override
    public int hashCode() {
        return pattern.pattern().hashCode();
    }

    @Override
    public String toString() {
        return "DataRegexRule[/" + pattern.pattern() + "/]";
    }

    /** Text that stops being readable once a deadline has passed, so that no match runs for long. */
    private static final class Deadline implements CharSequence {
        /** Thrown from {@link #charAt} once the deadline has passed. */
        static final class Passed extends RuntimeException {
            Passed() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final long deadlineNanos;
        private int reads;

        Deadline(String text, long deadlineNanos) {
            this.text = text;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0 && System.nanoTime() > deadlineNanos) {
                throw new Passed();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
