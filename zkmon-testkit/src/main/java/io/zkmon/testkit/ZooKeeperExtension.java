package io.zkmon.testkit;

import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link ZooKeeperFixture} for JUnit 5: started before and stopped after the tests, with what a test made through it
 * closed after each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ZooKeeperExtension zk = ZooKeeperExtension.server();
 *
 * @Test
 * void instanceVanishesWhenItCrashes() throws Exception {
 *     ServiceInstance a = zk.register("/services/foo", "a");
 *     a.crash();
 *     assertThat(zk.client().getChildren().forPath("/services/foo")).isEmpty();
 * }
 * }</pre>
 *
 * In a static field the servers live for the class; in an instance field, for each test. Test methods may take a
 * {@link CuratorFramework} (the shared client), a {@link ZooKeeperFixture} or this extension as a parameter. The
 * methods here are the fixture's, for the test running now. Subclasses add helpers for what they test (zkmon-core's
 * test-jar has {@code ZkMonitorExtension}, which also starts monitors).
 */
public class ZooKeeperExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    private final int ensembleSize;
    private ZooKeeperFixture fixture;
    private boolean perClass;

    /** @param ensembleSize 1 for a standalone server, else the number of ensemble members */
    protected ZooKeeperExtension(int ensembleSize) {
        this.ensembleSize = ensembleSize;
    }

    /** One standalone server. */
    public static ZooKeeperExtension server() {
        return new ZooKeeperExtension(1);
    }

    /** An ensemble of {@code size} servers (3 or 5), to kill and revive members. */
    public static ZooKeeperExtension cluster(int size) {
        return new ZooKeeperExtension(size);
    }

    /** The running fixture. */
    public ZooKeeperFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("ZooKeeper is not running: register the extension with @RegisterExtension and use it from a test");
        }
        return fixture;
    }

    // ---- JUnit lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        fixture = ensembleSize == 1 ? ZooKeeperFixture.server() : ZooKeeperFixture.ensemble(ensembleSize);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopFixture();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            fixture = ensembleSize == 1 ? ZooKeeperFixture.server() : ZooKeeperFixture.ensemble(ensembleSize);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perClass) {
            fixture().closeResources();
        } else {
            stopFixture();
        }
    }

    private void stopFixture() {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == CuratorFramework.class || t == ZooKeeperFixture.class
                || (ZooKeeperExtension.class.isAssignableFrom(t) && t.isInstance(this));
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == CuratorFramework.class ? client() : t == ZooKeeperFixture.class ? fixture() : this;
    }

    // ---- the fixture's methods, for the current test ----

    /** Closes a resource after the current test. */
    public <T extends AutoCloseable> T closeAfterTest(T resource) {
        return fixture().closeLater(resource);
    }

    /** @see ZooKeeperFixture#connectString() */
    public String connectString() {
        return fixture().connectString();
    }

    /** @see ZooKeeperFixture#stop() */
    public void stop() throws Exception {
        fixture().stop();
    }

    /** @see ZooKeeperFixture#start() */
    public void start() throws Exception {
        fixture().start();
    }

    /** @see ZooKeeperFixture#restart() */
    public void restart() throws Exception {
        fixture().restart();
    }

    /** @see ZooKeeperFixture#members() */
    public List<InstanceSpec> members() {
        return fixture().members();
    }

    /** @see ZooKeeperFixture#memberOf(CuratorFramework) */
    public InstanceSpec memberOf(CuratorFramework c) throws Exception {
        return fixture().memberOf(c);
    }

    /** @see ZooKeeperFixture#kill(InstanceSpec) */
    public void kill(InstanceSpec member) throws Exception {
        fixture().kill(member);
    }

    /** @see ZooKeeperFixture#revive(InstanceSpec) */
    public void revive(InstanceSpec member) throws Exception {
        fixture().revive(member);
    }

    /** @see ZooKeeperFixture#client() */
    public CuratorFramework client() {
        return fixture().client();
    }

    /** A new started client with its own session, closed after the test. */
    public CuratorFramework newClient(Duration sessionTimeout) {
        return fixture().newClient(sessionTimeout);
    }

    /** @see ZooKeeperFixture#expireSession(CuratorFramework) */
    public void expireSession(CuratorFramework c) throws Exception {
        fixture().expireSession(c);
    }

    /** A proxy to the server, closed after the test. @see ZooKeeperFixture#proxy() */
    public TcpProxy proxy() throws Exception {
        return fixture().proxy();
    }

    /** @see ZooKeeperFixture#ensure(String) */
    public ZooKeeperExtension ensure(String path) throws Exception {
        fixture().ensure(path);
        return this;
    }

    /** @see ZooKeeperFixture#setData(String, String) */
    public void setData(String path, String data) throws Exception {
        fixture().setData(path, data);
    }

    /** @see ZooKeeperFixture#delete(String) */
    public void delete(String path) throws Exception {
        fixture().delete(path);
    }

    /** Registers a service instance (an ephemeral child from its own session); its session ends after the test. */
    public ServiceInstance register(String parent, String name) throws Exception {
        return fixture().register(parent, name);
    }

    /** Registers a service instance with data (Curator ServiceDiscovery JSON, say); its session ends after the test. */
    public ServiceInstance register(String parent, String name, String data) throws Exception {
        return fixture().register(parent, name, data);
    }
}
