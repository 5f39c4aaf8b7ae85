package io.zkmon.core.spec;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config: a bare number is seconds (as in the old daemon),
 * or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}.
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    /** The forms accepted, for error messages. */
    public static final String VALID_FORMS = "a number of seconds or a number with a unit: 500ms, 30s, 5m, 1h, 1d";

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException when the text is not one of {@link #VALID_FORMS}
     */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use " + VALID_FORMS);
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** Formats a duration compactly for messages: {@code 500ms}, {@code 45s}, {@code 14m}, {@code 2h5m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1_000) {
            return ms + "ms";
        }
        long s = ms / 1_000;
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
        }
        long h = m / 60;
        if (h < 48) {
            return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
        }
        return (h / 24) + "d";
    }
}
