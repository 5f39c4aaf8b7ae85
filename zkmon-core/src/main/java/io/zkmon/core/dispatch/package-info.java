/**
 * The dispatcher's public SPI: what decides, per path, which notification goes to which alerter and when, and the
 * seams other modules plug into.
 * <ul>
 *   <li>{@link io.zkmon.core.dispatch.Dispatcher}: receives transitions; wrap or replace it through the monitor's
 *       builder; {@link io.zkmon.core.dispatch.DispatcherStatus} is what it shows;</li>
 *   <li>{@link io.zkmon.core.dispatch.SendPermission}, {@link io.zkmon.core.dispatch.AlertStateStore} and
 *       {@link io.zkmon.core.dispatch.SilenceStore}: implemented by the cluster module so that one agent sends and the
 *       next continues where it stopped;</li>
 *   <li>values: {@link io.zkmon.core.dispatch.AlertState}, {@link io.zkmon.core.dispatch.PendingDelivery},
 *       {@link io.zkmon.core.dispatch.Silence}, {@link io.zkmon.core.dispatch.RetryPolicy},
 *       {@link io.zkmon.core.dispatch.DeliveryOutcome}, {@link io.zkmon.core.dispatch.DeliveryRecord}.</li>
 * </ul>
 * All of it is API. The default dispatcher itself lives in {@code io.zkmon.core.dispatch.internal}, which is not.
 * This package depends on {@code spec}, {@code alert} and {@code time}, never on the root package.
 */
package io.zkmon.core.dispatch;
