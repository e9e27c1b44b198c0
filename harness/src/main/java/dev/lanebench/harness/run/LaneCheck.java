package dev.lanebench.harness.run;

import dev.lanebench.runners.lane.Lane;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Checks lanes before a run spends anything on them (pre-flight); the run leaves out a lane that fails. */
@FunctionalInterface
public interface LaneCheck {

    /**
     * The outcome for one lane.
     *
     * @param lane   the lane's name
     * @param passed whether the lane may run
     * @param reason why not (null when it passed)
     * @param record what run.json keeps of the check
     */
    record Outcome(String lane, boolean passed, String reason, Map<String, Object> record) {
    }

    /**
     * Checks each lane; {@code folder} is where the check may leave what it did (transcripts) for a look later.
     * Returns one verdict per lane, in order.
     */
    List<Outcome> check(List<Lane> lanes, Path folder) throws InterruptedException;
}
