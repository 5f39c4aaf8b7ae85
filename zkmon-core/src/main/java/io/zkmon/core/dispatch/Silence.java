package io.zkmon.core.dispatch;

import io.zkmon.core.spec.PathPattern;
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

    /** True when the silence covers a path. */
    public boolean matches(String path) {
        return PathPattern.isGlob(pattern) ? PathPattern.compile(pattern).matches(path) : pattern.equals(path);
    }

    /** True before {@link #until}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
