/**
 * A real ZooKeeper for tests, below zkmon itself (as Curator's {@code curator-test} sits below the framework): it
 * depends on no zkmon module, so zkmon's own core tests and users' tests of what zkmon watches can both use it.
 *
 * <p>Public API, all of it: {@link io.zkmon.testkit.ZooKeeperFixture} (a plain {@code Closeable}: a server or an
 * ensemble, clients, fake service instances, a proxy, stopping and restarting servers), {@link
 * io.zkmon.testkit.ZooKeeperExtension} (the thin JUnit 5 adapter over it), {@link io.zkmon.testkit.ServiceInstance}
 * (a fake service instance registered from its own session, which can crash), {@link io.zkmon.testkit.Sessions}
 * (ending sessions from outside), {@link io.zkmon.testkit.TcpProxy} (cutting or black-holing one client's network),
 * {@link io.zkmon.testkit.ZooKeeperServerProcess} (a standalone server in its own JVM, from any classpath),
 * {@link io.zkmon.testkit.HttpSink}, {@link io.zkmon.testkit.MailSink} and {@link io.zkmon.testkit.FreePorts}
 * (local receivers for alerts), and {@link io.zkmon.testkit.TestLogging} (the tests' log level switch).
 *
 * <p>zkmon-aware helpers (the {@code recording} alerter, the alerter compatibility kit, a JUnit extension that also
 * starts monitors) are in zkmon-core's test-jar, package {@code io.zkmon.core.testing}.
 */
package io.zkmon.testkit;
