package io.zkmon.core.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config: a bare number is seconds (as in the old daemon), or a number with a
 * unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}), or several such parts from the largest unit
 * down ({@code 1m30s}, {@code 1h5m}, {@code 1s500ms}).
 *
 * <p>{@link #format} and {@link #parse} are exact inverses at millisecond precision: {@code parse(format(d))} is
 * {@code d} for every non-negative duration of whole milliseconds, so whatever zkmon prints (for example
 * {@code zkmon validate}'s effective config) loads again unchanged.
 */
public final class Durations {

    /** One part: a number (a fraction allowed) and an optional unit. */
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?\\s*");

    /** The units, largest first, with their length in milliseconds. */
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private Durations() {
    }

    /** The forms accepted, for error messages. */
    public static final String VALID_FORMS = "a number of seconds or a number with a unit: 500ms, 30s, 5m, 1h, 1d";

    /**
     * Parses a duration, rounded to the millisecond.
     *
     * @param text a bare number of seconds ({@code 10}, {@code 0.5}), a number with a unit ({@code 500ms}), or parts
     *             with units from the largest down ({@code 1h30m}, {@code 2m5s250ms})
     * @return the duration, never negative; {@code Long.MAX_VALUE} milliseconds for anything longer
     * @throws IllegalArgumentException when the text is not one of {@link #VALID_FORMS}
     */
    public static Duration parse(String text) {
        String t = text.trim();
        Matcher m = PART.matcher(t);
        BigDecimal millis = BigDecimal.ZERO;
        int pos = 0;
        int parts = 0;
        int lastUnit = -1;
        while (pos < t.length()) {
            m.region(pos, t.length());
            if (!m.lookingAt()) {
                throw invalid(text);
            }
            String unit = m.group(2);
            if (unit == null && (parts > 0 || m.end() < t.length())) {
                // a bare number is only allowed alone: "1m30" would be ambiguous
                throw invalid(text);
            }
            int u = unit == null ? 3 : indexOf(unit);
            if (u <= lastUnit) {
                throw new IllegalArgumentException("'" + text + "' is not a duration: give each unit once, from the largest down"
                        + " (d, h, m, s, ms), e.g. 1m30s");
            }
            lastUnit = u;
            millis = millis.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNIT_MILLIS[u])));
            pos = m.end();
            parts++;
        }
        if (parts == 0) {
            throw invalid(text);
        }
        BigDecimal rounded = millis.setScale(0, RoundingMode.HALF_UP);
        if (rounded.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            // saturated, so callers' range checks ("at most 365 days") give the message
            return Duration.ofMillis(Long.MAX_VALUE);
        }
        return Duration.ofMillis(rounded.longValueExact());
    }

    /**
     * Formats a duration exactly, to the millisecond, in the largest units it has: {@code 0s}, {@code 500ms},
     * {@code 45s}, {@code 1m30s}, {@code 2h5m}, {@code 1s500ms}, {@code 3d4h}. {@link #parse} reads it back to the
     * same duration. A negative duration is formatted with a leading {@code -} (which {@link #parse} refuses); any
     * part below a millisecond is dropped.
     *
     * @param d the duration
     * @return its text
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long ms = toMillisSaturated(d);
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < UNITS.length; i++) {
            long n = ms / UNIT_MILLIS[i];
            if (n > 0) {
                out.append(n).append(UNITS[i]);
                ms -= n * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }

    /**
     * Formats a measured duration for people: whole seconds once it is a second or more ({@code 14m3s}, not
     * {@code 14m3s217ms}), milliseconds below that. For ages and outages in messages, where the milliseconds are
     * noise and would make every message differ; use {@link #format} for anything that must load again.
     *
     * @param d the duration
     * @return its text, truncated to the second when at least a second
     */
    public static String formatApproximately(Duration d) {
        if (d.isNegative()) {
            return "-" + formatApproximately(d.negated());
        }
        return format(d.getSeconds() == 0 ? d : Duration.ofSeconds(d.getSeconds()));
    }

    private static long toMillisSaturated(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int indexOf(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        throw new IllegalStateException("unit " + unit);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; use " + VALID_FORMS);
    }
}
