package io.zkmon.cli;

/**
 * A mistake on the command line or in the environment: printed with the usage, exit status 2, never a stack trace.
 */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Command command;

    UsageException(Command command, String message) {
        super(message, null, false, false);
        this.command = command;
    }

    /** The command whose usage to show. */
    Command command() {
        return command;
    }
}
