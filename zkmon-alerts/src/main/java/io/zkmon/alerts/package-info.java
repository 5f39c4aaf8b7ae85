/**
 * Alert backends for zkmon, each an {@link io.zkmon.core.alert.AlerterProvider} found by {@link java.util.ServiceLoader}:
 * {@code email}, {@code slack}, {@code hipchat}, {@code webhook}, {@code pagerduty} and {@code alertmanager}, and
 * {@code heartbeat}, which sends no notification but calls a URL while zkmon is healthy.
 *
 * <p>Put this jar on the classpath and use a type in config ({@code alerter: {email: you@home.com}}); nothing here
 * is meant to be called directly. Every backend sends exactly one notification per call and says whether a failure
 * is worth retrying; retry, deduplication, grace periods and silences belong to the core dispatcher. Settings are
 * validated when config is loaded, without I/O; connections are opened on the first send. See {@code docs/alerts.md}.
 *
 * <p>Public API: the type names and their settings, nothing else; each backend has its own package, and what they
 * share lives in {@code io.zkmon.alerts.internal}, which is not API.
 */
package io.zkmon.alerts;
