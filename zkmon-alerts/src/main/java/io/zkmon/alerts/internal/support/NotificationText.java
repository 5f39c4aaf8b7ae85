package io.zkmon.alerts.internal.support;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.TemplateVariables;
import java.util.List;

/**
 * The words every human-facing backend (email, Slack, HipChat) uses for a notification, so they all say the same
 * thing the same way: the same as the template variables {@code headline}, {@code children.text} and
 * {@code details}. Pure functions of the notification. Internal to zkmon-alerts.
 */
public final class NotificationText {

    private NotificationText() {
    }

    /**
     * {@code /services/foo out of spec}, {@code ... still out of spec} for a reminder, {@code ... back in spec}; for
     * zkmon itself, {@link Notification#summary()} ({@code ZkmonBlind: zkmon agent host-1 in cluster prod}).
     */
    public static String headline(Notification n) {
        return TemplateVariables.headline(n);
    }

    /** {@code Error (was OK)}. */
    public static String state(Notification n) {
        return n.previousState() == null ? n.state().display() : n.state().display() + " (was " + n.previousState().display() + ")";
    }

    /** {@code 0 (removed: instance-1; added: none)}, or just the count when nothing changed. */
    public static String children(Notification n) {
        return TemplateVariables.childrenText(n);
    }

    /** Everything worth knowing, in reading order; absent values are left out. */
    public static List<TemplateVariables.Field> fields(Notification n) {
        return TemplateVariables.fields(n);
    }

    /** A plain-text rendering: the headline, a blank line, then one aligned {@code Label: value} line per field. */
    public static String plain(Notification n) {
        return headline(n) + ".\n\n" + TemplateVariables.details(n);
    }
}
