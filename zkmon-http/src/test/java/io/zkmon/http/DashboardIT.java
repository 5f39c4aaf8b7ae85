package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as a person uses it, with real clicks and keys in headless Chromium, against a real server watching
 * a real ZooKeeper, with an alerter that records what it is sent.
 */
class DashboardIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final String TOKEN = "correct-horse-battery-staple";
    private static final Duration ALERTS = Duration.ofSeconds(20);

    private static Browser browser;

    private final SilenceStore store = SilenceStore.inMemory();
    private RecordingAlerter alerts;
    private ZkMonitor monitor;
    private HttpServer http;
    private Api api;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        zk.delete("/services");
        alerts = RecordingAlerter.fresh("dashboard-it");
        zk.ensure("/services/web");
        zk.ensure("/services/web/web-1");
        zk.ensure("/services/web/web-2");
        zk.ensure("/services/api");
        zk.ensure("/services/api/api-1");
        zk.ensure("/services/db");
        zk.ensure("/services/db/db-1");
        monitor = start(zk, ZkMonitor.builder().curator(zk.client()).silenceStore(store).alerter("oncall", alerts).paths(
                PathSpec.builder("/services/web").minChildren(2).alerters("oncall").label("team", "frontend").build(),
                PathSpec.builder("/services/api").minChildren(1).alerters("oncall").label("team", "backend").build(),
                PathSpec.builder("/services/db").minChildren(1).alerters("oncall").label("team", "backend")
                        .severity(Severity.CRITICAL).annotation("runbook_url", "https://wiki.example.com/db")
                        .cancelTimeout(Duration.ofHours(1)).build()));
        http = HttpServer.builder().monitor(monitor).silences(store).apiToken(TOKEN).bind("127.0.0.1").port(0).build().start();
        api = new Api(http);
    }

    /** Starts a monitor built in code (specs with labels), closed after the test; returns once it read every path. */
    static ZkMonitor start(ZkMonitorExtension zk, ZkMonitor.Builder builder) throws Exception {
        ZkMonitor m = zk.closeAfterTest(builder.build());
        m.start();
        assertThat(m.awaitPrimed(Duration.ofSeconds(30))).as("primed").isTrue();
        return m;
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    private String ui() {
        return api.base() + "/ui/";
    }

    @Test
    void aSilenceCreatedFromAPathRowHoldsThatPathsAlertAndTheApiListsIt() throws Exception {
        browser.open(ui());

        browser.click(By.cssSelector("li.row[data-path='/services/web'] button.silence-path"));
        browser.visible(By.id("silence-dialog"));
        assertThat(browser.find(By.id("silence-path")).getAttribute("value")).isEqualTo("/services/web");
        browser.click(By.cssSelector("input[name='duration'][value='1h']"));
        browser.find(By.id("silence-comment")).sendKeys("rolling restart of web, CHG-1234");
        browser.find(By.id("silence-author")).sendKeys("alice");
        browser.click(By.id("silence-submit"));
        browser.visible(By.id("token-dialog")).isDisplayed();
        browser.find(By.id("token-input")).sendKeys(TOKEN);
        browser.click(By.id("token-submit"));

        browser.gone(By.id("silence-dialog"));
        // read in the page itself: a live update may redraw the list between finding the item and reading it
        browser.waitUntil(d -> {
            String t = (String) browser.script("const s = document.querySelector(`#silences li.silence[data-pattern='/services/web']`);"
                    + " return s ? s.innerText : '';");
            return t.contains("alice: rolling restart of web, CHG-1234") && t.contains("left") ? true : null;
        }, "the new silence listed with its author, comment and time left");
        JsonNode silences = api.json("/api/v1/silences").get("silences");
        assertThat(silences).hasSize(1);
        assertThat(silences.get(0).get("pattern").asText()).isEqualTo("/services/web");
        assertThat(silences.get(0).get("author").asText()).isEqualTo("alice");
        browser.waitUntil(d -> rowText("/services/web").contains("silenced until") ? true : null, "the row marked silenced");

        zk.delete("/services/web/web-2");
        zk.delete("/services/api/api-1");

        // the unsilenced path alerts: the alerter works; the silenced one is held by the dispatcher
        alerts.awaitFiring("/services/api", ALERTS);
        await().atMost(ALERTS).until(() -> !api.json("/api/v1/paths/services/web").at("/alert/silenced_until").isNull());
        assertThat(alerts.notifications("/services/web")).isEmpty();
        browser.waitUntil(d -> "Error".equals(browser.rowStateNow("/services/web")) ? true : null,
                "/services/web shown out of spec");
        assertThat(rowText("/services/web")).contains("silenced until").doesNotContain("alert sent");
    }

    @Test
    void expiringASilenceFromThePageLetsTheHeldAlertGoOut() throws Exception {
        api.post("/api/v1/silences", """
                {"path": "/services/*", "duration": "2h", "comment": "maintenance window", "author": "bob"}""", TOKEN);
        zk.delete("/services/web/web-2");
        await().atMost(ALERTS).until(() -> !api.json("/api/v1/paths/services/web").at("/alert/silenced_until").isNull());
        assertThat(alerts.notifications("/services/web")).isEmpty();
        browser.open(ui());
        assertThat(rowText("/services/web")).contains("silenced until");
        assertThat(rowText("/services/api")).contains("silenced until"); // a glob marks every path it covers

        browser.click(By.cssSelector("#silences li.silence[data-pattern='/services/*'] button.expire"));
        browser.visible(By.id("token-dialog"));
        browser.find(By.id("token-input")).sendKeys(TOKEN, Keys.ENTER);

        browser.waitUntil(d -> browser.find(By.id("silences")).getText().contains("No active silence.") ? true : null,
                "the silence gone from the list");
        assertThat(api.json("/api/v1/silences").get("silences")).isEmpty();
        alerts.awaitFiring("/services/web", ALERTS);
        browser.waitUntil(d -> !rowText("/services/web").contains("silenced") ? true : null, "the row no longer silenced");
    }

    @Test
    void theTokenIsAskedForOnceAndAWrongOneIsRefusedWithAClearMessage() {
        browser.open(ui());
        openSilenceDialogFor("/services/db");
        browser.find(By.id("silence-comment")).sendKeys("noisy");
        browser.find(By.id("silence-author")).sendKeys("carol");
        browser.click(By.id("silence-submit"));
        browser.visible(By.id("token-input")).sendKeys("guess");
        browser.click(By.id("token-submit"));

        WebElement error = browser.visible(By.id("token-error"));
        assertThat(error.getText()).contains("did not accept this token").contains("the API token is not valid");
        assertThat(browser.script("return sessionStorage.getItem('zkmon.apiToken')")).isNull();
        assertThat(store.list()).isEmpty();

        WebElement input = browser.find(By.id("token-input"));
        input.clear();
        input.sendKeys(TOKEN);
        browser.click(By.id("token-submit"));
        browser.visible(By.cssSelector("#silences li.silence[data-pattern='/services/db']"));
        assertThat(browser.script("return sessionStorage.getItem('zkmon.apiToken')")).isEqualTo(TOKEN);
        assertThat(browser.script("return localStorage.getItem('zkmon.apiToken')")).isNull();

        // asked once: the next change goes through without a prompt
        openSilenceDialogFor("/services/api");
        browser.find(By.id("silence-comment")).sendKeys("also noisy");
        browser.click(By.id("silence-submit"));
        browser.visible(By.cssSelector("#silences li.silence[data-pattern='/services/api']"));
        assertThat(browser.find(By.id("token-dialog")).isDisplayed()).isFalse();
        assertThat(store.list()).hasSize(2);
    }

    private void openSilenceDialogFor(String path) {
        browser.click(By.cssSelector("li.row[data-path='" + path + "'] button.silence-path"));
        browser.visible(By.id("silence-dialog"));
    }

    @Test
    void aDeepLinkOpensAPathWithItsSpecChildrenChartAndTransitions() throws Exception {
        zk.ensure("/services/db/db-2");
        zk.ensure("/services/db/db-3");
        await().atMost(ALERTS).until(() -> monitor.status("/services/db").childCount() == 3);
        zk.delete("/services/db/db-1");
        zk.delete("/services/db/db-2");
        zk.delete("/services/db/db-3");
        await().atMost(ALERTS).until(() -> monitor.status("/services/db").state() == State.ERROR);
        zk.ensure("/services/db/db-4");
        await().atMost(ALERTS).until(() -> monitor.status("/services/db").state() == State.OK);
        zk.delete("/services/db/db-4");
        await().atMost(ALERTS).until(() -> monitor.status("/services/db").state() == State.ERROR);

        browser.openAsIs(ui() + "#/path/%2Fservices%2Fdb");

        WebElement title = browser.visible(By.id("details-title"));
        assertThat(title.getText()).isEqualTo("/services/db");
        assertThat(browser.find(By.id("details-message")).getText()).isEqualTo("Found children (0) less than minimum (1)");
        String alert = browser.find(By.id("alert-status")).getText();
        assertThat(browser.find(By.id("alert-status")).getAttribute("data-alert")).isEqualTo("pending");
        assertThat(alert).contains("Waiting out its grace period (1h)").contains("unless it recovers");
        String spec = browser.find(By.id("spec-card")).getText();
        assertThat(spec).contains("at least 1 child").contains("1h out of spec before alerting").contains("oncall")
                .contains("critical").contains("team=backend").contains("runbook_url").contains("https://wiki.example.com/db");
        assertThat(browser.find(By.id("last-removed")).getText()).contains("db-4");
        assertThat(browser.find(By.id("last-added")).getText()).contains("db-4");

        WebElement chart = browser.visible(By.cssSelector("#chart-card svg.chart"));
        assertThat(chart.getAttribute("aria-label")).contains("between 0 and 3").contains("now 0");
        assertThat(chart.findElements(By.cssSelector("path.line"))).hasSize(1);
        assertThat(chart.findElements(By.cssSelector("line.bound"))).hasSize(1);

        List<WebElement> transitions = browser.findAll(By.cssSelector("#transitions-card tr.transition"));
        assertThat(transitions).hasSizeGreaterThanOrEqualTo(3);
        assertThat(transitions.get(0).getText()).contains("OK → Error").contains("Found children (0) less than minimum (1)");
        assertThat(transitions.get(1).getText()).contains("Error → OK");

        // the same view is reached by a click from the overview, and Esc goes back
        browser.find(By.cssSelector("a.back")).click();
        browser.visible(By.cssSelector("li.row[data-path='/services/db'] a.path")).click();
        browser.visible(By.id("details-title"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/path/%2Fservices%2Fdb");
        browser.find(By.tagName("body")).sendKeys(Keys.ESCAPE);
        browser.visible(By.id("filter"));
    }

    @Test
    void filtersByTextStateAndLabelAndKeepsTheFilterInTheAddress() {
        browser.open(ui());
        assertThat(shownPaths()).containsExactly("/services/api", "/services/db", "/services/web");

        browser.find(By.tagName("body")).sendKeys("/");
        WebElement filter = browser.driver().switchTo().activeElement();
        assertThat(filter.getAttribute("id")).isEqualTo("filter");
        filter.sendKeys("we");
        browser.waitUntil(d -> shownPaths().equals(List.of("/services/web")) ? true : null, "only /services/web");
        assertThat(browser.find(By.id("filter-note")).getText()).isEqualTo("1 of 3 paths match");
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/?q=we");
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);

        new Select(browser.visible(By.id("label-filter"))).selectByValue("team=backend");
        browser.waitUntil(d -> shownPaths().equals(List.of("/services/api", "/services/db")) ? true : null, "the backend team's paths");

        browser.click(By.cssSelector("button.chip[data-state-filter='ok']"));
        browser.waitUntil(d -> shownPaths().isEmpty() ? true : null, "no path: every backend path is in spec");
        assertThat(browser.find(By.id("sec-ok")).isDisplayed()).isFalse();
        assertThat(browser.driver().getCurrentUrl()).contains("state=error%2Cunknown").contains("label=team%3Dbackend");

        // the address restores the view
        browser.openAsIs(ui() + "#/?label=team%3Dfrontend");
        browser.waitUntil(d -> shownPaths().equals(List.of("/services/web")) ? true : null, "the frontend team's paths");
    }

    @Test
    void aChildDeletedInZooKeeperShowsWithinTwoSecondsWithoutAReload() throws Exception {
        browser.open(ui());
        browser.waitUntil(d -> "● live".equals(browser.find(By.id("live")).getText()) ? true : null, "the live feed");
        assertThat(rowText("/services/web")).contains("2 children");
        browser.script("window.zkmonNotReloaded = true;");

        zk.delete("/services/web/web-1");

        browser.waitUntil(d -> "Error".equals(browser.rowStateNow("/services/web")) ? true : null,
                "/services/web shown out of spec", Duration.ofSeconds(2));
        assertThat(rowText("/services/web")).contains("Found children (1) less than minimum (2)").contains("1 child");
        assertThat(browser.find(By.id("n-error")).getText()).isEqualTo("1");
        assertThat(browser.script("return window.zkmonNotReloaded === true")).isEqualTo(true);
    }

    @Test
    void showsWhenItHasLostTheServerAndWhenItIsBack() throws Exception {
        browser.open(ui());
        browser.waitUntil(d -> "● live".equals(browser.find(By.id("live")).getText()) ? true : null, "the live feed");
        int port = http.port();

        http.close();

        WebElement banner = browser.visible(By.id("banner"));
        assertThat(banner.getText()).contains("Lost contact with the zkmon agent").contains("may be out of date");
        assertThat(browser.find(By.id("live")).getText()).isEqualTo("offline");

        http = HttpServer.builder().monitor(monitor).silences(store).apiToken(TOKEN).bind("127.0.0.1").port(port).build().start();
        browser.waitUntil(d -> "● live".equals(browser.find(By.id("live")).getText()) ? true : null, "the live feed again");
        browser.gone(By.id("banner"));
    }

    @Test
    void clusterHealthShowsWhoSendsTheAgentsAndZooKeeper() {
        browser.open(ui());

        String health = browser.find(By.id("health-card")).getText();
        assertThat(health).contains("Alerts are sent by " + monitor.agentName() + " (this agent).")
                .contains("Connected to ZooKeeper").contains(monitor.agentName()).contains("this agent").contains(" · up ");
        assertThat(browser.find(By.id("self-alerts")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("legacy")).isDisplayed()).isFalse();
    }

    @Test
    void isUsableByKeyboardAlone() {
        browser.open(ui());

        // Tab from the filter reaches the state chips, then a path's link; Enter opens it
        // (a live update may redraw the row between finding its link and pressing Enter: then it is found again)
        browser.waitUntil(d -> {
            d.findElement(By.cssSelector("li.row[data-path='/services/api'] a.path")).sendKeys(Keys.ENTER);
            return Boolean.TRUE;
        }, "the link of /services/api");
        browser.visible(By.id("details-title"));
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("details-title");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.visible(By.cssSelector("li.row[data-path='/services/api'] button.silence-path")).sendKeys(Keys.ENTER);
        browser.visible(By.id("silence-dialog"));
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("silence-comment");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.gone(By.id("silence-dialog"));
    }

    @Test
    void aPhoneWidthWindowShowsOneColumnWithoutSidewaysScrolling() throws Exception {
        try (Browser phone = Browser.start(Browser.PHONE)) {
            phone.open(ui());
            assertThat(phone.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
            WebElement row = phone.row("/services/web");
            assertThat(row.findElement(By.cssSelector("button.silence-path")).isDisplayed()).isTrue();
            assertThat(phone.find(By.id("health-card")).getLocation().getY())
                    .isGreaterThan(phone.find(By.id("sec-ok")).getLocation().getY()); // the side cards go below
        }
    }

    /** The paths listed on the overview, sorted; read in one go, since a refresh replaces the rows. */
    @SuppressWarnings("unchecked")
    private List<String> shownPaths() {
        return ((List<String>) browser.script("return [...document.querySelectorAll('li.row')]"
                + ".filter(r => r.offsetParent !== null).map(r => r.dataset.path).sort()"));
    }

    private String rowText(String path) {
        return (String) browser.script("const r = document.querySelector(`li.row[data-path='${arguments[0]}']`);"
                + " return r ? r.innerText : '';", path);
    }
}
