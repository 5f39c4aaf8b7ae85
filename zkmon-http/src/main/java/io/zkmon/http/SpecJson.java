package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.DataJsonRule;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.DataRegexRule;
import io.zkmon.core.spec.Durations;
import io.zkmon.core.spec.ExistsRule;
import io.zkmon.core.spec.JsonMatcher;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Rule;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a path's spec: its rules in the words of the YAML config, durations, the display names of its alerters,
 * its severity, labels and annotations. Alerter settings (addresses, tokens, passwords) are never written.
 */
final class SpecJson {

    private SpecJson() {
    }

    static void write(JsonGenerator g, PathSpec spec, Map<String, String> alerterNames) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", spec.path());
        g.writeArrayFieldStart("rules");
        for (Rule r : spec.rules()) {
            rule(g, r);
        }
        g.writeEndArray();
        g.writeStringField("cancel_timeout", Durations.format(spec.cancelTimeout()));
        if (spec.repeatInterval().isZero()) {
            g.writeNullField("repeat_interval");
        } else {
            g.writeStringField("repeat_interval", Durations.format(spec.repeatInterval()));
        }
        g.writeArrayFieldStart("alerters");
        for (String id : spec.alerters()) {
            g.writeString(alerterNames.getOrDefault(id, id));
        }
        g.writeEndArray();
        g.writeStringField("severity", spec.severity().label());
        stringMap(g, "labels", spec.labels());
        stringMap(g, "annotations", spec.annotations());
        g.writeEndObject();
    }

    private static void stringMap(JsonGenerator g, String field, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : m.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    static void rule(JsonGenerator g, Rule rule) throws IOException {
        g.writeStartObject();
        if (rule instanceof ChildrenRule c) {
            g.writeStringField("type", "children");
            g.writeNumberField("min", c.min());
            if (c.max() >= 0) {
                g.writeNumberField("max", c.max());
            } else {
                g.writeNullField("max");
            }
            if (c.where() != null) {
                g.writeFieldName("where");
                matcher(g, c.where());
            }
        } else if (rule instanceof ExistsRule e) {
            g.writeStringField("type", "exists");
            g.writeBooleanField("exists", e.exists());
        } else if (rule instanceof DataRegexRule d) {
            g.writeStringField("type", "data_regex");
            g.writeStringField("pattern", d.pattern().pattern());
        } else if (rule instanceof DataJsonRule d) {
            g.writeStringField("type", "data_json");
            g.writeFieldName("json");
            matcher(g, d.matcher());
        } else if (rule instanceof DataMaxAgeRule d) {
            g.writeStringField("type", "data_max_age");
            g.writeStringField("max_age", Durations.format(d.maxAge()));
        } else {
            g.writeStringField("type", rule.getClass().getSimpleName());
        }
        g.writeEndObject();
    }

    private static void matcher(JsonGenerator g, JsonMatcher m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : m.expected().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                g.writeNullField(e.getKey());
            } else if (v instanceof Boolean b) {
                g.writeBooleanField(e.getKey(), b);
            } else if (v instanceof Number n && !(n instanceof Double d && !Double.isFinite(d))) {
                g.writeFieldName(e.getKey());
                g.writeNumber(n.toString());
            } else {
                g.writeStringField(e.getKey(), v.toString());
            }
        }
        g.writeEndObject();
    }
}
