package io.zkmon.alerts.slack;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import java.net.URI;
import java.util.Map;

/** Posts to a Slack incoming webhook; its URL is the secret. Errors come back as plain HTTP statuses. */
final class SlackWebhookAlerter implements Alerter {

    private final URI url;
    private final String channel;
    private final String username;
    private final HttpSender http;
    private final SlackTexts texts;

    SlackWebhookAlerter(URI url, String channel, String username, HttpSender http, SlackTexts texts) {
        this.texts = texts;
        this.url = url;
        this.channel = channel;
        this.username = username;
        this.http = http;
    }

    @Override
    public SendResult send(Notification n) {
        return http.postJson(url, Map.of(), Json.write(SlackMessage.of(n, texts, channel, username, null))).result();
    }

    @Override
    public void close() {
        http.close();
    }

    /** The texts it sends (for tests). */
    SlackTexts texts() {
        return texts;
    }

    @Override
    public String toString() {
        return "slack incoming webhook at " + Redactor.origin(url);
    }
}
