/**
 * zkmon's HTTP interface: the old daemon's {@code /status}, health and readiness probes, Prometheus metrics, a JSON
 * API with silences, and a dashboard at {@code /ui/}.
 *
 * <p>Public API: {@link io.zkmon.http.HttpServer} and its builder, nothing else. The server reads a monitor only
 * through {@link io.zkmon.core.MonitorView} (and the values it returns), never the engine or the dispatcher; the one
 * thing it changes is the {@link io.zkmon.core.dispatch.SilenceStore} it is given, and only for a request carrying
 * the API token. Every other class here is an implementation detail. The endpoints and documents are described in
 * {@code docs/http.md}.
 */
package io.zkmon.http;
