package io.zkmon.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real HTTP requests to a running {@link HttpServer}, for ITs. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Api(HttpServer server) {
        this.base = "http://127.0.0.1:" + server.port();
    }

    String base() {
        return base;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET().build());
    }

    HttpResponse<String> post(String path, String body, String token) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    HttpResponse<String> delete(String path, String token) {
        HttpRequest.Builder b = request(path).DELETE();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    HttpResponse<String> send(String method, String path, String authorization, byte[] body) {
        HttpRequest.Builder b = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    /** GET that must answer 200 with JSON; returns the parsed body. */
    JsonNode json(String path) {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r);
    }

    static JsonNode parse(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request line exactly as given, bytes and all (java.net.http refuses malformed URIs, and these tests are
     * about them). Returns the whole response: status line, headers and body.
     */
    String raw(String method, byte[] target) {
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)))) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write((method + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(target);
            out.write(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String raw(String method, String target) {
        return raw(method, target.getBytes(StandardCharsets.UTF_8));
    }

    /** The status code of a raw response. */
    static int status(String rawResponse) {
        return Integer.parseInt(rawResponse.substring(9, 12));
    }

    /** The body of a raw response (handles chunked encoding well enough for small JSON bodies). */
    static String body(String rawResponse) {
        int i = rawResponse.indexOf("\r\n\r\n");
        String head = rawResponse.substring(0, i).toLowerCase();
        String body = rawResponse.substring(i + 4);
        if (head.contains("transfer-encoding: chunked")) {
            StringBuilder out = new StringBuilder();
            int pos = 0;
            while (true) {
                int eol = body.indexOf("\r\n", pos);
                int len = Integer.parseInt(body.substring(pos, eol).trim(), 16);
                if (len == 0) {
                    break;
                }
                out.append(body, eol + 2, eol + 2 + len);
                pos = eol + 2 + len + 2;
            }
            return out.toString();
        }
        return body;
    }
}
