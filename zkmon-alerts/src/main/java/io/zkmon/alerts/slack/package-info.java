/**
 * Type {@code slack}: a message in a Slack channel, through the Web API ({@code chat.postMessage} with a bot token,
 * the old daemon's form) or an incoming webhook.
 *
 * <p>Public API: the type name {@code slack} in config, with the settings that {@code docs/alerts.md} describes
 * under {@code slack}. {@link io.zkmon.alerts.slack.SlackProvider} is public only so that
 * {@link java.util.ServiceLoader} can create it; nothing in this package is meant to be called from code.
 */
package io.zkmon.alerts.slack;
