/**
 * Loading zkmon's YAML config: the old daemon's form (read as leniently as that daemon read it, with warnings) and the
 * extended one (strict), {@code ${VAR}} substitution in secrets and allowed variables, message templates, and every
 * mistake reported at once with file, line, column and key.
 *
 * <p>Public API: {@link io.zkmon.core.config.ConfigLoader} (parse a file or text; no I/O besides reading it),
 * {@link io.zkmon.core.config.MonitorConfig} (the result: specs, alerters, settings),
 * {@link io.zkmon.core.config.MonitorSettings}, and {@link io.zkmon.core.config.ConfigException} with its
 * {@link io.zkmon.core.config.ConfigError}s. The parser's parts are package-private.
 */
package io.zkmon.core.config;
