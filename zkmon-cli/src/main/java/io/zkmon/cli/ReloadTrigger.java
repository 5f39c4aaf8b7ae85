package io.zkmon.cli;

/**
 * Where SIGHUP goes. A SIGHUP that arrives while zkmon is still starting is kept and acted on once the reloader exists,
 * rather than lost.
 */
final class ReloadTrigger {

    private ConfigReloader reloader;
    private boolean pending;

    /** From the signal handler: reload now, or as soon as there is something to reload. */
    synchronized void signal() {
        if (reloader != null) {
            reloader.requestReload("SIGHUP");
        } else {
            pending = true;
        }
    }

    /** The reloader is ready; a SIGHUP received before is acted on now. */
    synchronized void ready(ConfigReloader r) {
        reloader = r;
        if (pending) {
            pending = false;
            r.requestReload("SIGHUP");
        }
    }

    /** The reloader, or null while starting. */
    synchronized ConfigReloader reloader() {
        return reloader;
    }
}
