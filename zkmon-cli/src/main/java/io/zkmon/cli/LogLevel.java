package io.zkmon.cli;

import java.util.Locale;

/** The levels {@code -l/--level} accepts, in any case, as the old daemon did ({@code WARNING} is taken for WARN). */
enum LogLevel {
    DEBUG, INFO, WARN, ERROR;

    /** The accepted spellings, for messages. */
    static final String CHOICES = "INFO, WARN, DEBUG or ERROR";

    /** The level a text names, or null when it names none. */
    static LogLevel parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("WARNING")) {
            return WARN;
        }
        for (LogLevel l : values()) {
            if (l.name().equals(t)) {
                return l;
            }
        }
        return null;
    }
}
