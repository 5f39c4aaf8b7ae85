/**
 * zkmon's HTTP interface: {@link io.zkmon.http.HttpServer} serves a {@link io.zkmon.core.ZkMonitor} as the old
 * daemon's {@code /status}, health and readiness probes, Prometheus metrics, a JSON API with silences, and a
 * dashboard. Everything else in this package is an implementation detail; the HTTP layer only reads the monitor's
 * snapshots and the silence store, and never reaches into the engine.
 */
package io.zkmon.http;
