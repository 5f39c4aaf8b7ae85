package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON kept in ZooKeeper: what a leader writes, the next one reads back exactly, in a documented format. */
class ClusterJsonTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private static Notification notification(Notification.Kind kind, Instant at) {
        return new Notification(kind, "/services/foo", kind == Notification.Kind.FIRING ? State.ERROR : State.OK,
                kind == Notification.Kind.FIRING ? State.OK : State.ERROR, "Found children (0) less than minimum (2)", 0,
                List.of("c"), List.of("a", "b"), "zkmonitor", "host-1", T0, at, "zkmonitor:/services/foo:" + T0.toEpochMilli(),
                false, "http://host:8080/status");
    }

    @Test
    void anAlertStateWithAnOutboxSurvivesTheRoundTripExactly() {
        AlertState s = new AlertState("/services/foo", T0, true, T0.plusSeconds(30), "zkmonitor:/services/foo:" + T0.toEpochMilli(),
                T0.plusSeconds(3600), List.of(
                new PendingDelivery("ops", notification(Notification.Kind.FIRING, T0.plusSeconds(30)), T0.plusSeconds(30), 3),
                new PendingDelivery("ops", notification(Notification.Kind.RESOLVED, T0.plusSeconds(90)), null, 0),
                new PendingDelivery("pager", notification(Notification.Kind.FIRING, T0.plusSeconds(30)), null, 0)));

        AlertState back = ClusterJson.decodeState(ClusterJson.encodeState(s, "host-1", T0.plusSeconds(91)));

        assertThat(back).isEqualTo(s);
    }

    @Test
    void aPendingStateWithNothingNotifiedSurvivesTheRoundTrip() {
        AlertState s = new AlertState("/x", T0, false, null, null, null, List.of());
        assertThat(ClusterJson.decodeState(ClusterJson.encodeState(s, "a", T0))).isEqualTo(s);
    }

    @Test
    void theStoredFormatIsSnakeCaseWithIsoTimesAndAFormatNumber() {
        AlertState s = new AlertState("/x", T0, true, T0, "k", null,
                List.of(new PendingDelivery("ops", notification(Notification.Kind.FIRING, T0), null, 0)));
        String json = new String(ClusterJson.encodeState(s, "agent-1", T0), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"format\":1,\"path\":\"/x\",\"incident_start\":\"2025-03-01T10:00:00Z\",\"notified\":true,")
                .contains("\"notified_at\":\"2025-03-01T10:00:00Z\"", "\"dedup_key\":\"k\"", "\"written_by\":\"agent-1\"",
                        "\"outbox\":[{\"alerter\":\"ops\",\"attempts\":0,\"notification\":{\"kind\":\"FIRING\"",
                        "\"children_removed\":[\"a\",\"b\"]", "\"status_url\":\"http://host:8080/status\"")
                .doesNotContain("next_repeat_at", "first_attempt", "clear");
    }

    @Test
    void aDocumentWrittenByHandOrByAnOlderAgentIsRead() {
        String json = """
                {"format": 1, "path": "/services/foo", "incident_start": "2025-03-01T10:00:00Z", "notified": false,
                 "some_future_key": {"ignored": true}}
                """;
        AlertState s = ClusterJson.decodeState(json.getBytes(StandardCharsets.UTF_8));
        assertThat(s).isEqualTo(new AlertState("/services/foo", T0, false, null, null, null, List.of()));
    }

    @Test
    void aNotificationsSeverityLabelsAndAnnotationsSurviveATakeover() {
        Notification f = notification(Notification.Kind.FIRING, T0);
        Notification labelled = new Notification(f.kind(), f.path(), f.state(), f.previousState(), f.message(), f.childCount(),
                f.childrenAdded(), f.childrenRemoved(), f.cluster(), f.agent(), f.startedAt(), f.at(), f.dedupKey(), f.repeat(), f.statusUrl(),
                Notification.PATH_ALERT, Severity.CRITICAL, Map.of("team", "platform", "service", "orders"),
                Map.of("runbook_url", "https://runbooks.example.com/zk"));
        AlertState s = new AlertState("/services/foo", T0, true, T0, "k", null, List.of(new PendingDelivery("ops", labelled, null, 0)));

        byte[] json = ClusterJson.encodeState(s, "a", T0);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"severity\":\"critical\"", "\"labels\":{",
                "\"alert_name\":\"ZkmonPathOutOfSpec\"");
        assertThat(ClusterJson.decodeState(json)).isEqualTo(s);
    }

    @Test
    void aNotificationWrittenByAnOlderAgentReadsAsAWarningWithoutLabels() {
        String json = """
                {"format": 1, "path": "/x", "incident_start": "2025-03-01T10:00:00Z", "notified": true,
                 "notified_at": "2025-03-01T10:00:05Z", "dedup_key": "k",
                 "outbox": [{"alerter": "ops", "attempts": 0, "notification": {"kind": "FIRING", "path": "/x", "state": "ERROR",
                   "message": "m", "child_count": 0, "repeat": false,
                   "dedup_key": "k", "at": "2025-03-01T10:00:05Z"}}]}
                """;
        Notification n = ClusterJson.decodeState(json.getBytes(StandardCharsets.UTF_8)).outbox().get(0).notification();
        assertThat(n.severity()).isEqualTo(Severity.WARNING);
        assertThat(n.alertName()).isEqualTo(Notification.PATH_ALERT);
        assertThat(n.labels()).isEmpty();
        assertThat(n.annotations()).isEmpty();
    }

    @Test
    void aStateFromANewerFormatIsRefusedWithAReason() {
        assertThatThrownBy(() -> ClusterJson.decodeState("{\"format\": 2, \"path\": \"/x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("written in format 2 by a newer zkmon; this agent reads format 1 (upgrade it)");
    }

    @Test
    void garbageIsRefusedWithAReason() {
        assertThatThrownBy(() -> ClusterJson.decodeState("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid JSON: ");
        assertThatThrownBy(() -> ClusterJson.decodeState(new byte[0])).hasMessage("empty znode");
        assertThatThrownBy(() -> ClusterJson.decodeState("{\"path\": \"/x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not an alert state (no 'format' or 'path')");
        assertThatThrownBy(() -> ClusterJson.decodeState(
                "{\"format\":1,\"path\":\"/x\",\"outbox\":[{\"alerter\":\"a\",\"notification\":{\"kind\":\"LOUD\"}}]}"
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("a notification in the outbox has no 'path', 'dedup_key' or 'at'");
        assertThatThrownBy(() -> ClusterJson.decodeState(("{\"format\":1,\"path\":\"/x\",\"outbox\":[{\"alerter\":\"a\",\"notification\":"
                + "{\"kind\":\"LOUD\",\"path\":\"/x\",\"state\":\"ERROR\",\"dedup_key\":\"k\",\"at\":\"2025-03-01T10:00:00Z\"}}]}")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("a notification in the outbox is incomplete or has an unknown kind or state");
    }

    /** Records anyone with ZooKeeper access could write: none of them may pass for "already notified". */
    @Test
    void aForgedOrInconsistentStateIsRejectedWithAReason() {
        Instant now = T0.plusSeconds(600);
        java.util.function.Function<String, Throwable> decode = json -> org.assertj.core.api.Assertions.catchThrowable(
                () -> ClusterJson.decodeState(json.getBytes(StandardCharsets.UTF_8), now));
        assertThat(decode.apply("{\"format\":1,\"path\":\"/x\",\"notified\":true}"))
                .hasMessage("it says 'notified' without 'incident_start', 'notified_at' and 'dedup_key'");
        assertThat(decode.apply("{\"format\":1,\"path\":\"/x\",\"notified\":true,\"incident_start\":\"2025-03-01T10:00:00Z\","
                + "\"notified_at\":\"2025-03-01T09:00:00Z\",\"dedup_key\":\"k\"}")).hasMessage("'notified_at' is before 'incident_start'");
        assertThat(decode.apply("{\"format\":1,\"path\":\"/x\",\"notified\":false,\"notified_at\":\"2025-03-01T10:00:00Z\"}"))
                .hasMessage("it has 'notified_at' or 'next_repeat_at' but is not 'notified'");
        assertThat(decode.apply("{\"format\":1,\"path\":\"/x\",\"incident_start\":\"2030-01-01T00:00:00Z\"}"))
                .hasMessage("'incident_start' (2030-01-01T00:00:00Z) is in the future");
        assertThat(decode.apply("{\"format\":1,\"path\":\"x\"}")).hasMessage("'path' is not a znode path");
        assertThat(decode.apply("{\"format\":0,\"path\":\"/x\"}")).hasMessage("format 0 does not exist");
        AlertState other = new AlertState("/x", T0, true, T0, "k", null,
                List.of(new PendingDelivery("ops", notification(Notification.Kind.FIRING, T0), null, 0)));
        assertThat(decode.apply(new String(ClusterJson.encodeState(other, "a", T0), StandardCharsets.UTF_8)))
                .hasMessage("its outbox holds a notification about another path");
        assertThat(decode.apply("{\"format\":1,\"path\":\"/x\",\"outbox\":[{\"alerter\":\"ops\",\"attempts\":-1,\"notification\":{}}]}"))
                .hasMessage("an outbox entry has a negative 'attempts'");
    }

    @Test
    void anAgentRegistrationHasTheDocumentedKeys() {
        ClusterJson.AgentDoc doc = new ClusterJson.AgentDoc("host", 42, "1.0", T0, 8080, null);
        String json = new String(ClusterJson.encodeAgent(doc), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"host\":\"host\",\"pid\":42,\"version\":\"1.0\",\"started_at\":\"2025-03-01T10:00:00Z\",\"http_port\":8080}");
        assertThat(ClusterJson.decodeAgent(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(doc);
        assertThat(ClusterJson.toAgent("host-42", doc)).isEqualTo(new io.zkmon.core.ClusterView.Agent("host-42", "host", 42, "1.0", T0, 8080));
        assertThat(doc.zkmon()).isTrue();
    }

    @Test
    void aLeadingAgentAnnouncesItsLeaseAndAnOldDaemonsRegistrationIsToldApart() {
        ClusterJson.AgentDoc leading = new ClusterJson.AgentDoc("host", 42, "1.0", T0, 8080, T0, 3333L);
        String json = new String(ClusterJson.encodeAgent(leading), StandardCharsets.UTF_8);
        assertThat(json).endsWith("\"leading_since\":\"2025-03-01T10:00:00Z\",\"lease_ms\":3333}");
        org.apache.zookeeper.data.Stat st = new org.apache.zookeeper.data.Stat();
        st.setEphemeralOwner(7);
        assertThat(ClusterJson.registration("host-42", st, json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new LockCandidates.Registration("host-42", 7, true, T0, 3333));
        // what nd_service_registry writes for an old zk_monitor agent
        byte[] old = "{\"pid\": 4242, \"created\": \"2014-05-01 10:00:00\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(ClusterJson.decodeAgent(old).zkmon()).isFalse();
        assertThat(ClusterJson.registration("old-4242", st, old)).isEqualTo(new LockCandidates.Registration("old-4242", 7, false, null, 0));
        assertThat(ClusterJson.registration("junk", st, "not json".getBytes(StandardCharsets.UTF_8)).zkmon()).isFalse();
    }

    @Test
    void aSilenceSurvivesTheRoundTripAndABadOneIsRefused() {
        Silence s = new Silence("s-1", "/services/*/instances", T0.plusSeconds(3600), "deploy", "ops", T0);
        assertThat(ClusterJson.decodeSilence(ClusterJson.encodeSilence(s))).isEqualTo(s);
        assertThatThrownBy(() -> ClusterJson.decodeSilence("{\"id\":\"x\",\"pattern\":\"/a\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a silence needs 'id', 'pattern' and 'until'");
    }
}
