package io.zkmon.core.config;

import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.ExistsRule;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The settings of one path (or of {@code defaults:}) as parsed; null fields were not given. */
final class SpecDraft {
    ChildrenRule children;
    Boolean exists;
    List<Rule> data;
    Duration maxAge;
    Duration cancelTimeout;
    Duration repeatInterval;
    List<String> alerters;

    /** This draft with every field it lacks taken from {@code defaults}. */
    SpecDraft over(SpecDraft defaults) {
        SpecDraft d = new SpecDraft();
        d.children = children != null ? children : defaults.children;
        d.exists = exists != null ? exists : defaults.exists;
        d.data = data != null ? data : defaults.data;
        d.maxAge = maxAge != null ? maxAge : defaults.maxAge;
        d.cancelTimeout = cancelTimeout != null ? cancelTimeout : defaults.cancelTimeout;
        d.repeatInterval = repeatInterval != null ? repeatInterval : defaults.repeatInterval;
        d.alerters = alerters != null ? alerters : defaults.alerters;
        return d;
    }

    PathSpec toSpec(String path) {
        List<Rule> rules = new ArrayList<>();
        if (exists != null) {
            rules.add(new ExistsRule(exists));
        }
        if (children != null) {
            rules.add(children);
        }
        if (data != null) {
            rules.addAll(data);
        }
        if (maxAge != null) {
            rules.add(new DataMaxAgeRule(maxAge));
        }
        return new PathSpec(path, rules,
                cancelTimeout == null ? Duration.ZERO : cancelTimeout,
                repeatInterval == null ? Duration.ZERO : repeatInterval,
                alerters == null ? List.of() : alerters);
    }
}
