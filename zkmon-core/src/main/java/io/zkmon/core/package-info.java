/**
 * zkmon's engine and its front door: watch znodes, check each against its spec, dispatch alerts.
 *
 * <p>Public API: {@link io.zkmon.core.ZkMonitor} and its builder (lifecycle and reload);
 * {@link io.zkmon.core.MonitorView}, what readers see (status pages, metrics, dashboards), and the snapshots it
 * returns ({@link io.zkmon.core.MonitorStatus}, {@link io.zkmon.core.MonitorSummary},
 * {@link io.zkmon.core.PathStatus}, which only the monitor makes); {@link io.zkmon.core.MonitorListener};
 * {@link io.zkmon.core.ClusterView}; and the dispatcher hook, {@link io.zkmon.core.DispatcherDecorator} with
 * {@link io.zkmon.core.ForwardingDispatcher}. The watch engine and everything else that is not public here is an
 * implementation detail.
 *
 * <p>Sub-packages: {@code spec} (specs and the pure compliance evaluator), {@code config} (YAML config),
 * {@code alert} (the alerter SPI), {@code dispatch} (the dispatcher contract and the stores it uses), {@code time}
 * (the scheduler that time and threads come from).
 */
package io.zkmon.core;
