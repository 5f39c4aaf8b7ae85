package io.zkmon.http;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of the latest config load or reload, for {@code zkmon_config_last_reload_success} and
 * {@code zkmon_config_last_reload_timestamp_seconds}. Whoever (re)loads the config reports here (the daemon's
 * reloader does); hand it to {@link HttpServer.Builder#configReloads} or {@link ZkmonCollector.Builder#configReloads}.
 * Without one, those series are not exported. Thread-safe.
 *
 * <pre>{@code
 * ConfigReloads reloads = ConfigReloads.loadedAt(Instant.now());   // the config the monitor started with
 * ...
 * try {
 *     monitor.reload(load(file));
 *     reloads.succeeded(Instant.now());
 * } catch (ConfigException e) {
 *     reloads.failed(Instant.now());
 * }
 * }</pre>
 */
public final class ConfigReloads {

    /**
     * One (re)load.
     *
     * @param success whether the config was loaded and is in use
     * @param at      when it was tried
     */
    public record Outcome(boolean success, Instant at) {

        public Outcome {
            Objects.requireNonNull(at, "at");
        }
    }

    private volatile Outcome last;

    private ConfigReloads(Outcome first) {
        this.last = first;
    }

    /** Reloads of a config first loaded successfully at {@code at}. */
    public static ConfigReloads loadedAt(Instant at) {
        return new ConfigReloads(new Outcome(true, at));
    }

    /** A (re)load at {@code at} succeeded: its config is in use. */
    public void succeeded(Instant at) {
        last = new Outcome(true, at);
    }

    /** A (re)load at {@code at} failed: the previous config stays in use. */
    public void failed(Instant at) {
        last = new Outcome(false, at);
    }

    /** The latest (re)load: the first load until there is a reload. */
    public Outcome last() {
        return last;
    }
}
