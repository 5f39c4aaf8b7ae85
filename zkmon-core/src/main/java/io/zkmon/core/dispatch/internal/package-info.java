/**
 * The default dispatcher and its stages. <strong>Not API: may change in any release.</strong> Embedders use the
 * {@link io.zkmon.core.dispatch} SPI and the monitor's builder, never these classes.
 *
 * <p>{@link io.zkmon.core.dispatch.internal.DefaultDispatcher} is a pipeline, as Prometheus Alertmanager's notify
 * pipeline is, one stage per file:
 * <ol>
 *   <li>{@code IncidentPolicy}: grace period, deduplication, repeats, recovery, refreshes; it decides;</li>
 *   <li>{@code SilenceGate}, then {@code PermissionGate}: each asked once per decision;</li>
 *   <li>{@code Outbox}: per path and alerter lanes, strictly ordered, persisted through the
 *       {@link io.zkmon.core.dispatch.AlertStateStore};</li>
 *   <li>{@code Delivery}: sends each lane's head on the one bounded {@code DeliveryExecutor}, retries on the
 *       {@link io.zkmon.core.dispatch.RetryPolicy};</li>
 * </ol>
 * beside them {@code Takeover} (loading the shared state when permission is gained, reconciling, forgetting unwatched
 * paths) and {@code StatusView} (the {@link io.zkmon.core.dispatch.DispatcherStatus}, counters and generation).
 *
 * <p>Threads: every stage runs on the dispatcher's one {@link io.zkmon.core.time.Scheduler} thread, except the
 * alerter's {@code send} (and the permission check right before it), which runs on the delivery pool. No stage takes
 * a lock except {@code DeliveryExecutor}'s own.
 */
package io.zkmon.core.dispatch.internal;
