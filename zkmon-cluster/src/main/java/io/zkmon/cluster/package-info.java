/**
 * Running several zkmon agents as one cluster through ZooKeeper: every agent registers and watches, exactly one (the
 * holder of the alerting lock) sends, and alert state and silences are shared so that a new sender continues where
 * the old one stopped. How it works and its znode layout: {@code docs/cluster.md}.
 *
 * <p>Public API: {@link io.zkmon.cluster.ZkCluster} and its builder, nothing else. A membership hands the monitor
 * what it needs through core's interfaces ({@code SendPermission}, {@code AlertStateStore}, {@code SilenceStore},
 * {@code ClusterView}); its implementations are package-private.
 */
package io.zkmon.cluster;
