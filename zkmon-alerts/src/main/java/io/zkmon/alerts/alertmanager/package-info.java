/**
 * Type {@code alertmanager}: pushes alerts to Prometheus Alertmanager ({@code POST /api/v2/alerts}), to every member
 * of an Alertmanager cluster, re-sending firing ones every {@code refresh_interval} so they stay fresh.
 *
 * <p>Public API: the type name {@code alertmanager} in config, with the settings that {@code docs/alerts.md} describes
 * under {@code alertmanager}. {@link io.zkmon.alerts.alertmanager.AlertmanagerProvider} is public only so that
 * {@link java.util.ServiceLoader} can create it; nothing in this package is meant to be called from code.
 */
package io.zkmon.alerts.alertmanager;
