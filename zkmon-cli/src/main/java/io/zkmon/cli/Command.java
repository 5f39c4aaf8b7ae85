package io.zkmon.cli;

import java.util.Locale;

/** What {@code zkmon} was asked to do: the first argument, or the daemon when it is not a command name. */
enum Command {
    /** Watch and alert until stopped (no command given), exactly as the old daemon ran. */
    DAEMON("", "run the monitor until stopped (the default)"),
    /** An embedded ZooKeeper with simulated services, the dashboard and alerts in the console. */
    DEMO("demo", "try zkmon: embedded ZooKeeper, simulated services, dashboard, alerts in the console"),
    /** Parse and validate a config file, print the effective config. */
    VALIDATE("validate", "check a config file and print the effective config (secrets masked)"),
    /** Evaluate every path once and exit with a Nagios status. */
    CHECK("check", "evaluate every path once, print a table, exit 0/1/2/3 (Nagios)");

    private final String word;
    private final String summary;

    Command(String word, String summary) {
        this.word = word;
        this.summary = summary;
    }

    /** The word typed on the command line; empty for the daemon. */
    String word() {
        return word;
    }

    /** One line for the help text. */
    String summary() {
        return summary;
    }

    /** The command a word names, or null when it names none. */
    static Command named(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Command c : values()) {
            if (!c.word.isEmpty() && c.word.equals(w)) {
                return c;
            }
        }
        return null;
    }
}
