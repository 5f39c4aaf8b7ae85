package io.zkmon.core;

import io.zkmon.core.time.ManualScheduler;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Rule;
import java.time.Duration;
import java.util.List;

/**
 * The engine's ZooKeeper-free parts wired as {@link WatchEngine} wires them, for the unit tests of each part: a clock
 * moved by hand, reads answered by hand ({@link FakeReader}), and what the engine would report recorded. The test
 * instance is the engine's lock.
 */
abstract class HandWiredEngine {

    final ManualScheduler clock = new ManualScheduler();
    final PathTable table = new PathTable(clock, this);
    final OutstandingReads reads = new OutstandingReads();
    final FakeReader zk = new FakeReader();
    final RecordingEngineListener heard = new RecordingEngineListener();
    final EntryEvaluator evaluator = new EntryEvaluator(table, reads, heard, () -> clock.now().toEpochMilli());
    final EntryUpdater updater = new EntryUpdater(table, reads, zk, evaluator, (after, task) -> clock.schedule(after, task));
    final GlobExpander globs = new GlobExpander(table, reads, zk, updater, evaluator, "", () -> true);

    /** A spec with no grace period, no data age and no alerters. */
    static PathSpec spec(String path, Rule... rules) {
        return new PathSpec(path, List.of(rules), Duration.ZERO, Duration.ZERO, List.of());
    }
}
