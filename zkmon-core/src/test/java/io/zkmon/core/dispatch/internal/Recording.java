package io.zkmon.core.dispatch.internal;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** An alerter that records what it got and answers from a script (sent when the script is empty). */
final class Recording implements Alerter {
    final List<Notification> got = new ArrayList<>();
    final Deque<SendResult> script = new ArrayDeque<>();
    Duration refresh = Duration.ZERO;
    int attempts;

    @Override
    public SendResult send(Notification n) {
        attempts++;
        SendResult r = script.poll();
        if (r != null) {
            return r;
        }
        got.add(n);
        return SendResult.sent();
    }

    @Override
    public Duration refreshInterval() {
        return refresh;
    }

    List<Notification.Kind> kinds() {
        return got.stream().map(Notification::kind).toList();
    }

    /** A definition with this alerter under an id, shown as {@code name}. */
    AlerterDefinition as(String id, String name) {
        return new AlerterDefinition(id, name, name, this, null);
    }
}
