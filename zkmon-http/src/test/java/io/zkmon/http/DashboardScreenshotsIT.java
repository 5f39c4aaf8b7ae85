package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.ZkMonitor;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.core.time.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The pictures of the dashboard in the README and docs/http.md: a realistic cluster of services with three hours of
 * history, at desktop and phone widths, the overview and one path's details. Always rendered to
 * {@code zkmon-http/target/screenshots/}; with {@code -Dzkmon.screenshots=update} also copied over the ones in
 * {@code docs/}:
 *
 * <pre>
 * ./mvnw -B -pl zkmon-http -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=DashboardScreenshotsIT -Dfailsafe.failIfNoSpecifiedTests=false -Dzkmon.screenshots=update
 * </pre>
 *
 * The three hours pass in seconds: the monitor and the server read a clock that the test moves forward between
 * changes.
 */
class DashboardScreenshotsIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final String TOKEN = "screenshot-token";
    private static final Path OUT = Path.of("target", "screenshots");
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void rendersTheOverviewAndAPathAtDesktopAndPhoneWidths() throws Exception {
        ShiftedClock clock = new ShiftedClock(Duration.ofMinutes(-178));
        String[] services = {"api", "auth", "billing", "cart", "email", "images", "inventory", "payments", "search", "web"};
        String[] teams = {"platform", "identity", "payments", "shop", "platform", "media", "shop", "payments", "search", "frontend"};
        int[] instances = {3, 2, 3, 3, 1, 2, 2, 0, 2, 3};
        List<PathSpec> specs = new ArrayList<>();
        zk.delete("/services");
        for (int i = 0; i < services.length; i++) {
            String parent = "/services/" + services[i] + "/instances";
            zk.ensure(parent);
            for (int j = 1; j <= instances[i]; j++) {
                zk.ensure(parent + "/" + services[i] + "-" + j);
            }
            PathSpec.Builder spec = PathSpec.builder(parent).minChildren(services[i].equals("web") ? 3 : 2).alerters("oncall")
                    .label("team", teams[i]);
            if (services[i].equals("web")) {
                spec.cancelTimeout(Duration.ofMinutes(10)).severity(Severity.CRITICAL)
                        .annotation("summary", "The public web tier is short of instances")
                        .annotation("runbook_url", "https://wiki.example.com/runbooks/web-instances");
            }
            specs.add(spec.build());
        }
        RecordingAlerter alerts = RecordingAlerter.fresh("screenshots");
        SilenceStore silences = SilenceStore.inMemory();
        try (Scheduler scheduler = new ShiftedScheduler(clock)) {
            ZkMonitor monitor = DashboardIT.start(zk, ZkMonitor.builder().curator(zk.client()).scheduler(scheduler)
                    .clusterName("prod-zookeeper-monitor").silenceStore(silences).alerter("oncall", alerts)
                    .paths(specs.toArray(PathSpec[]::new)));
            try (HttpServer http = HttpServer.builder().monitor(monitor).silences(silences).apiToken(TOKEN).clock(clock)
                    .bind("127.0.0.1").port(0).build().start()) {
                Api api = new Api(http);
                String web = "/services/web/instances";
                // three hours of web instances coming and going, then the present
                int[][] history = {{2, 16}, {3, 9}, {1, 36}, {2, 2}, {3, 3}, {2, 40}, {3, 6}, {2, 20}, {3, 43}, {2, 0}};
                java.util.Deque<String> present = new java.util.ArrayDeque<>(List.of("web-1", "web-2", "web-3"));
                int next = 4;
                for (int[] step : history) {
                    while (present.size() > step[0]) {
                        zk.delete(web + "/" + present.removeLast());
                    }
                    while (present.size() < step[0]) {
                        String name = "web-" + next++;
                        zk.ensure(web + "/" + name);
                        present.addLast(name);
                    }
                    int expected = present.size();
                    await().atMost(Duration.ofSeconds(20)).until(() -> monitor.status(web).childCount() == expected);
                    clock.advance(Duration.ofMinutes(step[1]));
                }
                clock.set(Duration.ZERO);
                api.post("/api/v1/silences", """
                        {"path": "/services/payments/**", "duration": "2h", "comment": "payments migration, CHG-1234",
                         "author": "alice"}""", TOKEN);
                zk.delete("/services/email/instances/email-1");
                zk.ensure("/services/email/instances/email-1");
                zk.delete("/services/email/instances/email-1");
                alerts.awaitFiring("/services/email/instances", Duration.ofSeconds(20));
                await().atMost(Duration.ofSeconds(20)).until(() -> monitor.status(web).state() == State.ERROR);

                try (Browser desktop = Browser.start(Browser.DESKTOP)) {
                    desktop.open(api.base() + "/ui/");
                    desktop.waitUntil(d -> desktop.find(By.id("live")).getText().contains("live") ? true : null, "live");
                    shoot(desktop, "dashboard.png", false);
                    desktop.openAsIs(api.base() + "/ui/#/path/" + web.replace("/", "%2F"));
                    desktop.visible(By.cssSelector("#chart-card svg.chart"));
                    shoot(desktop, "dashboard-path.png", true);
                }
                try (Browser phone = Browser.start(Browser.PHONE)) {
                    phone.open(api.base() + "/ui/");
                    shoot(phone, "dashboard-phone.png", false);
                    phone.openAsIs(api.base() + "/ui/#/path/" + web.replace("/", "%2F"));
                    phone.visible(By.cssSelector("#chart-card svg.chart"));
                    shoot(phone, "dashboard-path-phone.png", true);
                }
            }
        }
    }

    private static void shoot(Browser browser, String name, boolean fullPage) throws Exception {
        Path png = OUT.resolve(name);
        if (fullPage) {
            browser.fullPageScreenshot(png);
        } else {
            browser.screenshot(png);
        }
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        assertThat(bytes.length).isGreaterThan(10_000);
        if ("update".equals(System.getProperty("zkmon.screenshots"))) {
            Files.copy(png, DOCS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The system clock moved by an offset the test sets: history in seconds. */
    static final class ShiftedClock extends Clock {
        private volatile Duration offset;

        ShiftedClock(Duration offset) {
            this.offset = offset;
        }

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        void set(Duration d) {
            offset = d;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    /** The monitor's own scheduler, telling the shifted time. */
    static final class ShiftedScheduler implements Scheduler {
        private final Scheduler delegate = Scheduler.system("zkmon-screenshots");
        private final Clock clock;

        ShiftedScheduler(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public Task schedule(Duration delay, Runnable task) {
            return delegate.schedule(delay, task);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
