package io.zkmon.core;

import java.util.Objects;

/**
 * The ZooKeeper server this agent is connected to, and how the engine watches it. The engine asks the server at every
 * (re)connect, since an ensemble can be upgraded or rolled back one server at a time.
 *
 * @param version the server's version as it reports it ({@code 3.9.5}, {@code 3.4.14}), or {@code unknown}
 * @param mode    how the engine learns about changes on this server
 */
public record ServerInfo(String version, WatchMode mode) {

    public ServerInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(mode, "mode");
    }

    /** How the engine learns about changes. */
    public enum WatchMode {
        /** ZooKeeper 3.6+: persistent recursive watches and batched read-only {@code multi} reads. */
        PERSISTENT("persistent"),
        /** Servers without persistent watches (3.4, 3.5): one-shot watches re-armed on every event, plain reads. */
        ONE_SHOT("one-shot"),
        /**
         * A server zkmon refuses (older than 3.4): nothing is read, every path stays Unknown with a message that
         * names the version, and the daemon exits at start-up.
         */
        UNSUPPORTED("unsupported");

        private final String label;

        WatchMode(String label) {
            this.label = label;
        }

        /** The name shown in {@code /status} and {@code /metrics}. */
        public String label() {
            return label;
        }
    }
}
