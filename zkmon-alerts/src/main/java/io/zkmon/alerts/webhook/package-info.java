/**
 * Type {@code webhook}: each notification as JSON (described in {@code docs/webhook.md}) to a URL of yours.
 *
 * <p>Public API: the type name {@code webhook} in config, with the settings that {@code docs/alerts.md} describes
 * under {@code webhook}. {@link io.zkmon.alerts.webhook.WebhookProvider} is public only so that
 * {@link java.util.ServiceLoader} can create it; nothing in this package is meant to be called from code.
 */
package io.zkmon.alerts.webhook;
