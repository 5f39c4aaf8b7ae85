/**
 * JUnit 5 helpers for testing what zkmon watches, and zkmon itself, against a real ZooKeeper.
 *
 * <p>Public API, all of it: {@link io.zkmon.testkit.ZooKeeperExtension} (a real server or ensemble per test class,
 * clients, monitors, and cleanup after each test), {@link io.zkmon.testkit.ServiceInstance} (a fake service instance
 * registered from its own session, which can crash), {@link io.zkmon.testkit.Sessions} (ending sessions from
 * outside), {@link io.zkmon.testkit.TcpProxy} (cutting or black-holing one client's network),
 * {@link io.zkmon.testkit.RecordingAlerter} (the {@code recording} alerter type, which keeps what it gets) and
 * {@link io.zkmon.testkit.AlerterContract} (the compatibility kit an alerter backend's test extends).
 */
package io.zkmon.testkit;
