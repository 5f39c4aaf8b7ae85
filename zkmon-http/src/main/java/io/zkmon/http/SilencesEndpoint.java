package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.undertow.util.Headers;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/silences}: list, show, create and delete silences in the store the monitor's dispatcher uses.
 * Reads are open; creating and deleting need the API token ({@link BearerToken}).
 */
final class SilencesEndpoint {

    /** Largest body accepted by a mutation. */
    static final int MAX_BODY = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SilencesEndpoint.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final SilenceStore store;
    private final BearerToken token;
    private final Clock clock;

    /** @param store the dispatcher's store, or null when this server was given none (every call is then a 501) */
    SilencesEndpoint(SilenceStore store, BearerToken token, Clock clock) {
        this.store = store;
        this.token = token;
        this.clock = clock;
    }

    void list(Call call) throws IOException {
        call.query().allow();
        SilenceStore s = store();
        Instant now = clock.instant();
        call.json(200, g -> {
            g.writeStartObject();
            Responses.instant(g, "now", now);
            g.writeArrayFieldStart("silences");
            for (Silence silence : s.list()) {
                PathJson.silence(g, silence, now);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    void one(Call call) throws IOException {
        call.query().allow();
        Silence silence = find(store(), id(call));
        Instant now = clock.instant();
        call.json(200, g -> {
            PathJson.silence(g, silence, now);
        });
    }

    void create(Call call) throws IOException {
        call.query().allow();
        SilenceStore s = store();
        token.check(call.header(Headers.AUTHORIZATION));
        Instant now = clock.instant();
        Silence silence = SilenceRequest.parse(call.body(MAX_BODY), now);
        s.add(silence);
        LOG.info("Silence {} added for {} until {} by '{}': {}", silence.id(), oneLine(silence.pattern()), silence.until(),
                oneLine(silence.author()), oneLine(silence.comment()));
        call.responseHeader(Headers.LOCATION, "/api/v1/silences/" + silence.id());
        call.json(201, g -> {
            PathJson.silence(g, silence, now);
        });
    }

    void delete(Call call) {
        call.query().allow();
        SilenceStore s = store();
        token.check(call.header(Headers.AUTHORIZATION));
        String id = id(call);
        if (!s.remove(id)) {
            throw ApiException.notFound("no silence with id '" + id + "'");
        }
        LOG.info("Silence {} removed", id);
        call.empty(204);
    }

    /** Keeps text from a request on one log line. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }

    private SilenceStore store() {
        if (store == null) {
            throw new ApiException(501, "silences are not available on this server: it was started without a silence store");
        }
        return store;
    }

    private static String id(Call call) {
        String id = UriDecoding.path(call.rest());
        if (!ID.matcher(id).matches()) {
            throw ApiException.notFound("no silence with id '" + Responses.echo(id) + "'");
        }
        return id;
    }

    private static Silence find(SilenceStore store, String id) {
        for (Silence s : store.list()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw ApiException.notFound("no silence with id '" + id + "'");
    }
}
