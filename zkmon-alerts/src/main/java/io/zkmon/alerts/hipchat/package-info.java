/**
 * Type {@code hipchat}: a message in a HipChat room through its v2 API, hosted or self-hosted; kept for configs
 * carried over from the old daemon.
 *
 * <p>Public API: the type name {@code hipchat} in config, with the settings that {@code docs/alerts.md} describes
 * under {@code hipchat}. {@link io.zkmon.alerts.hipchat.HipChatProvider} is public only so that
 * {@link java.util.ServiceLoader} can create it; nothing in this package is meant to be called from code.
 */
package io.zkmon.alerts.hipchat;
