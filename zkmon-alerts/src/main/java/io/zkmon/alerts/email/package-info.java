/**
 * Type {@code email}: one plain-text mail per address, through an SMTP server (Jakarta Mail, plain, STARTTLS or
 * TLS, with or without login).
 *
 * <p>Public API: the type name {@code email} in config, with the settings that {@code docs/alerts.md} describes
 * under {@code email}. {@link io.zkmon.alerts.email.EmailProvider} is public only so that
 * {@link java.util.ServiceLoader} can create it; nothing in this package is meant to be called from code.
 */
package io.zkmon.alerts.email;
