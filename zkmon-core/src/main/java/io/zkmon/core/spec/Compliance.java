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

    /**
     * The longest message, in characters: a longer one is cut there and ends in an ellipsis ({@code …}). Messages go
     * to {@code /status}, shared alert state in ZooKeeper, emails and chat, and may quote a znode's data.
     */
    public static final int MAX_MESSAGE = 1024;

    /**
     * @param message cut to {@link #MAX_MESSAGE} characters, ending in {@code …}, when longer
     */
    public Compliance {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        message = bounded(message, MAX_MESSAGE);
    }

    /** The text, or its first {@code max - 1} characters and an ellipsis when it is longer than {@code max}. */
    public static String bounded(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never half a character
        }
        return text.substring(0, cut) + "\u2026";
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
