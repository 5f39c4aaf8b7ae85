package io.zkmon.alerts.slack;

import io.zkmon.alerts.internal.http.HttpReply;
import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import java.net.URI;
import java.util.Map;

/** Posts with the Slack Web API's {@code chat.postMessage} and a bearer token. */
final class SlackApiAlerter implements Alerter {

    private final URI endpoint;
    private final String channel;
    private final String username;
    private final Boolean asUser;
    private final Map<String, String> auth;
    private final Redactor redactor;
    private final HttpSender http;
    private final SlackTexts texts;

    SlackApiAlerter(URI endpoint, String channel, String token, String username, Boolean asUser, Redactor redactor, HttpSender http,
                    SlackTexts texts) {
        this.texts = texts;
        this.endpoint = endpoint;
        this.channel = channel;
        this.username = username;
        this.asUser = asUser;
        this.auth = Map.of("Authorization", "Bearer " + token);
        this.redactor = redactor;
        this.http = http;
    }

    @Override
    public SendResult send(Notification n) {
        HttpReply reply = http.postJson(endpoint, auth, Json.write(SlackMessage.of(n, texts, channel, username, asUser)));
        return reply.isSuccess() ? SlackApiAnswer.classify(reply.body(), redactor) : reply.result();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "slack channel " + channel + " via " + Redactor.origin(endpoint);
    }
}
