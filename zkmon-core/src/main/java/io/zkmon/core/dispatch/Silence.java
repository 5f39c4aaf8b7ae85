package io.zkmon.core.dispatch;

import io.zkmon.core.spec.PathPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Mutes notifications for a path or glob until a time. A silenced path is still evaluated and shown; a firing
 * notification that falls due during the silence is sent when it ends if the path is still out of spec. A recovery
 * for an alert that already went out is still sent, so incidents opened elsewhere get closed.
 *
 * @param id        unique id
 * @param pattern   a path or glob ({@code /services/*}{@code /instances}, {@code /services/**})
 * @param until     when the silence ends
 * @param comment   why
 * @param author    who
 * @param createdAt when it was created
 */
public record Silence(String id, String pattern, Instant until, String comment, String author, Instant createdAt) {

    /** The longest a silence may last: it ends at most this long after it is made (or read back from a shared store). */
    public static final Duration MAX_DURATION = Duration.ofDays(365);
    /** The most characters in a comment or an author. */
    public static final int MAX_TEXT = 1_000;
    /** The most characters in an id. */
    public static final int MAX_ID = 128;
    /** The most characters in a pattern. */
    public static final int MAX_PATTERN = 1_000;
    /** How far a creation time read back may lie in the future (clocks of agents differ a little). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public Silence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(until, "until");
        String problem = PathPattern.problem(pattern);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        comment = comment == null ? "" : comment;
        author = author == null ? "" : author;
    }

    /**
     * Why this silence must not be honoured when read from a source anyone may have written (a shared store in
     * ZooKeeper), or null when it is acceptable at {@code now}. The limits are those of the HTTP API: it ends at most
     * {@link #MAX_DURATION} from now, its id is 1-{@value #MAX_ID} characters without control characters, its pattern
     * at most {@value #MAX_PATTERN} characters, its comment and author at most {@value #MAX_TEXT}, and it was not made
     * in the future. An expired silence is acceptable (it no longer mutes anything).
     */
    public String problem(Instant now) {
        if (id.isBlank() || id.length() > MAX_ID || id.chars().anyMatch(Character::isISOControl)) {
            return "its id must be 1-" + MAX_ID + " characters without control characters";
        }
        if (pattern.length() > MAX_PATTERN) {
            return "its pattern is longer than " + MAX_PATTERN + " characters";
        }
        if (comment.length() > MAX_TEXT || author.length() > MAX_TEXT) {
            return "its comment or author is longer than " + MAX_TEXT + " characters";
        }
        if (until.isAfter(now.plus(MAX_DURATION))) {
            return "it ends " + until + ", more than " + MAX_DURATION.toDays() + " days from now";
        }
        if (createdAt != null && createdAt.isAfter(now.plus(CLOCK_SKEW))) {
            return "it was created in the future (" + createdAt + ")";
        }
        return null;
    }

    /** True when the silence covers a path. */
    public boolean matches(String path) {
        return PathPattern.isGlob(pattern) ? PathPattern.compile(pattern).matches(path) : pattern.equals(path);
    }

    /** True before {@link #until}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
