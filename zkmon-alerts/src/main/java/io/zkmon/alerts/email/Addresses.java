package io.zkmon.alerts.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Parsing email addresses strictly, with reasons people can act on. */
final class Addresses {

    private Addresses() {
    }

    /**
     * One address: {@code ops@example.com} or {@code Ops <ops@example.com>}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static InternetAddress parse(String text) {
        String t = text.trim();
        try {
            InternetAddress a = new InternetAddress(t, true);
            a.validate();
            int at = a.getAddress().indexOf('@');
            if (at < 1 || at == a.getAddress().length() - 1) {
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
