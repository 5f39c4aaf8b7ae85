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

    /** An agent's registration; {@code leading_since} is set while it holds the alerting lock. */
    record AgentDoc(String host, long pid, String version, Instant startedAt, int httpPort, Instant leadingSince) {
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

    /**
     * Reads an alert state.
     *
     * @throws IllegalArgumentException saying what is wrong, when the bytes are not a state this agent can use
     */
    static AlertState decodeState(byte[] json) {
        StateDoc d = read(json, StateDoc.class);
        if (d.format() == null || d.path() == null) {
            throw new IllegalArgumentException("not an alert state (no 'format' or 'path')");
        }
        if (d.format() > STATE_FORMAT) {
            throw new IllegalArgumentException("written in format " + d.format() + " by a newer zkmon; this agent reads format "
                    + STATE_FORMAT + " (upgrade it)");
        }
        List<PendingDelivery> outbox = new ArrayList<>();
        if (d.outbox() != null) {
            for (DeliveryDoc p : d.outbox()) {
                if (p.alerter() == null || p.notification() == null) {
                    throw new IllegalArgumentException("an outbox entry has no 'alerter' or 'notification'");
                }
                outbox.add(new PendingDelivery(p.alerter(), fromDoc(p.notification()), p.firstAttempt(), p.attempts()));
            }
        }
        return new AlertState(d.path(), d.incidentStart(), d.notified(), d.notifiedAt(), d.dedupKey(), d.nextRepeatAt(), outbox);
    }

    private static NotificationDoc toDoc(Notification n) {
        return new NotificationDoc(n.kind().name(), n.path(), n.state().name(), n.previousState() == null ? null : n.previousState().name(),
                n.message(), n.childCount(), n.childrenAdded(), n.childrenRemoved(), n.cluster(), n.agent(), n.startedAt(), n.at(),
                n.dedupKey(), n.repeat(), n.statusUrl(), n.alertName(), n.severity().label(),
                n.labels().isEmpty() ? null : n.labels(), n.annotations().isEmpty() ? null : n.annotations());
    }

    private static Notification fromDoc(NotificationDoc d) {
        try {
            return new Notification(Notification.Kind.valueOf(d.kind()), d.path(), State.valueOf(d.state()),
                    d.previousState() == null ? null : State.valueOf(d.previousState()), d.message(), d.childCount(), d.childrenAdded(),
                    d.childrenRemoved(), d.cluster(), d.agent(), d.startedAt(), d.at(), d.dedupKey(), d.repeat(), d.statusUrl(),
                    d.alertName(), d.severity() == null ? null : Severity.valueOf(d.severity().toUpperCase(Locale.ROOT)), d.labels(),
                    d.annotations());
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a notification in the outbox is incomplete or has an unknown kind or state: " + d);
        }
    }

    // ---- agents ----

    static byte[] encodeAgent(AgentDoc doc) {
        return write(doc);
    }

    static AgentDoc decodeAgent(byte[] json) {
        return read(json, AgentDoc.class);
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
