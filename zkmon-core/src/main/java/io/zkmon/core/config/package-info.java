/**
 * Loading zkmon's YAML config: the old daemon's form and the extended one, {@code ${VAR}} substitution, and every
 * mistake reported at once with file, line, column and key.
 *
 * <p>Public API: {@link io.zkmon.core.config.ConfigLoader} (parse a file or text; no I/O besides reading it),
 * {@link io.zkmon.core.config.MonitorConfig} (the result: specs, alerters, settings),
 * {@link io.zkmon.core.config.MonitorSettings}, and {@link io.zkmon.core.config.ConfigException} with its
 * {@link io.zkmon.core.config.ConfigError}s. The parser's parts are package-private.
 */
package io.zkmon.core.config;
