package io.zkmon.alerts.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/** Parsing email addresses strictly, with reasons people can act on. */
final class Addresses {

    /** A local part alone ({@code root}, {@code ops-team}): what an MTA completes with its own domain. */
    private static final java.util.regex.Pattern LOCAL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._%+-]+");

    private Addresses() {
    }

    /** True when an address has no domain ({@code root}). */
    static boolean isLocal(InternetAddress a) {
        return a.getAddress().indexOf('@') < 0;
    }

    /**
     * The addresses in one written value: the old daemon split a string on commas and spaces, so
     * {@code "a@x.com b@x.com"} is two addresses; a part with a display name ({@code Ops Team <ops@x.com>}) or quotes
     * is kept whole.
     */
    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.contains("<") || p.contains("\"")) {
                out.add(p);
            } else {
                for (String word : p.split("\\s+")) {
                    if (!word.isEmpty()) {
                        out.add(word);
                    }
                }
            }
        }
        return out;
    }

    /**
     * One address: {@code ops@example.com} or {@code Ops <ops@example.com>}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static InternetAddress parse(String text) {
        return parse(text, false);
    }

    /**
     * One address; with {@code allowLocal}, also a bare local name ({@code root}) that the SMTP server completes with
     * its own domain, as the old daemon's mails were.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static InternetAddress parse(String text, boolean allowLocal) {
        String t = text.trim();
        if (LOCAL_NAME.matcher(t).matches()) {
            if (!allowLocal) {
                throw new IllegalArgumentException("no domain; write it in full, like " + t + "@example.com; only a file in the old"
                        + " daemon's form, /path: keys alone, takes a bare name for the SMTP server to complete");
            }
            InternetAddress local = new InternetAddress();
            local.setAddress(t);
            return local;
        }
        try {
            InternetAddress a = new InternetAddress(t, true);
            a.validate();
            int at = a.getAddress().indexOf('@');
            boolean local = at < 0 && !a.getAddress().isEmpty();
            if (!(local && allowLocal) && (at < 1 || at == a.getAddress().length() - 1)) {
                throw new IllegalArgumentException("an address needs a name and a domain, like ops@example.com");
            }
            return a;
        } catch (AddressException e) {
            String why = e.getMessage() == null ? "malformed" : e.getMessage();
            int in = why.indexOf(" in string");
            throw new IllegalArgumentException((in > 0 ? why.substring(0, in) : why).toLowerCase(java.util.Locale.ROOT), e);
        }
    }
}
