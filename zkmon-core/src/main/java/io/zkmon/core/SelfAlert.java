package io.zkmon.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A condition in which zkmon itself cannot see, as opposed to a watched path being out of spec: it is sent through
 * the same dispatcher as path alerts, under a name that says it is about zkmon.
 *
 * @param kind    which condition
 * @param message what is wrong, for people
 * @param since   since when the condition holds
 * @param firing  true once its grace period ({@code settings.blind_timeout}) has passed and it was sent (or is being)
 */
public record SelfAlert(Kind kind, String message, Instant since, boolean firing) {

    public SelfAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
    }

    /** The conditions. */
    public enum Kind {
        /** This agent has not been connected to ZooKeeper. */
        BLIND("ZkmonBlind"),
        /** Agents that see ZooKeeper find that no agent holds alerting. */
        NO_SENDER("ZkmonNoSender"),
        /** Watched paths stay Unknown while connected (no read permission, reads failing). */
        UNREADABLE_PATHS("ZkmonUnreadablePaths");

        private final String alertName;

        Kind(String alertName) {
            this.alertName = alertName;
        }

        /** The alert name receivers see (Alertmanager {@code alertname}, webhook {@code alert}). */
        public String alertName() {
            return alertName;
        }
    }
}
