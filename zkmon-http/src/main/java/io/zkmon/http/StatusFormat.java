package io.zkmon.http;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shapes {@code GET /status} can answer in: {@code /status?format=...} picks one per request;
 * {@link HttpServer.Builder#statusFormat} (the daemon's {@code --status_format}) sets the one served without it.
 */
public enum StatusFormat {

    /**
     * zkmon's: the old daemon's documented shape ({@code monitor.compliance[path]} is {@code true} or what is wrong)
     * plus zkmon's additions (per-path states, the ZooKeeper server, the cluster, self-alerts). The default.
     */
    ZKMON("zkmon"),

    /**
     * What the last release of the old {@code zk_monitor} daemon (0.1) served, and nothing more: sorted keys,
     * indented by four spaces, {@code monitor.compliance[path] = {"state": "OK|Error|Unknown", "message": ...}} and
     * {@code dispatcher: {alerters, alerting, name}}, as {@code text/json}. For scripts written against that daemon.
     */
    ZK_MONITOR_0_1("zk_monitor-0.1");

    private final String id;

    StatusFormat(String id) {
        this.id = id;
    }

    /** The name used in {@code ?format=} and {@code --status_format}. */
    public String id() {
        return id;
    }

    /**
     * The format named {@code id}.
     *
     * @throws IllegalArgumentException naming the valid ones when there is no such format
     */
    public static StatusFormat of(String id) {
        for (StatusFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown status format '" + Responses.echo(id) + "'; use " + valid());
    }

    /** The valid names, for messages: {@code zkmon or zk_monitor-0.1}. */
    public static String valid() {
        return Arrays.stream(values()).map(StatusFormat::id).collect(Collectors.joining(" or "));
    }
}
