/**
 * The dispatcher: from compliance transitions to notifications, with grace periods, deduplication, repeats,
 * recoveries, silences and retries.
 *
 * <p>Public API: the {@link io.zkmon.core.dispatch.Dispatcher} contract and its
 * {@link io.zkmon.core.dispatch.DispatcherStatus} (with {@link io.zkmon.core.dispatch.DeliveryRecord} and
 * {@link io.zkmon.core.dispatch.DeliveryOutcome}); and what it works with, which another module may supply:
 * {@link io.zkmon.core.dispatch.SendPermission} (may this agent send now),
 * {@link io.zkmon.core.dispatch.AlertStateStore} (with {@link io.zkmon.core.dispatch.AlertState} and
 * {@link io.zkmon.core.dispatch.PendingDelivery}: what another agent needs to continue),
 * {@link io.zkmon.core.dispatch.SilenceStore} with {@link io.zkmon.core.dispatch.Silence}, and
 * {@link io.zkmon.core.dispatch.RetryPolicy}. The default dispatcher and the path lookup it is given are
 * implementation, not API, whatever their modifiers say: wrap or replace the dispatcher through
 * {@code ZkMonitor.Builder.decorateDispatcher}.
 */
package io.zkmon.core.dispatch;
