package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.DataJsonRule;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.DataRegexRule;
import io.zkmon.core.spec.ExistsRule;
import io.zkmon.core.spec.JsonMatcher;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpecJsonTest {

    @Test
    void writesRulesInTheConfigsWordsAndAlertersByName() throws IOException {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("enabled", true);
        where.put("payload.zone", "eu-1");
        where.put("weight", 2);
        PathSpec spec = PathSpec.builder("/services/api")
                .rule(new ChildrenRule(2, 10, new JsonMatcher(where)))
                .rule(new ExistsRule(true))
                .rule(new DataRegexRule(Pattern.compile("^ok$")))
                .rule(new DataJsonRule(new JsonMatcher(Map.of("state", "up"))))
                .rule(new DataMaxAgeRule(Duration.ofMinutes(5)))
                .cancelTimeout(Duration.ofSeconds(30))
                .repeatInterval(Duration.ofHours(1))
                .alerters("oncall", "/services/api#email")
                .severity(Severity.CRITICAL)
                .label("team", "payments")
                .label("service", "api")
                .annotation("runbook_url", "https://wiki.example.com/api")
                .build();
        JsonNode doc = write(spec, Map.of("oncall", "pagerduty-oncall"));

        assertThat(doc).isEqualTo(Api.JSON.readTree("""
                {"path": "/services/api",
                 "rules": [
                   {"type": "children", "min": 2, "max": 10, "where": {"enabled": true, "payload.zone": "eu-1", "weight": 2}},
                   {"type": "exists", "exists": true},
                   {"type": "data_regex", "pattern": "^ok$"},
                   {"type": "data_json", "json": {"state": "up"}},
                   {"type": "data_max_age", "max_age": "5m"}],
                 "cancel_timeout": "30s",
                 "repeat_interval": "1h",
                 "alerters": ["pagerduty-oncall", "/services/api#email"],
                 "severity": "critical",
                 "labels": {"service": "api", "team": "payments"},
                 "annotations": {"runbook_url": "https://wiki.example.com/api"}}
                """));
    }

    @Test
    void writesNoMaximumAndNoRepeatAsNull() throws IOException {
        JsonNode doc = write(PathSpec.builder("/a").minChildren(1).build(), Map.of());

        assertThat(doc.at("/rules/0/max").isNull()).isTrue();
        assertThat(doc.get("repeat_interval").isNull()).isTrue();
        assertThat(doc.get("cancel_timeout").asText()).isEqualTo("0s");
        assertThat(doc.get("severity").asText()).isEqualTo("warning");
        assertThat(doc.get("labels").isEmpty()).isTrue();
        assertThat(doc.get("annotations").isEmpty()).isTrue();
    }

    private static JsonNode write(PathSpec spec, Map<String, String> alerterNames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Responses.JSON.createGenerator(out)) {
            SpecJson.write(g, spec, alerterNames);
        }
        return Api.JSON.readTree(out.toByteArray());
    }
}
