package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zkmon.core.PathStatus;
import io.zkmon.core.dispatch.DeliveryRecord;
import io.zkmon.core.dispatch.DispatcherStatus.PathAlert;
import io.zkmon.core.dispatch.Silence;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Writes one path: a listing item, its recent state changes, its alert activity, silences. */
final class PathJson {

    private PathJson() {
    }

    /** The fields every view of a path has. */
    static void fields(JsonGenerator g, PathStatus p) throws IOException {
        g.writeStringField("path", p.path());
        g.writeStringField("state", p.state().display());
        g.writeStringField("message", p.message());
        g.writeBooleanField("exists", p.exists());
        g.writeNumberField("child_count", p.childCount());
        Responses.instant(g, "since", p.since());
        Responses.instant(g, "updated", p.updated());
        g.writeStringField("severity", p.spec().severity().name().toLowerCase(java.util.Locale.ROOT));
        strings(g, "labels", p.spec().labels());
    }

    /** A map of strings as a JSON object (labels, annotations). */
    static void strings(JsonGenerator g, String field, java.util.Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (java.util.Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** A listing item: the common fields, whether alerts are silenced or went out, and recent state changes. */
    static void item(JsonGenerator g, PathStatus p, PathAlert alert, Instant silencedUntil, List<PathHistory.Entry> transitions)
            throws IOException {
        g.writeStartObject();
        fields(g, p);
        g.writeBooleanField("notified", alert != null && alert.notified());
        Responses.instant(g, "silenced_until", silencedUntil != null ? silencedUntil : alert == null ? null : alert.silencedUntil());
        transitions(g, transitions, false);
        g.writeEndObject();
    }

    static void transitions(JsonGenerator g, List<PathHistory.Entry> entries, boolean detailed) throws IOException {
        g.writeArrayFieldStart("transitions");
        for (PathHistory.Entry e : entries) {
            g.writeStartObject();
            Responses.instant(g, "at", e.atMillis());
            g.writeStringField("from", e.from().display());
            g.writeStringField("to", e.to().display());
            g.writeStringField("message", e.message());
            if (detailed) {
                g.writeNumberField("child_count", e.childCount());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Alert activity: pending (and when its grace period ends), notified, silenced, and the latest delivery outcomes.
     * Null when there is none.
     */
    static void alert(JsonGenerator g, PathAlert alert, java.time.Duration gracePeriod) throws IOException {
        if (alert == null) {
            g.writeNullField("alert");
            return;
        }
        g.writeObjectFieldStart("alert");
        Responses.instant(g, "pending_since", alert.pendingSince());
        Responses.instant(g, "grace_ends_at", alert.pendingSince() == null || alert.notified() ? null
                : alert.pendingSince().plus(gracePeriod));
        g.writeBooleanField("notified", alert.notified());
        Responses.instant(g, "notified_at", alert.notifiedAt());
        Responses.instant(g, "silenced_until", alert.silencedUntil());
        g.writeArrayFieldStart("deliveries");
        for (DeliveryRecord r : alert.recent()) {
            g.writeStartObject();
            g.writeStringField("alerter", r.alerter());
            g.writeStringField("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("outcome", r.outcome().label());
            g.writeNumberField("attempts", r.attempts());
            Responses.instant(g, "at", r.at());
            g.writeStringField("detail", r.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A silence as the silences API shows it. */
    static void silence(JsonGenerator g, Silence s, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("pattern", s.pattern());
        Responses.instant(g, "until", s.until());
        g.writeStringField("comment", s.comment());
        g.writeStringField("author", s.author());
        Responses.instant(g, "created_at", s.createdAt());
        g.writeBooleanField("active", s.activeAt(now));
        g.writeEndObject();
    }
}
