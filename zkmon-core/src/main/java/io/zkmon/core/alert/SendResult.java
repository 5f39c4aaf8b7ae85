package io.zkmon.core.alert;

import java.util.Objects;

/**
 * What happened when an alerter tried to send one notification.
 *
 * @param outcome sent, or failed (retryable or not)
 * @param detail  a short reason for people; must never contain a secret (password, token, key, URL with credentials)
 */
public record SendResult(Outcome outcome, String detail) {

    /** The three possible outcomes. */
    public enum Outcome {
        /** Delivered. */
        SENT,
        /** Not delivered; trying again later may work (connection refused, timeout, 5xx, 429). */
        RETRYABLE,
        /** Not delivered; trying again will not help (bad credentials, 4xx). */
        PERMANENT
    }

    private static final SendResult SENT = new SendResult(Outcome.SENT, "sent");

    public SendResult {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public static SendResult sent() {
        return SENT;
    }

    public static SendResult retryable(String detail) {
        return new SendResult(Outcome.RETRYABLE, detail);
    }

    public static SendResult permanent(String detail) {
        return new SendResult(Outcome.PERMANENT, detail);
    }

    public boolean isSent() {
        return outcome == Outcome.SENT;
    }
}
