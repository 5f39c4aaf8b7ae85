package io.zkmon.cli;

/** A part of zkmon could not start (e.g. the HTTP port is taken): reported in one line, exit status 1. */
final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
