package io.zkmon.core.alert;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import com.samskivert.mustache.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text made from a {@link Notification} by a small logic-less template (Mustache): {@code {{path}} is in the
 * {{state}} state.} The variables are {@link TemplateVariables#NAMES}; {@code {{#firing}}...{{/firing}}} and
 * {@code {{^firing}}...{{/firing}}} show text only when a value is (not) there, and iterate over lists.
 *
 * <p>Every {@code {{variable}}} is passed through the template's escaper, chosen by the backend for where the text
 * goes (JSON string content for a webhook body, Slack's control characters, nothing for a mail body);
 * {@code {{{variable}}}} inserts the value as it is. Unknown variables, partials ({@code {{> name}}}) and unbalanced
 * sections are refused when the template is compiled, so a template that compiled renders every notification.
 * Immutable and thread-safe.
 */
public final class MessageTemplate {

    /** The preset every backend speaks unless told otherwise. */
    public static final String DEFAULT_PRESET = "zkmon";

    /** The preset that speaks like the old {@code zk_monitor} daemon. */
    public static final String SEED_PRESET = "seed";

    /** Every preset name, the default first. */
    public static final List<String> PRESETS = List.of(DEFAULT_PRESET, SEED_PRESET);

    /** Inserts values as they are. */
    public static final UnaryOperator<String> PLAIN = s -> s;

    /** Escapes values as the content of a JSON string (quotes, backslashes, control characters). */
    public static final UnaryOperator<String> JSON_STRING = MessageTemplate::jsonEscape;

    private static final Pattern PARSE_LINE = Pattern.compile("\\s*@ line (\\d+)\\s*$");

    private final String source;
    private final Template template;

    private MessageTemplate(String source, Template template) {
        this.source = source;
        this.template = template;
    }

    /**
     * Compiles a template.
     *
     * @param source the Mustache text
     * @param escape applied to every value a {@code {{variable}}} inserts
     * @throws SyntaxError naming the line and column (1-based, within {@code source}) of the first problem
     */
    public static MessageTemplate compile(String source, UnaryOperator<String> escape) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(escape, "escape");
        Template t;
        try {
            t = Mustache.compiler()
                    .withEscaper(escape::apply)
                    .defaultValue("")
                    .emptyStringIsFalse(true)
                    .compile(source);
        } catch (MustacheParseException e) {
            String msg = e.getMessage() == null ? "invalid template" : e.getMessage();
            Matcher m = PARSE_LINE.matcher(msg);
            int line = 1;
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
                msg = msg.substring(0, m.start());
            }
            throw new SyntaxError(lowerFirst(msg), line, firstTagColumn(source, line));
        } catch (MustacheException e) {
            throw new SyntaxError(e.getMessage() == null ? "invalid template" : lowerFirst(e.getMessage()), 1, 1);
        }
        check(source, t);
        return new MessageTemplate(source, t);
    }

    /** Unknown variables and partials, found by walking the compiled template. */
    private static void check(String source, Template t) {
        List<String> unknown = new ArrayList<>();
        Set<String> partials = new LinkedHashSet<>();
        t.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                if (!TemplateVariables.isKnown(name)) {
                    unknown.add(name);
                }
            }

            @Override
            public boolean visitInclude(String name) {
                partials.add(name);
                return false;
            }

            @Override
            public boolean visitParent(String name) {
                partials.add(name);
                return false;
            }

            @Override
            public boolean visitBlock(String name) {
                partials.add(name);
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                visitVariable(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                visitVariable(name);
                return true;
            }
        });
        if (!partials.isEmpty()) {
            String name = partials.iterator().next();
            int[] at = locate(source, name);
            throw new SyntaxError("partials and blocks ({{> " + name + "}}) are not supported; write the text in the template", at[0], at[1]);
        }
        if (!unknown.isEmpty()) {
            String name = unknown.get(0);
            int[] at = locate(source, name);
            String hint = TemplateVariables.nearest(name);
            throw new SyntaxError("unknown variable '" + name + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?")
                    + (hint == null ? "; variables: " + String.join(", ", TemplateVariables.NAMES) : ""), at[0], at[1]);
        }
    }

    /**
     * Renders the template for a notification.
     *
     * @throws IllegalStateException only for a bug of ours: a compiled template renders every notification
     */
    public String render(Notification n) {
        try {
            return template.execute(TemplateVariables.of(n));
        } catch (MustacheException e) {
            throw new IllegalStateException("template could not render: " + e.getMessage(), e);
        }
    }

    /** The template's text as written. */
    public String source() {
        return source;
    }

    /**
     * Notifications with every field filled, values full of quotes, backslashes, line breaks and markup, firing,
     * resolved, a reminder and one of zkmon's own alerts: render a template over them at load time to prove that
     * what it makes is valid for its backend (JSON, one header line).
     */
    public static List<Notification> samples() {
        return TemplateVariables.SAMPLES;
    }

    @Override
    public String toString() {
        return "MessageTemplate[" + source + "]";
    }

    // ---- helpers ----

    /** JSON string content: the characters RFC 8259 requires to be escaped, plus the line separators JavaScript minds. */
    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The column of the first {@code {{} on a line of the source, else 1. */
    private static int firstTagColumn(String source, int line) {
        String[] lines = source.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return 1;
        }
        int i = lines[line - 1].indexOf("{{");
        return i < 0 ? 1 : i + 1;
    }

    /** Line and column of the first tag naming {@code name}, else 1:1. */
    private static int[] locate(String source, String name) {
        Matcher m = Pattern.compile("\\{\\{\\{?\\s*[#^/&>$<]?\\s*" + Pattern.quote(name) + "\\s*}?}}").matcher(source);
        if (!m.find()) {
            return new int[] {1, 1};
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < m.start(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, m.start() - lineStart + 1};
    }

    /** A template that cannot be compiled, located within its own text. */
    public static final class SyntaxError extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final int line;
        private final int column;

        /**
         * @param message what is wrong
         * @param line    1-based line within the template
         * @param column  1-based column within that line
         */
        public SyntaxError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        /** 1-based line within the template. */
        public int line() {
            return line;
        }

        /** 1-based column within the line. */
        public int column() {
            return column;
        }
    }
}
