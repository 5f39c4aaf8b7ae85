package io.zkmon.alerts.alertmanager;

import io.zkmon.alerts.internal.http.HttpReply;
import io.zkmon.core.alert.SendResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What one notification sent to every Alertmanager of a cluster amounts to. Sent when at least one accepted it:
 * members of an Alertmanager cluster share what they notified (so one is enough for people to hear about it), a
 * member that missed a firing alert gets it with the next refresh, and one that missed a resolution resolves it by
 * itself after its {@code resolve_timeout}. The members that failed are named in the detail. When none accepted,
 * the failure is retryable if any member's failure was.
 */
final class Fanout {

    private Fanout() {
    }

    /** Combines each Alertmanager's reply (each detail already names its server). */
    static SendResult combine(List<HttpReply> replies) {
        if (replies.size() == 1) {
            return replies.get(0).result();
        }
        int accepted = 0;
        boolean anyRetryable = false;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            SendResult r = replies.get(i).result();
            if (r.isSent()) {
                accepted++;
            } else {
                anyRetryable |= r.outcome() == SendResult.Outcome.RETRYABLE;
                failures.add(r.detail());
            }
        }
        if (failures.isEmpty()) {
            return SendResult.sent();
        }
        String detail = "accepted by " + accepted + " of " + replies.size() + " Alertmanagers; " + String.join("; ", failures);
        if (accepted > 0) {
            return new SendResult(SendResult.Outcome.SENT, detail);
        }
        return anyRetryable ? SendResult.retryable(detail) : SendResult.permanent(detail);
    }
}
