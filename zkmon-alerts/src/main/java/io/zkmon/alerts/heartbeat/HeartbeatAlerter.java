package io.zkmon.alerts.heartbeat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Heartbeat;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.spec.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Calls a URL for every heartbeat; notifications are not its business. */
final class HeartbeatAlerter implements Alerter {

    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final Duration interval;
    private final HttpSender http;

    HeartbeatAlerter(URI url, String method, Map<String, String> headers, Duration interval, HttpSender http) {
        this.url = url;
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.interval = interval;
        this.http = http;
    }

    /** A heartbeat alerter only beats: a notification given to it is taken and dropped. */
    @Override
    public SendResult send(Notification notification) {
        return SendResult.sent();
    }

    @Override
    public Duration heartbeatInterval() {
        return interval;
    }

    @Override
    public SendResult heartbeat(Heartbeat beat) {
        return http.send(method, url, headers, method.equals("GET") ? null : Json.write(body(beat))).result();
    }

    static ObjectNode body(Heartbeat beat) {
        ObjectNode o = Json.object();
        o.put("status", "alive");
        o.put("cluster", beat.cluster());
        o.put("agent", beat.agent());
        o.put("at", beat.at().toString());
        o.put("status_url", beat.statusUrl());
        return o;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "heartbeat " + method + " " + Redactor.origin(url) + " every " + Durations.format(interval);
    }
}
