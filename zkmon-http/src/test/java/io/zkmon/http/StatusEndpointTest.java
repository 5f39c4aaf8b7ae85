package io.zkmon.http;

import static io.zkmon.http.Fixtures.path;
import static io.zkmon.http.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.PathStatus;
import io.zkmon.core.spec.Compliance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code /status} document is the old daemon's, field for field. */
class StatusEndpointTest {

    @Test
    void writesTheSeedShapeWithTheSeedSpellingOfStates() throws IOException {
        JsonNode doc = write(List.of(
                path("/services/foo/min_1", Compliance.OK, 1),
                path("/services/foo/min_3", Compliance.error("Found children (2) less than minimum (3)"), 2),
                path("/services/foo/gone", Compliance.unknown("No information: ZooKeeper disconnected"), 0)));

        assertThat(Api.JSON.readTree("""
                {"version": "1.2.3",
                 "zookeeper": {"connected": true, "primed": true, "since": "2025-06-01T12:00:00Z"},
                 "monitor": {
                   "alerter": {"alerting": true},
                   "compliance": {
                     "/services/foo/min_1": true,
                     "/services/foo/min_3": "Found children (2) less than minimum (3)",
                     "/services/foo/gone": "No information: ZooKeeper disconnected"},
                   "paths": {
                     "/services/foo/min_1": {"state": "OK", "message": "All checks pass."},
                     "/services/foo/min_3": {"state": "Error", "message": "Found children (2) less than minimum (3)"},
                     "/services/foo/gone": {"state": "Unknown", "message": "No information: ZooKeeper disconnected"}}},
                 "dispatcher": {"name": "host-1234", "alerters": ["email"], "alerting": true}}
                """)).isEqualTo(doc);
    }

    @Test
    void keepsThePathsInTheMonitorsOrder() throws IOException {
        JsonNode doc = write(List.of(path("/a", Compliance.OK, 1), path("/b", Compliance.OK, 1), path("/c", Compliance.OK, 1)));

        List<String> names = new ArrayList<>();
        doc.at("/monitor/compliance").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("/a", "/b", "/c");
    }

    @Test
    void streamsTenThousandPaths() throws IOException {
        List<PathStatus> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(path(String.format("/load/%05d", i), Compliance.OK, 1));
        }

        assertThat(write(many).at("/monitor/compliance").size()).isEqualTo(10_000);
    }

    private static JsonNode write(List<PathStatus> paths) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Responses.JSON.createGenerator(out)) {
            StatusEndpoint.write(g, status(true, paths, Map.of()));
        }
        return Api.JSON.readTree(out.toByteArray());
    }
}
