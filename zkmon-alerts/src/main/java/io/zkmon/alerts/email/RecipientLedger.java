package io.zkmon.alerts.email;

import io.zkmon.core.alert.Notification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, per notification, which recipients are settled: delivered, or refused for good. When the dispatcher
 * retries a notification that reached only some addresses (a greylisting 451 for one of them, a connection dropped
 * half-way), the others do not get it twice, and a refusal seen on an earlier attempt is still reported at the end.
 * Bounded: the oldest entries go first, so notifications the dispatcher gave up on cannot hold memory forever.
 */
final class RecipientLedger {

    static final int MAX_ENTRIES = 1024;

    private final Map<Notification, Map<String, Optional<String>>> settled = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Notification, Map<String, Optional<String>>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Recipients settled by earlier attempts: each maps to its refusal, or to empty when it was delivered. */
    synchronized Map<String, Optional<String>> settled(Notification n) {
        Map<String, Optional<String>> s = settled.get(n);
        return s == null ? Map.of() : Map.copyOf(s);
    }

    /** Records a delivery. */
    synchronized void delivered(Notification n, String recipient) {
        settled.computeIfAbsent(n, k -> new LinkedHashMap<>()).put(recipient, Optional.empty());
    }

    /** Records a refusal that retrying will not change. */
    synchronized void refused(Notification n, String recipient, String detail) {
        settled.computeIfAbsent(n, k -> new LinkedHashMap<>()).put(recipient, Optional.of(detail));
    }

    /** Forgets a notification once every recipient is settled. */
    synchronized void forget(Notification n) {
        settled.remove(n);
    }

    synchronized int size() {
        return settled.size();
    }
}
