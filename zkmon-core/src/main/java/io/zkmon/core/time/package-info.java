/**
 * Time and a single thread of execution, passed in so that tests can drive them by hand.
 *
 * <p>Public API: {@link io.zkmon.core.time.Scheduler} ({@code Scheduler.system(name)} for the real clock on a daemon
 * thread); give a monitor your own through {@code ZkMonitor.Builder.scheduler}.
 */
package io.zkmon.core.time;
