package io.zkmon.cli;

/**
 * {@code zkmon}: the daemon, {@code zkmon demo}, {@code zkmon validate} and {@code zkmon check}. See docs/cli.md.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = new Cli(System.getenv(), System.out, System.err).run(args);
        System.exit(status);
    }
}
