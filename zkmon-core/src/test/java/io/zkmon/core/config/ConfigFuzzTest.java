package io.zkmon.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.alert.LogAlerterProvider;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomized configs from a grammar of valid and broken YAML: loading either succeeds or throws {@link ConfigException}
 * whose every error names the file and a line and column inside it. Nothing else is ever thrown. Each run is
 * reproducible from its seed, which every failure prints.
 */
class ConfigFuzzTest {

    private static final int CASES_PER_SEED = 400;

    private final ConfigLoader loader = ConfigLoader.create(
            AlerterRegistry.of(List.of(new LogAlerterProvider(), new ConfigLoaderTest.MailProvider(), new ConfigLoaderTest.ChatProvider())),
            Map.of("HOME_DIR", "/home", "N", "2"));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20261125L, 7_777_777L, 123_456_789L})
    void onlyConfigErrorsWithALocationComeOut(long seed) {
        Random rnd = new Random(seed);
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < CASES_PER_SEED; i++) {
            String yaml = new Grammar(rnd).document();
            String label = "seed " + seed + ", case " + i + ":\n" + yaml;
            try {
                MonitorConfig c = loader.parse(yaml, "fuzz.yaml");
                assertThat(c.paths()).as(label).isNotEmpty();
                c.alerters().values().forEach(d -> d.alerter().close());
                valid++;
            } catch (ConfigException e) {
                invalid++;
                int lines = yaml.split("\n", -1).length + 1;
                assertThat(e.errors()).as(label).isNotEmpty().allSatisfy(err -> {
                    assertThat(err.file()).as(label).isEqualTo("fuzz.yaml");
                    assertThat(err.line()).as(label + "\n" + err).isBetween(1, lines);
                    assertThat(err.column()).as(label + "\n" + err).isPositive();
                    assertThat(err.message()).as(label).isNotBlank();
                });
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("unexpected " + e + " for " + label, e);
            }
        }
        // the grammar must exercise both sides, or this test proves nothing
        assertThat(valid).as("valid documents for seed " + seed).isGreaterThan(CASES_PER_SEED / 20);
        assertThat(invalid).as("invalid documents for seed " + seed).isGreaterThan(CASES_PER_SEED / 5);
    }

    /** Builds documents from pieces people write, some of them wrong. */
    private static final class Grammar {
        private static final String[] KEYS = {"children", "exists", "data", "data_max_age", "cancel_timeout", "repeat_interval",
            "alerter", "chidren", "cancel-timeout", "alerters", "", "min", "where"};
        private static final String[] SCALARS = {"1", "0", "-1", "3", "many", "true", "no", "~", "''", "\"\"", "10s", "5m",
            "1.5", "99999999999999999999", "${N}", "${MISSING}", "${MISSING:-4}", "[1, 2]", "{}", "{min: 2, max: 1}",
            "{min: 1, where: {json: {enabled: true}}}", "{regex: \"(\"}", "{json: {a.b: 1}}", "log", "[log, nope]",
            "{email: a@b.c}", "{email: []}", "{slack: {channel: x}}", "\"\\u0000\"", "ünï", "&a 1", "*a", "!!binary AAAA",
            "[", "{", "]", "'unclosed", "|\n    block", ">\n    folded"};
        private static final String[] PATHS = {"/a", "/services/foo/min_1", "/s/*/i", "/x/**", "a/b", "/a/", "//", "/a/../b",
            "/ü/ñ", "/p\u0001", "/", "/a b", "/a/x**"};

        private final Random rnd;

        Grammar(Random rnd) {
            this.rnd = rnd;
        }

        private String pick(String[] options) {
            return options[rnd.nextInt(options.length)];
        }

        String document() {
            return rnd.nextInt(3) == 0 ? validDocument() : anyDocument();
        }

        /** Only pieces that are right, in random combinations. */
        private String validDocument() {
            String[] paths = {"/a", "/services/foo/min_1", "/s/*/i", "/x/**", "/ü/ñ", "/b/c"};
            String[] rules = {"children: 1", "children: 0", "children: {min: 1, max: 3}", "exists: true", "cancel_timeout: 10",
                "cancel_timeout: 500ms", "repeat_interval: 1h", "data: {regex: \"^ok\"}", "data_max_age: 5m", "alerter: log",
                "alerter: {email: a@b.c}", "children: \"${N}\"", "children: {min: 2, where: {json: {enabled: true}}}"};
            StringBuilder sb = new StringBuilder();
            if (rnd.nextBoolean()) {
                sb.append("defaults:\n  cancel_timeout: 30s\n");
            }
            int n = 1 + rnd.nextInt(4);
            java.util.Set<String> used = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                String p = paths[rnd.nextInt(paths.length)];
                if (!used.add(p)) {
                    continue;
                }
                sb.append(p).append(":\n");
                java.util.Set<String> keys = new java.util.HashSet<>();
                for (int k = rnd.nextInt(3); k > 0; k--) {
                    String rule = rules[rnd.nextInt(rules.length)];
                    if (keys.add(rule.substring(0, rule.indexOf(':')))) {
                        sb.append("  ").append(rule).append('\n');
                    }
                }
            }
            return sb.toString();
        }

        private String anyDocument() {
            StringBuilder sb = new StringBuilder();
            int entries = 1 + rnd.nextInt(5);
            for (int i = 0; i < entries; i++) {
                switch (rnd.nextInt(9)) {
                    case 0 -> sb.append("defaults:\n").append(body("  "));
                    case 1 -> sb.append("alerters:\n  n").append(rnd.nextInt(3)).append(": {type: ")
                            .append(pick(new String[] {"email", "slack", "log", "pager", ""})).append(", to: x@y.z}\n");
                    case 2 -> sb.append("paths:\n  ").append(pick(PATHS)).append(":\n").append(body("    "));
                    case 3 -> sb.append(noise());
                    case 4 -> sb.append(pick(PATHS)).append(": ").append(pick(SCALARS)).append('\n');
                    default -> sb.append(pick(PATHS)).append(":\n").append(body("  "));
                }
            }
            String doc = sb.toString();
            if (rnd.nextInt(10) == 0) {
                doc = mutate(doc);
            }
            return doc;
        }

        private String body(String indent) {
            StringBuilder sb = new StringBuilder();
            int keys = rnd.nextInt(4);
            for (int k = 0; k < keys; k++) {
                String key = pick(KEYS);
                String value = pick(SCALARS);
                if (value.startsWith("|") || value.startsWith(">")) {
                    value = value.replace("\n", "\n" + indent);
                }
                sb.append(rnd.nextInt(15) == 0 ? indent.substring(0, indent.length() / 2) + "\t" : indent)
                        .append(key).append(": ").append(value).append('\n');
            }
            return sb.toString();
        }

        private String noise() {
            return switch (rnd.nextInt(8)) {
                case 0 -> "---\n";
                case 1 -> "- item\n";
                case 2 -> "? complex\n: key\n";
                case 3 -> "%YAML 1.2\n";
                case 4 -> "a: &x [*x]\n";
                case 5 -> "deep: " + "[".repeat(60) + "]".repeat(60) + "\n";
                case 6 -> "  misindented: 1\n";
                default -> "# just a comment\n";
            };
        }

        private String mutate(String doc) {
            if (doc.isEmpty()) {
                return "\u0000";
            }
            char[] c = doc.toCharArray();
            int at = rnd.nextInt(c.length);
            String specials = "{}[]:,'\"\t\n#&*!|>%@`\u00a0\ufeff";
            c[at] = specials.charAt(rnd.nextInt(specials.length()));
            return new String(c);
        }
    }
}
