package io.zkmon.cli;

import java.util.Locale;

/** How log lines are written to the console ({@code --log_format}). */
enum LogFormat {
    /** {@code 2026-11-25 16:20:25,862 [35661] [io.zkmon.core.WatchEngine] (INFO) message}, as the old daemon wrote. */
    TEXT,
    /** One JSON object per line (Log4j's JsonTemplateLayout, Elastic Common Schema), for log shippers. */
    JSON;

    /** The format a text names, or null when it names none. */
    static LogFormat parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> null;
        };
    }
}
