/**
 * The dispatcher: from compliance transitions to notifications, with grace periods, deduplication, repeats,
 * recoveries, silences and retries.
 *
 * <p>Public API: the {@link io.zkmon.core.dispatch.Dispatcher} contract (build, {@code start()}, {@code close()}) and
 * its {@link io.zkmon.core.dispatch.DispatcherStatus} (with {@link io.zkmon.core.dispatch.DeliveryRecord} and
 * {@link io.zkmon.core.dispatch.DeliveryOutcome}); and what it works with, which another module may supply:
 * {@link io.zkmon.core.dispatch.SendPermission} (may this agent send now),
 * {@link io.zkmon.core.dispatch.AlertStateStore} (with {@link io.zkmon.core.dispatch.AlertState} and
 * {@link io.zkmon.core.dispatch.PendingDelivery}: what another agent needs to continue),
 * {@link io.zkmon.core.dispatch.SilenceStore} with {@link io.zkmon.core.dispatch.Silence}, and
 * {@link io.zkmon.core.dispatch.RetryPolicy}. The default dispatcher, its stages and the path lookup it is given live
 * in {@code io.zkmon.core.dispatch.internal}, which is not API: wrap or replace the dispatcher through
 * {@code ZkMonitor.Builder.decorateDispatcher}. This package depends on {@code spec}, {@code alert} and {@code time},
 * never on the root package.
 */
package io.zkmon.core.dispatch;
