/**
 * Type {@code pagerduty}: PagerDuty Events API v2; an incident opens when a path goes out of spec and resolves when
 * it is back, both under the notification's dedup key.
 *
 * <p>Public API: the type name {@code pagerduty} in config, with the settings that {@code docs/alerts.md} describes
 * under {@code pagerduty}. {@link io.zkmon.alerts.pagerduty.PagerDutyProvider} is public only so that
 * {@link java.util.ServiceLoader} can create it; nothing in this package is meant to be called from code.
 */
package io.zkmon.alerts.pagerduty;
