/**
 * The {@code zkmon} command: the daemon (the old {@code zk_monitor}'s flags and config), {@code demo},
 * {@code validate}, {@code check} and {@code reload}. The one place where core, alerts, cluster and HTTP are put
 * together. Its flags, environment variables, signals and exit codes are in {@code docs/cli.md}.
 *
 * <p>Public API: the command line only. {@link io.zkmon.cli.Main} is public so that the JVM can start it; every other
 * class is package-private and not meant to be called from code: embed {@code io.zkmon.core.ZkMonitor} instead.
 */
package io.zkmon.cli;
