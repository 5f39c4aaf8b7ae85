package io.zkmon.http;

import static io.zkmon.http.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building a server checks its settings and does nothing else. */
class HttpServerBuilderTest {

    private final Fixtures.SnapshotView monitor = new Fixtures.SnapshotView(status(true, Map.of()));

    @Test
    void needsAMonitor() {
        assertThatThrownBy(() -> HttpServer.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("give the HTTP server the monitor to serve: HttpServer.builder().monitor(monitor)");
    }

    @Test
    void refusesAPortOutOfRangeAndABlankAddress() {
        assertThatThrownBy(() -> HttpServer.builder().monitor(monitor).port(65_536).build())
                .hasMessage("port must be between 0 and 65535, got 65536");
        assertThatThrownBy(() -> HttpServer.builder().monitor(monitor).port(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpServer.builder().monitor(monitor).bind(" ").build())
                .hasMessageStartingWith("the bind address must not be blank");
    }

    @Test
    void listensOnEveryInterfaceByDefaultAndTouchesNothingUntilStarted() {
        HttpServer server = HttpServer.builder().monitor(monitor).build();

        assertThat(server.host()).isEqualTo("0.0.0.0");
        assertThat(monitor.listeners).isEmpty();
        assertThatThrownBy(server::port).hasMessage("the HTTP server is not started");
        server.close();
    }
}
