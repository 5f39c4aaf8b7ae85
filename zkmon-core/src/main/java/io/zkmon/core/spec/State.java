package io.zkmon.core.spec;

/** The compliance state of a watched path. */
public enum State {
    /** Every rule of the path's spec holds. */
    OK("OK"),
    /** At least one rule is violated: the path is out of spec. */
    ERROR("Error"),
    /** No information, e.g. while ZooKeeper is unreachable. Never alerts by itself. */
    UNKNOWN("Unknown");

    private final String display;

    State(String display) {
        this.display = display;
    }

    /** The spelling of the old {@code zk_monitor} daemon's {@code /status}: {@code OK}, {@code Error}, {@code Unknown}. */
    public String display() {
        return display;
    }
}
