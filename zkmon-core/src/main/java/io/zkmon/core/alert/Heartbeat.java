package io.zkmon.core.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * "zkmon is healthy": this agent sends alerts and sees ZooKeeper. Given to {@link Alerter#heartbeat} every
 * {@link Alerter#heartbeatInterval()} while that holds, so that a receiver (a dead man's switch, a cron monitor's ping
 * URL, Alertmanager's always-firing watchdog) alerts when the beats stop.
 *
 * @param cluster   the zkmon cluster name
 * @param agent     the agent that beats (the one that sends alerts)
 * @param at        when this beat was decided
 * @param statusUrl a link to the agent's {@code /status}, or null when unknown
 */
public record Heartbeat(String cluster, String agent, Instant at, String statusUrl) {

    public Heartbeat {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(at, "at");
    }
}
