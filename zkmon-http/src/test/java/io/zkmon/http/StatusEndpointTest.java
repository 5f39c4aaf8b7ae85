package io.zkmon.http;

import static io.zkmon.http.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.MonitorStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code /status} document is the old daemon's, field for field. Its per-path entries are checked against a real
 * monitor in {@link StatusIT}.
 */
class StatusEndpointTest {

    @Test
    void writesTheSeedShape() throws IOException {
        JsonNode doc = write(status(true, Map.of()));

        assertThat(Api.JSON.readTree("""
                {"version": "1.2.3",
                 "zookeeper": {"connected": true, "primed": true, "since": "2025-06-01T12:00:00Z"},
                 "monitor": {
                   "alerter": {"alerting": true},
                   "compliance": {},
                   "paths": {}},
                 "dispatcher": {"name": "host-1234", "alerters": ["email"], "alerting": true}}
                """)).isEqualTo(doc);
    }

    private static JsonNode write(MonitorStatus status) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Responses.JSON.createGenerator(out)) {
            StatusEndpoint.write(g, status);
        }
        return Api.JSON.readTree(out.toByteArray());
    }
}
