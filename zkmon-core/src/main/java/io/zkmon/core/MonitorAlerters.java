package io.zkmon.core;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.spec.PathSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A monitor's alerters: those of its config, which change with each reload, and those given in code to the builder,
 * which stay. Answers what the dispatcher and the heartbeats need of them for a config, and closes the config's
 * alerters a reload dropped.
 */
final class MonitorAlerters {

    private static final Logger LOG = LoggerFactory.getLogger(ZkMonitorImpl.class);

    private final Map<String, Alerter> inCode;

    MonitorAlerters(Map<String, Alerter> inCode) {
        this.inCode = Map.copyOf(inCode);
    }

    /** Refuses a config with a path whose alerter is neither in it nor given in code. */
    void check(MonitorConfig cfg) {
        for (PathSpec s : cfg.paths()) {
            for (String id : s.alerters()) {
                if (!cfg.alerters().containsKey(id) && !inCode.containsKey(id)) {
                    List<String> known = new ArrayList<>(cfg.alerters().keySet());
                    known.addAll(inCode.keySet());
                    throw new IllegalStateException("path " + s.path() + " refers to alerter '" + id + "', which is not defined; known: " + known);
                }
            }
        }
    }

    /** Every alerter by id: the config's, then those given in code. */
    Map<String, AlerterDefinition> all(MonitorConfig cfg) {
        Map<String, AlerterDefinition> all = new LinkedHashMap<>(cfg.alerters());
        inCode.forEach((id, a) -> all.put(id, new AlerterDefinition(id, id, "code", a, null)));
        return all;
    }

    /** The alerters that take heartbeats: from config, each destination once, and those given in code. */
    Map<String, Alerter> heartbeats(MonitorConfig cfg) {
        Map<String, Alerter> out = new LinkedHashMap<>();
        cfg.heartbeatAlerters().forEach(id -> out.put(id, cfg.alerters().get(id).alerter()));
        inCode.forEach((id, a) -> {
            if (a.heartbeatInterval().compareTo(Duration.ZERO) > 0) {
                out.put(id, a);
            }
        });
        return out;
    }

    /** Each alerter's id and display name. */
    Map<String, String> names(MonitorConfig cfg) {
        Map<String, String> names = new LinkedHashMap<>();
        all(cfg).forEach((id, d) -> names.put(id, d.name()));
        return names;
    }

    /** Closes the alerters of {@code old} that {@code next} no longer uses; one that fails to close is logged. */
    static void closeDropped(MonitorConfig old, MonitorConfig next) {
        Map<Alerter, Boolean> keep = new IdentityHashMap<>();
        next.alerters().values().forEach(d -> keep.put(d.alerter(), true));
        for (AlerterDefinition d : old.alerters().values()) {
            if (!keep.containsKey(d.alerter())) {
                try {
                    d.alerter().close();
                } catch (RuntimeException e) {
                    LOG.warn("Alerter {} failed to close: {}", d.name(), e.getClass().getSimpleName());
                }
            }
        }
    }
}
