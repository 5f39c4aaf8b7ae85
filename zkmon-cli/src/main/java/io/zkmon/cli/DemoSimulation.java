package io.zkmon.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of the demo: instances register as ephemeral children, as a service registry's clients would, and a
 * script stops, restarts, scales and disables them in a loop, so that paths of examples/demo.yaml go out of spec and
 * come back within the first minute. Each step is told in the console.
 */
final class DemoSimulation implements AutoCloseable {

    private static final Logger CONSOLE = LoggerFactory.getLogger("io.zkmon.demo");

    static final String WEB = "/services/web";
    static final String API = "/services/api";
    static final String BILLING = "/services/billing";
    static final String SEARCH = "/services/search";

    private static final String ENABLED = "{\"enabled\": true, \"port\": 8443}";
    private static final String DISABLED = "{\"enabled\": false, \"port\": 8443}";

    /** One step of the script: wait, then act. */
    private record Step(Duration after, String story, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private final CuratorFramework zk;
    private final ScheduledExecutorService timer;
    private final List<Step> script;
    private int next;
    private volatile boolean closed;

    private DemoSimulation(String connectString) {
        this.zk = CuratorFrameworkFactory.newClient(connectString, 30_000, 10_000, new RetryOneTime(200));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zkmon-demo-simulation");
            t.setDaemon(true);
            return t;
        });
        this.script = List.of(
                new Step(Duration.ofSeconds(12), "web-3 stopped for maintenance (2 web servers left; the minimum is 2)",
                        () -> stop(WEB, "web-3")),
                new Step(Duration.ofSeconds(4), "web-2 crashed (1 web server left)",
                        () -> stop(WEB, "web-2")),
                new Step(Duration.ofSeconds(18), "web-2 is back",
                        () -> start(WEB, "web-2", ENABLED)),
                new Step(Duration.ofSeconds(6), "api scaled out to 5 instances (the maximum is 4)",
                        () -> {
                            start(API, "api-4", ENABLED);
                            start(API, "api-5", ENABLED);
                        }),
                new Step(Duration.ofSeconds(16), "api scaled back in to 3 instances",
                        () -> {
                            stop(API, "api-5");
                            stop(API, "api-4");
                        }),
                new Step(Duration.ofSeconds(5), "billing-1 restarting (billing has a 20s grace period)",
                        () -> stop(BILLING, "billing-1")),
                new Step(Duration.ofSeconds(4), "billing-1 is back, within its grace period: no alert",
                        () -> start(BILLING, "billing-1", ENABLED)),
                new Step(Duration.ofSeconds(5), "search-2 disabled itself (enabled: false in its data)",
                        () -> setData(SEARCH, "search-2", DISABLED)),
                new Step(Duration.ofSeconds(16), "search-2 enabled again",
                        () -> setData(SEARCH, "search-2", ENABLED)),
                new Step(Duration.ofSeconds(5), "web-3 is back from maintenance; the story starts over in 20s",
                        () -> start(WEB, "web-3", ENABLED)),
                new Step(Duration.ofSeconds(20), "--- again ---", () -> { }));
    }

    /**
     * Connects to the demo's ZooKeeper, registers the first instances and starts the script.
     *
     * @throws Exception when the embedded ZooKeeper cannot be reached
     */
    static DemoSimulation start(String connectString) throws Exception {
        DemoSimulation sim = new DemoSimulation(connectString);
        try {
            sim.zk.start();
            if (!sim.zk.blockUntilConnected(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the embedded ZooKeeper at " + connectString + " did not answer");
            }
            sim.registerAll();
        } catch (Exception e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    /** Starts the script (after the banner, so the first step comes a few seconds after people start reading). */
    void play() {
        scheduleNext();
    }

    private void registerAll() throws Exception {
        for (String name : List.of("web-1", "web-2", "web-3")) {
            start(WEB, name, ENABLED);
        }
        for (String name : List.of("api-1", "api-2", "api-3")) {
            start(API, name, ENABLED);
        }
        start(BILLING, "billing-1", ENABLED);
        for (String name : List.of("search-1", "search-2", "search-3")) {
            start(SEARCH, name, ENABLED);
        }
    }

    private void scheduleNext() {
        if (closed) {
            return;
        }
        Step step = script.get(next);
        next = (next + 1) % script.size();
        timer.schedule(() -> {
            if (closed) {
                return;
            }
            try {
                CONSOLE.info("sim    {}", step.story());
                step.action().run();
            } catch (Exception e) {
                if (!closed) {
                    CONSOLE.warn("sim    could not play '{}': {}", step.story(), e.toString());
                }
            }
            scheduleNext();
        }, step.after().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void start(String service, String name, String data) throws Exception {
        try {
            zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath(service + "/" + name, data.getBytes(StandardCharsets.UTF_8));
        } catch (KeeperException.NodeExistsException e) {
            // already registered
        }
    }

    private void stop(String service, String name) throws Exception {
        try {
            zk.delete().forPath(service + "/" + name);
        } catch (KeeperException.NoNodeException e) {
            // already gone
        }
    }

    private void setData(String service, String name, String data) throws Exception {
        zk.setData().forPath(service + "/" + name, data.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        zk.close();
    }
}
