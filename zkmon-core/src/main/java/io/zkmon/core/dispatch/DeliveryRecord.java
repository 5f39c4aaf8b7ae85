package io.zkmon.core.dispatch;

import io.zkmon.core.alert.Notification;
import java.time.Instant;

/**
 * The latest outcome of delivering one notification to one alerter, for status pages.
 *
 * @param alerter  the alerter's display name
 * @param kind     firing or resolved
 * @param outcome  what happened last
 * @param attempts attempts so far
 * @param at       when
 * @param detail   the alerter's reason (never a secret)
 */
public record DeliveryRecord(String alerter, Notification.Kind kind, DeliveryOutcome outcome, int attempts, Instant at, String detail) {
}
