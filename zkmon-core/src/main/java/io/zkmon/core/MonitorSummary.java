package io.zkmon.core;

import java.time.Instant;

/**
 * Counts without the paths: what a health probe, a metrics scrape or a dashboard header needs, at a cost that does
 * not grow with the number of paths.
 *
 * @param connected whether the ZooKeeper session is connected
 * @param primed    whether every path has been read since the last (re)connect
 * @param since     when the connection state last changed
 * @param paths     watched paths
 * @param ok        paths in spec
 * @param error     paths out of spec
 * @param unknown   paths with no information
 */
public record MonitorSummary(boolean connected, boolean primed, Instant since, int paths, int ok, int error, int unknown) {
}
