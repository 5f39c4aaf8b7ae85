package io.zkmon.core;

import io.zkmon.core.dispatch.DispatcherStatus;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a monitor, built from memory.
 *
 * @param version     zkmon's version
 * @param connected   whether the ZooKeeper session is connected
 * @param primed      whether every path has been read since the last (re)connect
 * @param since       when the connection state last changed
 * @param paths       every watched path, sorted by path (a view: each path's status is read when it is accessed,
 *                    nothing is copied)
 * @param dispatcher  the dispatcher's state
 */
public record MonitorStatus(String version, boolean connected, boolean primed, Instant since, List<PathStatus> paths,
                            DispatcherStatus dispatcher) {
}
