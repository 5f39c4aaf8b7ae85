package io.zkmon.http;

import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.PathPattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The silences active now, with their globs compiled once, to tell for each listed path whether it is silenced
 * (also when its alert went out before the silence began, which the dispatcher's view does not show).
 */
final class ActiveSilences {

    private record Active(String literal, PathPattern glob, Instant until) {
        boolean matches(String path) {
            return glob != null ? glob.matches(path) : literal.equals(path);
        }
    }

    private static final ActiveSilences NONE = new ActiveSilences(List.of());

    private final List<Active> active;

    private ActiveSilences(List<Active> active) {
        this.active = active;
    }

    /** The silences of the store active at {@code now}; none when there is no store. */
    static ActiveSilences of(SilenceStore store, Instant now) {
        if (store == null) {
            return NONE;
        }
        List<Active> out = new ArrayList<>();
        for (Silence s : store.list()) {
            if (s.activeAt(now)) {
                boolean glob = PathPattern.isGlob(s.pattern());
                out.add(new Active(s.pattern(), glob ? PathPattern.compile(s.pattern()) : null, s.until()));
            }
        }
        return out.isEmpty() ? NONE : new ActiveSilences(out);
    }

    /** How many silences of the store are active at {@code now} (cheap: compiles nothing). */
    static int count(SilenceStore store, Instant now) {
        if (store == null) {
            return 0;
        }
        int n = 0;
        for (Silence s : store.list()) {
            if (s.activeAt(now)) {
                n++;
            }
        }
        return n;
    }

    /** When the last silence covering the path ends, or null when none does. */
    Instant until(String path) {
        Instant best = null;
        for (Active a : active) {
            if ((best == null || a.until().isAfter(best)) && a.matches(path)) {
                best = a.until();
            }
        }
        return best;
    }
}
