package io.zkmon.core.spec;

import java.util.Objects;

/**
 * The result of evaluating a path against its spec: a state and a message for people.
 *
 * @param state   the state
 * @param message what holds or what is wrong, naming the numbers (e.g. {@code Found children (2) less than minimum (3)})
 */
public record Compliance(State state, String message) {

    /** The message of a path whose rules all hold (the old daemon's wording). */
    public static final String ALL_CHECKS_PASS = "All checks pass.";

    /** The one shared in-spec value. */
    public static final Compliance OK = new Compliance(State.OK, ALL_CHECKS_PASS);

    public Compliance {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }

    /** An out-of-spec result. */
    public static Compliance error(String message) {
        return new Compliance(State.ERROR, message);
    }

    /** A no-information result. */
    public static Compliance unknown(String reason) {
        return new Compliance(State.UNKNOWN, reason);
    }

    /** True when the state is {@link State#OK}. */
    public boolean inSpec() {
        return state == State.OK;
    }
}
