package io.zkmon.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its endpoint. A request body is read first, on the I/O thread ({@link RequestBodies}); then
 * the few endpoints that answer at once from memory ({@link #ioRoute}: the probes) are served right there, so that
 * they answer even when every worker thread is busy, and every other one on a worker thread.
 *
 * <p>Unknown routes get a 404 and wrong methods a 405, both as JSON; an {@link ApiException} becomes its JSON error;
 * an I/O error (a client gone, a broken body) a 400; anything else is our bug: logged with its stack trace, and
 * answered with a 500 that has none.
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
    private final Set<Endpoint> onIoThread = new HashSet<>();
    private final ResponseMemory memory;
    private final RequestBodies bodies;

    Router(ResponseMemory memory, RequestBodies bodies) {
        this.memory = memory;
        this.bodies = bodies;
    }

    /** Adds a route; a path ending in {@code /*} matches everything below it ({@link Call#rest()} is the rest). */
    Router route(String method, String path, Endpoint endpoint) {
        boolean prefix = path.endsWith("/*");
        Map<String, Map<String, Endpoint>> table = prefix ? prefixes : exact;
        String key = prefix ? path.substring(0, path.length() - 1) : path;
        table.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(method, endpoint);
        return this;
    }

    /**
     * Adds a route served on the I/O thread: the endpoint must answer at once from memory with a small body, and
     * never block.
     */
    Router ioRoute(String method, String path, Endpoint endpoint) {
        onIoThread.add(endpoint);
        return route(method, path, endpoint);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            if (RequestBodies.pending(exchange)) {
                bodies.read(exchange, this); // comes back here with the body attached
                return;
            }
            Match m = match(exchange);
            if (m == null || !onIoThread.contains(m.endpoint())) {
                exchange.dispatch(this);
                return;
            }
        }
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
            if (exchange.isBlocking()) {
                exchange.endExchange(); // a streamed answer; one sent from memory ends when it is sent
            }
        }
    }

    private record Match(Endpoint endpoint, String rest) {
    }

    private Match match(HttpServerExchange exchange) {
        String path = exchange.getRelativePath();
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
            return null;
        }
        String method = exchange.getRequestMethod().toString();
        Endpoint endpoint = byMethod.get(method);
        if (endpoint == null && method.equals(Methods.HEAD_STRING)) {
            endpoint = byMethod.get(Methods.GET_STRING); // Undertow sends no body for HEAD
        }
        return endpoint == null ? null : new Match(endpoint, rest);
    }

    private void serve(HttpServerExchange exchange, String method, String path) throws Exception {
        Match m = match(exchange);
        if (m == null) {
            throw notRouted(method, path);
        }
        m.endpoint().handle(new Call(exchange, m.rest(), memory));
    }

    private ApiException notRouted(String method, String path) {
        Map<String, Endpoint> byMethod = exact.get(path);
        if (byMethod == null) {
            for (Map.Entry<String, Map<String, Endpoint>> p : prefixes.entrySet()) {
                if (path.startsWith(p.getKey())) {
                    byMethod = p.getValue();
                    break;
                }
            }
        }
        if (byMethod == null) {
            return ApiException.notFound("no such endpoint: " + Responses.echo(path) + "; try " + String.join(", ", endpoints()));
        }
        TreeSet<String> allowed = new TreeSet<>(byMethod.keySet());
        if (allowed.contains(Methods.GET_STRING)) {
            allowed.add(Methods.HEAD_STRING);
        }
        String allow = String.join(", ", allowed);
        return new ApiException(405, Responses.echo(method) + " is not allowed on " + Responses.echo(path) + "; use " + allow,
                Map.of("Allow", allow));
    }

    private List<String> endpoints() {
        List<String> all = new ArrayList<>(exact.keySet());
        prefixes.keySet().forEach(p -> all.add(p + "..."));
        return all;
    }

    private static void send(HttpServerExchange exchange, int status, String message, Map<String, String> headers) {
        if (!Responses.error(exchange, status, message, headers)) {
            // the response was already streaming: the only honest signal left is a cut connection
            org.xnio.IoUtils.safeClose(exchange.getConnection());
        }
    }
}
