package io.zkmon.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * {@code /ui/}: the dashboard, a few static files packed in this jar and loaded once (plain JavaScript modules, no
 * build step). The page pulls nothing from elsewhere (the Content-Security-Policy says so to the browser too) and
 * works offline.
 */
final class UiEndpoint {

    private record Asset(byte[] bytes, String type) {
    }

    private static final String BASE = "/io/zkmon/http/ui/";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("index.html", "text/html; charset=utf-8"),
            Map.entry("app.js", JS),
            Map.entry("api.js", JS),
            Map.entry("fmt.js", JS),
            Map.entry("live.js", JS),
            Map.entry("overview.js", JS),
            Map.entry("details.js", JS),
            Map.entry("silences.js", JS),
            Map.entry("chart.js", JS),
            Map.entry("app.css", "text/css; charset=utf-8"),
            Map.entry("favicon.svg", "image/svg+xml"));
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, Asset> assets;

    UiEndpoint() {
        Map<String, Asset> loaded = new java.util.HashMap<>();
        FILES.forEach((name, type) -> loaded.put(name, new Asset(load(name), type)));
        this.assets = Map.copyOf(loaded);
    }

    private static byte[] load(String name) {
        try (InputStream in = UiEndpoint.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + BASE + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /ui} without the slash: relative links in the page need it. */
    void redirect(Call call) {
        call.responseHeader(Headers.LOCATION, "/ui/");
        call.empty(308);
    }

    /** {@code /ui/} and {@code /ui/<file>}. */
    void serve(Call call) {
        call.query().allow();
        String name = call.rest().isEmpty() ? "index.html" : call.rest();
        Asset a = assets.get(name);
        if (a == null) {
            throw ApiException.notFound("the dashboard has no file '" + Responses.echo(name) + "'; open /ui/");
        }
        HttpServerExchange exchange = call.exchange();
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, a.type());
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, a.bytes().length);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(HttpString.tryFromString("Content-Security-Policy"), CSP);
        exchange.getResponseHeaders().put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        exchange.getResponseHeaders().put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        exchange.getResponseHeaders().put(Responses.NOSNIFF, "nosniff");
        exchange.getResponseSender().send(ByteBuffer.wrap(a.bytes()));
    }
}
