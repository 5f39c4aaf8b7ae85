package io.zkmon.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every rule, evaluated as a pure function of a spec, a snapshot and a time. */
class ComplianceEvaluatorTest {

    private static final long NOW = 1_800_000_000_000L;

    private static Compliance eval(List<Rule> rules, NodeSnapshot node) {
        return ComplianceEvaluator.evaluate(new PathSpec("/p", rules, Duration.ZERO, Duration.ZERO, List.of()), node, NOW);
    }

    private static NodeSnapshot withData(String data, long mtime) {
        return NodeSnapshot.of(new String[0], -1, data.getBytes(StandardCharsets.UTF_8), mtime);
    }

    @Test
    void countsChildrenWithTheSeedsWording() {
        assertThat(eval(List.of(ChildrenRule.atLeast(3)), NodeSnapshot.withChildren("a", "b")))
                .isEqualTo(Compliance.error("Found children (2) less than minimum (3)"));
        assertThat(eval(List.of(ChildrenRule.atLeast(2)), NodeSnapshot.withChildren("a", "b"))).isEqualTo(Compliance.OK);
        assertThat(eval(List.of(new ChildrenRule(0, 1, null)), NodeSnapshot.withChildren("a", "b")))
                .isEqualTo(Compliance.error("Found children (2) more than maximum (1)"));
    }

    @Test
    void aMissingNodeHasNoChildrenAsInTheSeed() {
        assertThat(eval(List.of(ChildrenRule.atLeast(1)), NodeSnapshot.missing()))
                .isEqualTo(Compliance.error("Found children (0) less than minimum (1)"));
        assertThat(eval(List.of(ChildrenRule.atLeast(0)), NodeSnapshot.missing())).isEqualTo(Compliance.OK);
    }

    @Test
    void countsOnlyMatchingChildrenWhenFiltered() {
        ChildrenRule rule = new ChildrenRule(2, -1, new JsonMatcher(Map.of("enabled", true)));
        NodeSnapshot node = NodeSnapshot.of(new String[] {"a", "b", "c"}, 1, null, 0);
        assertThat(eval(List.of(rule), node)).isEqualTo(Compliance.error("Found matching children (1 of 3) less than minimum (2)"));
    }

    @Test
    void checksExistence() {
        assertThat(eval(List.of(new ExistsRule(true)), NodeSnapshot.missing())).isEqualTo(Compliance.error("Node does not exist"));
        assertThat(eval(List.of(new ExistsRule(false)), NodeSnapshot.withChildren())).isEqualTo(Compliance.error("Node exists but should not"));
        assertThat(eval(List.of(new ExistsRule(false)), NodeSnapshot.missing())).isEqualTo(Compliance.OK);
    }

    @Test
    void aPathWithoutRulesIsInSpecWhileItExists() {
        assertThat(eval(List.of(), NodeSnapshot.withChildren())).isEqualTo(Compliance.OK);
        assertThat(eval(List.of(), NodeSnapshot.missing())).isEqualTo(Compliance.error("Node does not exist"));
    }

    @Test
    void matchesDataWithARegex() {
        Rule rule = new DataRegexRule(Pattern.compile("^leader=\\w+$"));
        assertThat(eval(List.of(rule), withData("leader=n1", 0))).isEqualTo(Compliance.OK);
        assertThat(eval(List.of(rule), withData("none", 0))).isEqualTo(Compliance.error("Data does not match /^leader=\\w+$/"));
    }

    @Test
    void matchesJsonFieldsByDottedPath() {
        Rule rule = new DataJsonRule(new JsonMatcher(Map.of("state", "active", "owner.port", 8080L)));
        assertThat(eval(List.of(rule), withData("{\"state\":\"active\",\"owner\":{\"port\":8080.0}}", 0))).isEqualTo(Compliance.OK);
        assertThat(eval(List.of(rule), withData("{\"state\":\"active\",\"owner\":{\"port\":9090}}", 0)).message())
                .isEqualTo("Data field 'owner.port' is 9090, expected 8080");
        assertThat(eval(List.of(rule), withData("not json", 0)).message()).isEqualTo("Data is not a JSON object");
    }

    @Test
    void checksTheAgeOfTheData() {
        Rule rule = new DataMaxAgeRule(Duration.ofMinutes(10));
        assertThat(eval(List.of(rule), withData("x", NOW - Duration.ofMinutes(9).toMillis()))).isEqualTo(Compliance.OK);
        assertThat(eval(List.of(rule), withData("x", NOW - Duration.ofMinutes(14).toMillis())))
                .isEqualTo(Compliance.error("Data is 14m old, older than 10m"));
    }

    @Test
    void namesEveryViolatedRuleOnce() {
        List<Rule> rules = List.of(new ExistsRule(true), ChildrenRule.atLeast(1), new DataRegexRule(Pattern.compile("x")));
        assertThat(eval(rules, NodeSnapshot.missing()).message())
                .isEqualTo("Node does not exist; Found children (0) less than minimum (1)");
    }

    @Test
    void isPure() {
        List<Rule> rules = List.of(ChildrenRule.atLeast(3), new DataMaxAgeRule(Duration.ofSeconds(1)));
        NodeSnapshot node = NodeSnapshot.of(new String[] {"a"}, -1, new byte[0], NOW);
        assertThat(eval(rules, node)).isEqualTo(eval(rules, node));
    }

    /** The classic catastrophic patterns: a backtracking engine runs for hours on 40 bytes of this. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aCatastrophicRegexOverCraftedDataAnswersInLinearTime() {
        String crafted = "a".repeat(40) + "!";
        assertThat(eval(List.of(DataRegexRule.of("^(.*a){20}$")), withData(crafted, 0)).message())
                .isEqualTo("Data does not match /^(.*a){20}$/");
        assertThat(eval(List.of(DataRegexRule.of("^(a+)+$")), withData(crafted, 0)).state()).isEqualTo(State.ERROR);
        assertThat(eval(List.of(DataRegexRule.of("^(a|aa)+$")), withData(crafted, 0)).state()).isEqualTo(State.ERROR);
        assertThat(eval(List.of(DataRegexRule.of("^(.*a){20}$")), withData("a".repeat(40), 0))).isEqualTo(Compliance.OK);
    }

    @Test
    void aRegexThatCannotRunInLinearTimeIsRefusedWhenMade() {
        assertThatThrownBy(() -> DataRegexRule.of("^(a+)\\1$")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no backreferences");
        assertThatThrownBy(() -> DataRegexRule.of("^(?=x)")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DataRegexRule.of("(?i)^LEADER").equals(DataRegexRule.of("(?i)^LEADER"))).isTrue();
        assertThat(eval(List.of(new DataRegexRule(Pattern.compile("^leader", Pattern.CASE_INSENSITIVE))), withData("LEADER=1", 0)))
                .isEqualTo(Compliance.OK);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aMatchThatRunsOutOfTimeIsUnknownNotOutOfSpec() {
        String huge = "a".repeat(1024 * 1024);
        Compliance c = eval(List.of(DataRegexRule.of("^(.*a){20}b$")), withData(huge, 0));
        assertThat(c.state()).isEqualTo(State.UNKNOWN);
        assertThat(c.message()).startsWith("Data regex /^(.*a){20}b$/ did not finish within 250 ms on 1048576 bytes of data");
    }

    @Test
    void messagesAreCutAtOneKibibyteWithAnEllipsis() {
        String value = "x".repeat(900 * 1024);
        Rule rule = new DataJsonRule(new JsonMatcher(Map.of("state", "active")));
        Compliance c = eval(List.of(rule, DataRegexRule.of("^never$")), withData("{\"state\": \"" + value + "\"}", 0));
        assertThat(c.message()).startsWith("Data field 'state' is \"xxx").contains("\u2026, expected \"active\"; Data does not match /^never$/");
        assertThat(c.message().length()).isLessThanOrEqualTo(Compliance.MAX_MESSAGE);
        String longer = Compliance.error("y".repeat(5_000)).message();
        assertThat(longer).hasSize(Compliance.MAX_MESSAGE).endsWith("y\u2026");
    }
}
