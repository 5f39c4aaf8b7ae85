package io.zkmon.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Expected values of fields in JSON data, addressed by dotted paths ({@code payload.zone}).
 * A field matches when its JSON value equals the expected string, boolean, number or null.
 * Used by {@code data: {json: ...}} and by {@code children: {where: {json: ...}}}, e.g. to count only
 * Curator ServiceDiscovery instances with {@code enabled: true}.
 */
public final class JsonMatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most of a field's actual value a mismatch quotes, in characters. */
    static final int QUOTED_VALUE = 200;

    private final Map<String, Object> expected;

    /**
     * @param expected dotted field path to expected value (String, Boolean, Number or null)
     */
    public JsonMatcher(Map<String, Object> expected) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("a JSON matcher needs at least one field");
        }
        for (Object v : expected.values()) {
            if (v != null && !(v instanceof String) && !(v instanceof Boolean) && !(v instanceof Number)) {
                throw new IllegalArgumentException("expected values must be strings, booleans, numbers or null");
            }
        }
        this.expected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
    }

    /** The expected fields. */
    public Map<String, Object> expected() {
        return expected;
    }

    /** True when the data is JSON and every expected field has its value. */
    public boolean matches(byte[] data) {
        return mismatch(data) == null;
    }

    /** Null when the data matches, else what differs ({@code field 'a.b' is "x", expected "y"}). */
    public String mismatch(byte[] data) {
        JsonNode root;
        try {
            root = data == null || data.length == 0 ? null : JSON.readTree(data);
        } catch (JsonProcessingException e) {
            root = null;
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isContainerNode()) {
            return "is not a JSON object";
        }
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            JsonNode actual = find(root, e.getKey());
            if (!equal(actual, e.getValue())) {
                // the value may be a whole document of someone else's making: quote only its start
                return "field '" + e.getKey() + "' is " + (actual == null || actual.isMissingNode() ? "missing"
                        : Compliance.bounded(actual.toString(), QUOTED_VALUE)) + ", expected " + render(e.getValue());
            }
        }
        return null;
    }

    private static JsonNode find(JsonNode root, String dotted) {
        JsonNode node = root;
        for (String part : dotted.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    private static boolean equal(JsonNode actual, Object expected) {
        if (expected == null) {
            return actual != null && actual.isNull();
        }
        if (actual == null) {
            return false;
        }
        if (expected instanceof Boolean b) {
            return actual.isBoolean() && actual.booleanValue() == b;
        }
        if (expected instanceof Number n) {
            return actual.isNumber() && actual.decimalValue().compareTo(new BigDecimal(n.toString())) == 0;
        }
        return actual.isTextual() && actual.textValue().equals(expected);
    }

    private static String render(Object v) {
        return v instanceof String s ? '"' + s + '"' : String.valueOf(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonMatcher m && m.expected.equals(expected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expected);
    }

    @Override
    public String toString() {
        return "json" + expected;
    }
}
