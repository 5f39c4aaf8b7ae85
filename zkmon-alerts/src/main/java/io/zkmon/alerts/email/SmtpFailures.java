package io.zkmon.alerts.email;

import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.SendResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Whether an SMTP failure is worth retrying: the server unreachable, a dropped connection, a TLS problem or a 4xx
 * reply are retryable; a refused login, a 5xx reply and a server without the STARTTLS that config requires are
 * permanent. Details name the server and quote its reply with secrets scrubbed.
 */
final class SmtpFailures {

    private static final int EXCERPT = 160;

    private SmtpFailures() {
    }

    /** A failure that concerns the whole conversation (connecting, TLS, login). */
    static SendResult connection(MessagingException e, String server, Redactor redactor) {
        if (e instanceof AuthenticationFailedException) {
            return SendResult.permanent("the SMTP server " + server + " refused the login" + reply(e, redactor) + " (check username and password)");
        }
        if (e instanceof MailConnectException || has(e, java.net.ConnectException.class)) {
            return SendResult.retryable("could not connect to the SMTP server " + server);
        }
        if (has(e, CertificateException.class)) {
            return SendResult.retryable("the TLS certificate of the SMTP server " + server
                    + " is not trusted (add its CA to the JVM's trust store)");
        }
        if (has(e, SSLException.class)) {
            return SendResult.retryable("TLS handshake with the SMTP server " + server + " failed");
        }
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (msg.contains("STARTTLS is required")) {
            return SendResult.permanent("the SMTP server " + server + " does not offer STARTTLS, which 'starttls: true' requires");
        }
        Integer code = code(e);
        if (code != null) {
            return byCode(code, "the SMTP server " + server + " answered" + reply(e, redactor));
        }
        if (has(e, IOException.class)) {
            return SendResult.retryable("lost the connection to the SMTP server " + server + " (" + root(e).getClass().getSimpleName() + ")");
        }
        return SendResult.retryable("SMTP error with " + server + reply(e, redactor));
    }

    /**
     * A failure sending to one recipient.
     *
     * @return the classification, or null when the connection itself broke and the rest cannot be tried
     */
    static SendResult recipient(MessagingException e, String recipient, String server, Redactor redactor) {
        Integer code = code(e);
        if (code != null) {
            return byCode(code, recipient + ": " + server + " answered" + reply(e, redactor));
        }
        return null;
    }

    private static SendResult byCode(int code, String detail) {
        return code >= 400 && code < 500 ? SendResult.retryable(detail) : SendResult.permanent(detail);
    }

    /** The SMTP reply code of the most specific failure in the chain (a per-address code beats the summary one). */
    private static Integer code(MessagingException e) {
        MessagingException x = mostSpecific(e);
        return x == null ? null : returnCode(x);
    }

    private static MessagingException mostSpecific(MessagingException e) {
        MessagingException found = null;
        Exception x = e;
        for (int depth = 0; x != null && depth < 10; depth++) {
            if (x instanceof MessagingException m && returnCode(m) > 0) {
                found = m;
            }
            x = x instanceof MessagingException m ? m.getNextException() : null;
        }
        return found;
    }

    private static int returnCode(Exception x) {
        if (x instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (x instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        if (x instanceof SMTPSendFailedException f) {
            return f.getReturnCode();
        }
        return -1;
    }

    /** The server's words, quoted and scrubbed: from the most specific failure that has a reply code, else the top. */
    private static String reply(MessagingException e, Redactor redactor) {
        MessagingException specific = mostSpecific(e);
        String t = redactor.excerpt((specific != null ? specific : e).getMessage(), EXCERPT);
        return t.isEmpty() ? "" : " '" + t + "'";
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t instanceof MessagingException m && m.getNextException() != null && type.isInstance(m.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
