package io.zkmon.cli;

import io.zkmon.core.MonitorListener;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.spec.State;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's console: one line per compliance transition, in the same stream and format as the simulation's story
 * and the {@code log} alerter's alerts. Lines seen before the banner is printed are held back until then.
 */
final class DemoConsole implements MonitorListener {

    private static final Logger CONSOLE = LoggerFactory.getLogger("io.zkmon.demo");

    private final int pathWidth;
    private final List<String> held = new ArrayList<>();
    private boolean open;
    private volatile boolean quiet;

    DemoConsole(int pathWidth) {
        this.pathWidth = pathWidth;
    }

    @Override
    public void onTransition(Transition t) {
        String from = t.previous().state() == State.UNKNOWN || !t.stateChanged() ? "" : name(t.previous().state()) + " -> ";
        // an out-of-spec message already names the numbers
        String children = t.state() != State.OK ? "" : " (" + t.childCount() + (t.childCount() == 1 ? " child)" : " children)");
        print(String.format("path   %-" + pathWidth + "s  %-14s %s%s", t.path(), from + name(t.state()), t.current().message(), children));
    }

    private static String name(State s) {
        return s == State.ERROR ? "ERROR" : s.display();
    }

    @Override
    public void onConnectionChange(boolean connected) {
        print(connected ? "zk     connected to the embedded ZooKeeper" : "zk     lost the connection to the embedded ZooKeeper");
    }

    /** Prints what was held back and everything from now on. */
    synchronized void open() {
        open = true;
        held.forEach(CONSOLE::info);
        held.clear();
    }

    /** Stops printing: the demo is stopping, and what its parts do while closing is no news. */
    void quiet() {
        quiet = true;
    }

    private synchronized void print(String line) {
        if (quiet) {
            return;
        }
        if (open) {
            CONSOLE.info(line);
        } else {
            held.add(line);
        }
    }
}
