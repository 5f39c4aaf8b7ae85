package io.zkmon.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.zkmon.core.ClusterView;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON the cluster keeps in ZooKeeper. The documents are our own records, not core's, so the stored format is
 * explicit and stable: snake_case keys, ISO-8601 times, a {@code format} number, unknown keys ignored (so a newer
 * agent may add keys during a rolling upgrade) and absent keys read as null.
 */
final class ClusterJson {

    /** The alert-state format this agent writes and reads. */
    static final int STATE_FORMAT = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ClusterJson() {
    }

    // ---- documents ----

    record StateDoc(Integer format, String path, Instant incidentStart, boolean notified, Instant notifiedAt, String dedupKey,
                    Instant nextRepeatAt, List<DeliveryDoc> outbox, String writtenBy, Instant writtenAt) {
    }

    record DeliveryDoc(String alerter, Instant firstAttempt, int attempts, NotificationDoc notification) {
    }

    /**
     * A notification waiting in an outbox. {@code alert_name}, {@code severity}, {@code labels} and
     * {@code annotations} came later: a document without them (written by an older agent) reads as a path alert of
     * severity warning without labels, which is what that agent would have sent.
     */
    record NotificationDoc(String kind, String path, String state, String previousState, String message, int childCount,
                           List<String> childrenAdded, List<String> childrenRemoved, String cluster, String agent, Instant startedAt,
                           Instant at, String dedupKey, boolean repeat, String statusUrl, String alertName, String severity,
                           Map<String, String> labels, Map<String, String> annotations) {
    }

    /**
     * An agent's registration. {@code leading_since} is set while it holds the alerting lock, with {@code lease_ms}: how
     * long it may go on sending after it last proved it holds the lock, which bounds how long another agent waits for it
     * to stop when its lock node was deleted under it.
     */
    record AgentDoc(String host, long pid, String version, Instant startedAt, int httpPort, Instant leadingSince, Long leaseMs) {

        AgentDoc(String host, long pid, String version, Instant startedAt, int httpPort, Instant leadingSince) {
            this(host, pid, version, startedAt, httpPort, leadingSince, null);
        }

        /** True for a zkmon registration; false for what an old zk_monitor agent writes ({@code created}, {@code pid}, ...). */
        boolean zkmon() {
            return host != null && version != null && startedAt != null;
        }
    }

    record SilenceDoc(String id, String pattern, Instant until, String comment, String author, Instant createdAt) {
    }

    // ---- alert state ----

    static byte[] encodeState(AlertState s, String writtenBy, Instant writtenAt) {
        List<DeliveryDoc> outbox = new ArrayList<>();
        for (PendingDelivery d : s.outbox()) {
            outbox.add(new DeliveryDoc(d.alerter(), d.firstAttempt(), d.attempts(), toDoc(d.notification())));
        }
        return write(new StateDoc(STATE_FORMAT, s.path(), s.incidentStart(), s.notified(), s.notifiedAt(), s.dedupKey(),
                s.nextRepeatAt(), outbox, writtenBy, writtenAt));
    }

    /** The most entries an outbox read back may have (one per alerter and notification not yet delivered). */
    static final int MAX_OUTBOX = 1_000;
    /** How far a time read back may lie in the future (agents' clocks differ a little). */
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    /** Reads an alert state, judging its times against the system clock. */
    static AlertState decodeState(byte[] json) {
        return decodeState(json, Instant.now());
    }

    /**
     * Reads an alert state and checks that it is one zkmon could have written: a known format, a znode path, and facts
     * that fit together (a notified incident has a start, a decision time not before it and a dedup key; nothing
     * happened in the future; each outbox entry is about this path and complete). The record may have been written by
     * anyone with ZooKeeper access, so what does not fit is rejected and the path starts from scratch, rather than being
     * taken as "already notified".
     *
     * @throws IllegalArgumentException saying what is wrong, when the bytes are not a state this agent can use
     */
    static AlertState decodeState(byte[] json, Instant now) {
        StateDoc d = read(json, StateDoc.class);
        if (d.format() == null || d.path() == null) {
            throw new IllegalArgumentException("not an alert state (no 'format' or 'path')");
        }
        if (d.format() > STATE_FORMAT) {
            throw new IllegalArgumentException("written in format " + d.format() + " by a newer zkmon; this agent reads format "
                    + STATE_FORMAT + " (upgrade it)");
        }
        if (d.format() < 1) {
            throw new IllegalArgumentException("format " + d.format() + " does not exist");
        }
        if (!d.path().startsWith("/") || d.path().length() > 4_096 || d.path().chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'path' is not a znode path");
        }
        Instant future = now.plus(CLOCK_SKEW);
        notAfter(d.incidentStart(), future, "incident_start");
        notAfter(d.notifiedAt(), future, "notified_at");
        if (d.notified()) {
            if (d.incidentStart() == null || d.notifiedAt() == null || d.dedupKey() == null || d.dedupKey().isBlank()) {
                throw new IllegalArgumentException("it says 'notified' without 'incident_start', 'notified_at' and 'dedup_key'");
            }
            if (d.notifiedAt().isBefore(d.incidentStart())) {
                throw new IllegalArgumentException("'notified_at' is before 'incident_start'");
            }
        } else if (d.notifiedAt() != null || d.nextRepeatAt() != null) {
            throw new IllegalArgumentException("it has 'notified_at' or 'next_repeat_at' but is not 'notified'");
        }
        if (d.dedupKey() != null && d.dedupKey().length() > 4_096 + 200) {
            throw new IllegalArgumentException("'dedup_key' is too long");
        }
        List<PendingDelivery> outbox = new ArrayList<>();
        if (d.outbox() != null) {
            if (d.outbox().size() > MAX_OUTBOX) {
                throw new IllegalArgumentException("the outbox holds " + d.outbox().size() + " entries, more than " + MAX_OUTBOX);
            }
            for (DeliveryDoc p : d.outbox()) {
                if (p == null || p.alerter() == null || p.alerter().isBlank() || p.notification() == null) {
                    throw new IllegalArgumentException("an outbox entry has no 'alerter' or 'notification'");
                }
                if (p.attempts() < 0) {
                    throw new IllegalArgumentException("an outbox entry has a negative 'attempts'");
                }
                notAfter(p.firstAttempt(), future, "first_attempt");
                Notification n = fromDoc(p.notification());
                if (!d.path().equals(n.path())) {
                    throw new IllegalArgumentException("its outbox holds a notification about another path");
                }
                outbox.add(new PendingDelivery(p.alerter(), n, p.firstAttempt(), p.attempts()));
            }
        }
        return new AlertState(d.path(), d.incidentStart(), d.notified(), d.notifiedAt(), d.dedupKey(), d.nextRepeatAt(), outbox);
    }

    private static void notAfter(Instant t, Instant limit, String key) {
        if (t != null && t.isAfter(limit)) {
            throw new IllegalArgumentException("'" + key + "' (" + t + ") is in the future");
        }
    }

    private static NotificationDoc toDoc(Notification n) {
        return new NotificationDoc(n.kind().name(), n.path(), n.state().name(), n.previousState() == null ? null : n.previousState().name(),
                n.message(), n.childCount(), n.childrenAdded(), n.childrenRemoved(), n.cluster(), n.agent(), n.startedAt(), n.at(),
                n.dedupKey(), n.repeat(), n.statusUrl(), n.alertName(), n.severity().label(),
                n.labels().isEmpty() ? null : n.labels(), n.annotations().isEmpty() ? null : n.annotations());
    }

    private static Notification fromDoc(NotificationDoc d) {
        if (d.path() == null || d.dedupKey() == null || d.at() == null) {
            throw new IllegalArgumentException("a notification in the outbox has no 'path', 'dedup_key' or 'at'");
        }
        try {
            return new Notification(Notification.Kind.valueOf(d.kind()), d.path(), State.valueOf(d.state()),
                    d.previousState() == null ? null : State.valueOf(d.previousState()), d.message(), d.childCount(), d.childrenAdded(),
                    d.childrenRemoved(), d.cluster(), d.agent(), d.startedAt(), d.at(), d.dedupKey(), d.repeat(), d.statusUrl(),
                    d.alertName(), d.severity() == null ? null : Severity.valueOf(d.severity().toUpperCase(Locale.ROOT)), d.labels(),
                    d.annotations());
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a notification in the outbox is incomplete or has an unknown kind or state");
        }
    }

    // ---- agents ----

    static byte[] encodeAgent(AgentDoc doc) {
        return write(doc);
    }

    static AgentDoc decodeAgent(byte[] json) {
        return read(json, AgentDoc.class);
    }

    /**
     * A registration as the election needs it; unreadable data gives a registration that is not zkmon's (it still
     * counts for the session that owns it).
     */
    static LockCandidates.Registration registration(String name, org.apache.zookeeper.data.Stat stat, byte[] data) {
        AgentDoc d = null;
        if (data != null) {
            try {
                d = decodeAgent(data);
            } catch (IllegalArgumentException e) {
                d = null;
            }
        }
        boolean zkmon = d != null && d.zkmon();
        return new LockCandidates.Registration(name, stat.getEphemeralOwner(), zkmon, zkmon ? d.leadingSince() : null,
                zkmon && d.leaseMs() != null ? Math.max(0, d.leaseMs()) : 0);
    }

    static ClusterView.Agent toAgent(String name, AgentDoc d) {
        return new ClusterView.Agent(name, d.host(), d.pid(), d.version(), d.startedAt(), d.httpPort());
    }

    // ---- silences ----

    static byte[] encodeSilence(Silence s) {
        return write(new SilenceDoc(s.id(), s.pattern(), s.until(), s.comment(), s.author(), s.createdAt()));
    }

    /**
     * Reads a silence.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Silence decodeSilence(byte[] json) {
        SilenceDoc d = read(json, SilenceDoc.class);
        try {
            return new Silence(d.id(), d.pattern(), d.until(), d.comment(), d.author(), d.createdAt());
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("a silence needs 'id', 'pattern' and 'until'");
        }
    }

    // ---- plumbing ----

    private static byte[] write(Object doc) {
        try {
            return MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + doc.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new IllegalArgumentException("empty znode");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("invalid JSON: " + why);
        }
    }
}
