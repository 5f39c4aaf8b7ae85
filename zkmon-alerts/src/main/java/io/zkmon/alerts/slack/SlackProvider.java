package io.zkmon.alerts.slack;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.http.SharedHttpClient;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.alerts.internal.support.SettingsSupport;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Type {@code slack}: a message in a Slack channel, through the Web API ({@code chat.postMessage} with a bot token,
 * the old daemon's form) or through an incoming webhook.
 *
 * <pre>{@code
 * alerter: {slack: {channel: "#ops", token: "${SLACK_TOKEN}", from: zkmon}}
 * alerter: {slack: {webhook_url: "${SLACK_WEBHOOK_URL}"}}
 * alerter: {slack: {webhook_url: "${SLACK_WEBHOOK_URL}", template: seed}}    # the old daemon's text
 * }</pre>
 */
public final class SlackProvider implements AlerterProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SlackProvider.class);

    /** One HTTP client for every alerter this provider creates, made on the first send. */
    private final SharedHttpClient http = new SharedHttpClient();

    /** The Web API root; {@code url} overrides it (tests, proxies, Slack GovSlack). */
    public static final String DEFAULT_API_URL = "https://slack.com/api";

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public SlackProvider() {
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public Alerter create(AlerterSettings s) {
        if (!s.isMap()) {
            s.error(type(), "alerter '" + s.name() + "' needs a map: {channel: \"#ops\", token: ...} for the Web API, or {webhook_url: ...}");
            return null;
        }
        SlackTexts texts = SlackTexts.read(s);
        Alerter alerter = s.has("webhook_url") ? webhook(s, texts) : webApi(s, texts);
        if (alerter != null && texts == null) {
            alerter.close();
            return null;
        }
        return alerter;
    }

    private Alerter webhook(AlerterSettings s, SlackTexts texts) {
        if (s.has("token")) {
            s.error("token", "alerter '" + s.name() + "' has both 'webhook_url' and 'token': use 'webhook_url' alone for an incoming webhook,"
                    + " or 'channel' and 'token' for the Web API");
        }
        URI url = s.url("webhook_url", true);
        String channel = s.string("channel", null);
        String from = s.string("from", null);
        Duration timeout = SettingsSupport.timeout(s);
        if (url == null) {
            return null;
        }
        if (channel != null || from != null) {
            // Slack app webhooks post to the channel chosen when the webhook was made, as the app: both are ignored
            LOG.warn("Alerter '{}': Slack app webhooks ignore {}; messages go to the webhook's own channel, as the app."
                            + " Use 'channel' and 'token' (the Web API) to choose them",
                    s.name(), channel != null && from != null ? "'channel' and 'from'" : channel != null ? "'channel'" : "'from'");
        }
        return new SlackWebhookAlerter(url, channel, from, new HttpSender("Slack", timeout, Redactor.none().withSecretUrl(url), http), texts);
    }

    private Alerter webApi(AlerterSettings s, SlackTexts texts) {
        URI base = s.url("url", DEFAULT_API_URL, false);
        String channel = s.string("channel");
        String token = s.secret("token");
        String from = s.string("from", "zkmon");
        Boolean asUser = s.has("as_user") ? s.bool("as_user", false) : null;
        Duration timeout = SettingsSupport.timeout(s);
        if (base != null && base.getHost() != null && base.getHost().toLowerCase(Locale.ROOT).startsWith("hooks.")) {
            s.error("url", "'url' of alerter '" + s.name() + "' looks like an incoming webhook; write it as 'webhook_url' (a secret)"
                    + " and drop 'channel' and 'token'");
            return null;
        }
        if (channel == null || token == null || base == null) {
            return null;
        }
        Redactor redactor = Redactor.of(List.of(token));
        return new SlackApiAlerter(SettingsSupport.append(base, "/chat.postMessage"), channel.trim(), token, from, asUser, redactor,
                new HttpSender("Slack", timeout, redactor, http), texts);
    }
}
