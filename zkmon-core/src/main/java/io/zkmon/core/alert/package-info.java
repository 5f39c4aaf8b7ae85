/**
 * The alerter SPI: how a notification leaves zkmon.
 *
 * <p>Public API: {@link io.zkmon.core.alert.Alerter} (send one {@link io.zkmon.core.alert.Notification}, answer a
 * {@link io.zkmon.core.alert.SendResult}: sent, or failed and whether a retry may help),
 * {@link io.zkmon.core.alert.AlerterProvider} (a type name and {@code create(settings)}, found by
 * {@link java.util.ServiceLoader}), {@link io.zkmon.core.alert.AlerterSettings} (typed settings that name the file,
 * line and key of a mistake), {@link io.zkmon.core.alert.AlerterRegistry} (the providers found, with a warning for a
 * broken one), {@link io.zkmon.core.alert.AlerterDefinition} (an alerter built from config), and
 * {@link io.zkmon.core.alert.MessageTemplate} with {@link io.zkmon.core.alert.TemplateVariables} (an alerter's text as
 * a logic-less Mustache template over a notification, with presets such as {@code seed}); an alerter may also take a
 * {@link io.zkmon.core.alert.Heartbeat} while zkmon is healthy ({@code Alerter.heartbeat}). Retries,
 * deduplication, grace periods and silences are the dispatcher's, never an alerter's. The built-in {@code log} type
 * lives here; how to write your own: {@code docs/alerters.md}.
 */
package io.zkmon.core.alert;
