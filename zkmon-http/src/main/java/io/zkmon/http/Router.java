package io.zkmon.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Sends each request to its endpoint, on a worker thread. Unknown routes get a 404 and wrong methods a 405, both as
 * JSON; an {@link ApiException} becomes its JSON error; an I/O error (a client gone, a broken body) a 400; anything
 * else is our bug: logged with its stack trace, and answered with a 500 that has none.
 */
final class Router implements HttpHandler {

    /** Serves one route. */
    @FunctionalInterface
    interface Endpoint {
        void handle(Call call) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Map<String, Map<String, Endpoint>> exact = new LinkedHashMap<>();
    private final Map<String, Map<String, Endpoint>> prefixes = new LinkedHashMap<>();

    /** Adds a route; a path ending in {@code /*} matches everything below it ({@link Call#rest()} is the rest). */
    Router route(String method, String path, Endpoint endpoint) {
        boolean prefix = path.endsWith("/*");
        Map<String, Map<String, Endpoint>> table = prefix ? prefixes : exact;
        String key = prefix ? path.substring(0, path.length() - 1) : path;
        table.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(method, endpoint);
        return this;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        String method = exchange.getRequestMethod().toString();
        String path = exchange.getRelativePath(); // undecoded: see UriDecoding
        try {
            serve(exchange, method, path);
        } catch (ApiException e) {
            send(exchange, e.status(), e.getMessage(), e.headers());
        } catch (IOException e) {
            // the client went away or sent a broken body: its problem, not a bug of ours
            LOG.debug("I/O error while serving {} {}: {}", method, Responses.echo(path), e.toString());
            send(exchange, 400, "the connection failed while the request was being read or answered", Map.of());
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.error("Failed to serve {} {}", method, Responses.echo(path), e);
            send(exchange, 500, "internal error while serving this request; the server log has the details", Map.of());
        } finally {
            exchange.endExchange();
        }
    }

    private void serve(HttpServerExchange exchange, String method, String path) throws Exception {
        Map<String, Endpoint> byMethod = exact.get(path);
        String rest = "";
        if (byMethod == null) {
            for (Map.Entry<String, Map<String, Endpoint>> p : prefixes.entrySet()) {
                if (path.startsWith(p.getKey())) {
                    byMethod = p.getValue();
                    rest = path.substring(p.getKey().length());
                    break;
                }
            }
        }
        if (byMethod == null) {
            throw ApiException.notFound("no such endpoint: " + Responses.echo(path) + "; try " + String.join(", ", endpoints()));
        }
        Endpoint endpoint = byMethod.get(method);
        if (endpoint == null && method.equals(Methods.HEAD_STRING)) {
            endpoint = byMethod.get(Methods.GET_STRING); // Undertow sends no body for HEAD
        }
        if (endpoint == null) {
            TreeSet<String> allowed = new TreeSet<>(byMethod.keySet());
            if (allowed.contains(Methods.GET_STRING)) {
                allowed.add(Methods.HEAD_STRING);
            }
            String allow = String.join(", ", allowed);
            throw new ApiException(405, Responses.echo(method) + " is not allowed on " + Responses.echo(path) + "; use " + allow,
                    Map.of("Allow", allow));
        }
        endpoint.handle(new Call(exchange, rest));
    }

    private List<String> endpoints() {
        List<String> all = new ArrayList<>(exact.keySet());
        prefixes.keySet().forEach(p -> all.add(p + "..."));
        return all;
    }

    private static void send(HttpServerExchange exchange, int status, String message, Map<String, String> headers) {
        try {
            if (!Responses.error(exchange, status, message, headers)) {
                // the response was already streaming: the only honest signal left is a cut connection
                IoUtils.safeClose(exchange.getConnection());
            }
        } catch (IOException e) {
            LOG.debug("Could not send an error response: {}", e.toString());
        }
    }
}
