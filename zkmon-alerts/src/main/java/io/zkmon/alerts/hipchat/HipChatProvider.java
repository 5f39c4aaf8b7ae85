package io.zkmon.alerts.hipchat;

import io.zkmon.alerts.internal.http.HttpSender;
import io.zkmon.alerts.internal.http.SharedHttpClient;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.alerts.internal.support.SettingsSupport;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.MessageTemplate;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Type {@code hipchat}: a message in a HipChat room (v2 API: {@code POST {url}/v2/room/{room}/notification}).
 *
 * <pre>{@code
 * alerter: {hipchat: {room: ops, token: "${HIPCHAT_TOKEN}", from: zkmon, url: https://hipchat.example.com}}
 * }</pre>
 *
 * {@code url} defaults to the hosted service, which was shut down in 2019 (a warning at load says so): point it at a
 * self-hosted server (HipChat Server / Data Center).
 */
public final class HipChatProvider implements AlerterProvider {

    private static final Logger LOG = LoggerFactory.getLogger(HipChatProvider.class);

    /** One HTTP client for every alerter this provider creates, made on the first send. */
    private final SharedHttpClient http = new SharedHttpClient();

    /** The hosted service's API root. */
    public static final String DEFAULT_URL = "https://api.hipchat.com";

    /** HipChat shows at most this many characters of {@code from}. */
    static final int MAX_FROM = 64;

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public HipChatProvider() {
    }

    @Override
    public String type() {
        return "hipchat";
    }

    @Override
    public Alerter create(AlerterSettings s) {
        if (!s.isMap()) {
            s.error(type(), "alerter '" + s.name() + "' needs a map: {room: ..., token: ..., from: zkmon}");
            return null;
        }
        String room = s.string("room");
        String token = s.secret("token");
        String from = s.string("from", "zkmon");
        if (from != null && from.length() > MAX_FROM) {
            s.error("from", "'from' of alerter '" + s.name() + "' must be at most " + MAX_FROM + " characters");
        }
        boolean notify = s.bool("notify", true);
        URI base = s.url("url", DEFAULT_URL, false);
        var timeout = SettingsSupport.timeout(s);
        MessageTemplate message = s.template("message", HipChatMessage.MESSAGE, MessageTemplate.PLAIN);
        if (room == null || token == null || base == null || message == null) {
            return null;
        }
        if (!s.has("url")) {
            // kept loadable for seed files, but the hosted service is gone: say so before the first alert fails
            LOG.warn("Alerter '{}': the hosted HipChat service ({}) was shut down in 2019; its notifications will fail"
                    + " until 'url' points at a self-hosted HipChat server", s.name(), DEFAULT_URL);
        }
        String encodedRoom = URLEncoder.encode(room.trim(), StandardCharsets.UTF_8).replace("+", "%20");
        URI endpoint = SettingsSupport.append(base, "/v2/room/" + encodedRoom + "/notification");
        return new HipChatAlerter(endpoint, room.trim(), token, from, notify, new HttpSender("HipChat", timeout, Redactor.of(List.of(token)), http), message);
    }
}
