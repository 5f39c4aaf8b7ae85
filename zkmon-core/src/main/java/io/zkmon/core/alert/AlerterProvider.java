package io.zkmon.core.alert;

/**
 * Creates alerters of one type from config. Found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.zkmon.core.alert.AlerterProvider} of your jar.
 *
 * <pre>{@code
 * public final class TeamsProvider implements AlerterProvider {
 *     public String type() { return "teams"; }
 *     public Alerter create(AlerterSettings s) {
 *         URI url = s.url("url");              // reports a config error with file:line when missing or malformed
 *         return n -> post(url, n.summary());  // SendResult.sent() / retryable(..) / permanent(..)
 *     }
 * }
 * }</pre>
 */
public interface AlerterProvider {

    /** The type name used in config ({@code email}, {@code slack}, ...): lower case letters, digits, '-' and '_'. */
    String type();

    /**
     * Reads and validates settings and builds an alerter. Called when config is loaded: it must not do I/O,
     * open sockets or start threads (do that lazily on first send). Report every problem through
     * {@link AlerterSettings#error} (or the typed getters, which report for you) rather than throwing; keys that
     * were never read are reported as unknown, with the nearest known key suggested.
     *
     * @return the alerter, or null when settings had errors
     */
    Alerter create(AlerterSettings settings);
}
