package io.zkmon.core.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes notifications to the log (logger {@code io.zkmon.alert}): firing at WARN, resolved at INFO.
 * Lives in core so core works alone and the demo can show alerts without any server.
 */
final class LogAlerter implements Alerter {

    private static final Logger LOG = LoggerFactory.getLogger("io.zkmon.alert");

    @Override
    public SendResult send(Notification n) {
        String children = n.childrenRemoved().isEmpty() && n.childrenAdded().isEmpty() ? ""
                : " (removed " + n.childrenRemoved() + ", added " + n.childrenAdded() + ")";
        if (n.firing()) {
            LOG.warn("ALERT{} {}: {}{} [since {}]", n.repeat() ? " (repeat)" : "", n.summary(), n.message(), children, n.startedAt());
        } else {
            LOG.info("RECOVERED {}: {}{} [was out of spec since {}]", n.summary(), n.message(), children, n.startedAt());
        }
        return SendResult.sent();
    }
}
