package dev.lanebench.harness.judge;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.run.AttemptRecorder;
import dev.lanebench.harness.run.JsonLinesFile;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.secrets.Redactor;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.composite.Weights;
import dev.lanebench.scoring.judge.AttemptId;
import dev.lanebench.scoring.judge.Judgement;
import dev.lanebench.scoring.judge.JudgementFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Judges the scored attempts of one run (during the run, or afterwards with {@code lanebench judge}): for a task
 * with a rubric, shows the panel the instruction, the rubric and the attempt's blinded work, logs every judge call
 * to routes.jsonl with role {@code judge}, and appends the judgement to the panel's file in the run folder.
 * Thread-safe: parallel attempts judge at once.
 */
public final class RunJudge implements AutoCloseable {
    private final JudgePanel panel;
    private final Weights weights;
    private final Path file;
    private final Map<String, Optional<Rubric>> rubrics = new ConcurrentHashMap<>();
    private JsonLinesFile out;

    /**
     * @param file where the judgements are appended (created on the first one)
     */
    public RunJudge(JudgePanel panel, Weights weights, Path file) {
        this.panel = panel;
        this.weights = weights;
        this.file = file;
    }

    /**
     * The judge of a run about to start, or null when it has nothing to do (no {@code judge:} in scoring.yaml,
     * or no task of the run has a rubric). Checks first what would otherwise fail attempt by attempt: every
     * rubric of the run's tasks, and that every member of the panel can be called here.
     */
    public static RunJudge forRun(ScoringConfig scoring, Path scoringFile, LaneSet lanes, Map<String, String> env,
            List<Task> tasks, Path runDir) {
        if (scoring.judge() == null) {
            return null;
        }
        boolean anyRubric = false;
        for (Task t : tasks) {
            anyRubric |= Rubric.of(t.dir()).isPresent();
        }
        if (!anyRubric) {
            return null;
        }
        String origin = scoringFile + ": judge.panel";
        JudgePanel panel = JudgePanel.of(scoring.judge(), lanes, env, origin);
        panel.requireReady(origin);
        return new RunJudge(panel, scoring.weights(), JudgementFile.of(runDir, panel.id()));
    }

    public JudgePanel panel() {
        return panel;
    }

    /** Whether the task opts in to the judge. */
    public boolean judges(Task task) {
        return rubric(task).isPresent();
    }

    /** Withholds a lane's names from what the judge sees. */
    public static Blinding blinding(Lane lane) {
        List<String> ids = new ArrayList<>();
        if (lane.model() != null) {
            ids.add(lane.model().id());
        }
        if (lane.smallModel() != null) {
            ids.add(lane.smallModel().id());
        }
        return Blinding.of(lane.name(), lane.runner(), lane.modelName(), ids);
    }

    /**
     * Judges one scored attempt of a task with a rubric.
     *
     * @param patch      the attempt's diff ("" for no change)
     * @param transcript its normalized transcript, where the final answer is read
     * @param base       its components without quality
     * @param routes     where each judge call's routes.jsonl line goes
     * @return the judgement, also appended to the panel's file; null when the task has no rubric
     */
    public Judgement judge(Task task, AttemptId id, Blinding blinding, String patch, Path transcript, Components base,
            Consumer<Map<String, Object>> routes) throws IOException, InterruptedException {
        Optional<Rubric> rubric = rubric(task);
        if (rubric.isEmpty()) {
            return null;
        }
        String instruction = Files.readString(task.instructionFile());
        JudgeSubject subject = JudgeSubject.blinded(instruction, patch, FinalAnswer.of(transcript), blinding);
        Map<String, Object> key = key(id);
        long start = System.nanoTime(); // a judge call's t_ms counts from the start of the attempt's judging
        Judgement j = panel.judge(id, task.hash(), subject, rubric.get(), base, weights,
                c -> routes.accept(AttemptRecorder.routeLine(key, (System.nanoTime() - start) / 1_000_000, c)));
        record(j);
        return j;
    }

    /** Appends a judgement made elsewhere (an attempt this panel was not asked about) to the panel's file. */
    public synchronized void record(Judgement j) throws IOException {
        if (out == null) {
            JudgementFile.readyToAppend(file);
            out = JsonLinesFile.appendTo(file, Redactor.NONE); // a judge's texts hold no key: its client scrubs them
        }
        out.append(JudgementFile.json(j));
    }

    private Optional<Rubric> rubric(Task task) {
        return rubrics.computeIfAbsent(task.id() + "\u0000" + task.hash(), k -> Rubric.of(task.dir()));
    }

    private Map<String, Object> key(AttemptId id) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("run_id", id.runId());
        key.put("task", id.task());
        key.put("lane", id.lane());
        key.put("replication", id.replication());
        key.put("attempt", id.attempt());
        key.put("judge_panel", panel.id());
        return key;
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
