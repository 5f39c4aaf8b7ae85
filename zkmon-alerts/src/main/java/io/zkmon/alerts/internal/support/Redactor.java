package io.zkmon.alerts.internal.support;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps secrets out of what people see: replaces known secret values in text (a server's answer may echo them) and
 * reduces URLs to their origin ({@code https://host:port}), which never carries a token. Internal to zkmon-alerts.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /** Shorter values are not scrubbed: replacing every "ab" would garble text and hide nothing worth hiding. */
    private static final int MIN_SECRET_LENGTH = 4;

    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor that hides nothing. */
    public static Redactor none() {
        return NONE;
    }

    /** A redactor hiding these values (nulls and very short values are ignored) and their URL-encoded forms. */
    public static Redactor of(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && v.length() >= MIN_SECRET_LENGTH) {
                all.add(v);
                all.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        List<String> sorted = new ArrayList<>(all);
        // longest first, so a secret containing another is replaced whole
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted));
    }

    /** This redactor also hiding every part of a URL that may carry a token: user info, path and query. */
    public Redactor withSecretUrl(URI url) {
        if (url == null) {
            return this;
        }
        List<String> more = new ArrayList<>(secrets);
        more.add(url.toString());
        more.add(url.getRawUserInfo());
        more.add(url.getRawQuery());
        String path = url.getRawPath();
        if (path != null && path.length() > 1) {
            more.add(path);
        }
        return of(more);
    }

    /** The text with every secret replaced by {@link #MASK}; null stays null. */
    public String scrub(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /** {@code scheme://host[:port]} of a URL: safe to show, as a token never lives there. */
    public static String origin(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "http" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "?" : url.getHost();
        return scheme + "://" + host + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    /**
     * A short, single-line excerpt of a server's answer for a failure detail: whitespace collapsed, HTML pages
     * left out (they say nothing useful in a log line), at most {@code max} characters, secrets scrubbed.
     */
    public String excerpt(String body, int max) {
        if (body == null) {
            return "";
        }
        String t = body.strip().replaceAll("\\s+", " ");
        if (t.isEmpty() || t.startsWith("<")) {
            return "";
        }
        t = scrub(t);
        return t.length() <= max ? t : t.substring(0, Math.max(0, max - 3)) + "...";
    }

    @Override
    public String toString() {
        return "Redactor[" + secrets.size() + " values]";
    }
}
