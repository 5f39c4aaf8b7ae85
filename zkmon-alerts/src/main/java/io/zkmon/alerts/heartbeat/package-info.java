/**
 * The {@code heartbeat} alerter: calls a URL of yours every {@code interval} while zkmon is healthy (this agent sends
 * alerts and sees ZooKeeper), for a dead man's switch or a cron monitor that alerts when the calls stop.
 */
package io.zkmon.alerts.heartbeat;
