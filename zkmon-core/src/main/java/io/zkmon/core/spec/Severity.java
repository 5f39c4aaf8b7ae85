package io.zkmon.core.spec;

import java.util.Locale;

/** How urgent a path's alerts are; backends map it to their own scale (PagerDuty severity, Nagios exit code). */
public enum Severity {
    /** Wake someone up. */
    CRITICAL,
    /** Look at it soon (the default). */
    WARNING,
    /** For the record. */
    INFO;

    /** The lower-case name used in YAML and payloads: {@code critical}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
