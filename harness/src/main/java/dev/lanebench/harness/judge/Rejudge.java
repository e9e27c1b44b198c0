package dev.lanebench.harness.judge;

import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.run.JsonLinesFile;
import dev.lanebench.harness.run.RunDirectory;
import dev.lanebench.harness.run.RunManifest;
import dev.lanebench.runners.secrets.Redactor;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Weights;
import dev.lanebench.scoring.judge.AttemptId;
import dev.lanebench.scoring.judge.Judgement;
import dev.lanebench.scoring.judge.JudgementFile;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code lanebench judge RUN}: judges every scored attempt of a finished run again, with the configured panel or
 * another, into the panel's own judgement file in the run folder (written beside it and renamed over it at the
 * end, so an interrupted re-judging leaves the previous file whole). raw.csv is never rewritten; tables join the
 * file instead. Every scored attempt gets a line: judged, no answer, or not judged and why (no rubric, no change,
 * the task changed since the run, its patch missing).
 */
public final class Rejudge {
    private final JudgePanel panel;
    private final Weights weights;
    private final Map<String, String> env;
    private final PrintStream out;

    public Rejudge(JudgePanel panel, Weights weights, Map<String, String> env, PrintStream out) {
        this.panel = panel;
        this.weights = weights;
        this.env = env;
        this.out = out;
    }

    /** What a re-judging did, counted over the run's scored attempts. */
    public record Result(Path file, int scored, int judged, int noAnswer, int notJudged, int disagreements,
            Double costUsd) {
    }

    /** Judges the run's scored attempts with {@code parallel} at once; the catalogue gives tasks and rubrics. */
    public Result run(Path runFolder, Catalogue catalogue, int parallel) throws IOException, InterruptedException {
        RunDirectory dir = new RunDirectory(runFolder);
        if (!Files.isRegularFile(dir.rawCsv()) || !Files.isRegularFile(dir.manifest())) {
            throw new ConfigException(runFolder + ": not a lanebench run folder (no raw.csv and run.json)");
        }
        RunManifest manifest = RunManifest.read(dir.manifest());
        List<RawRow> scored = RawCsvReader.read(dir.rawCsv()).stream().filter(r -> r.status() == Status.SCORED).toList();
        Map<String, Task> tasks = catalogue.tasks().stream().collect(Collectors.toMap(Task::id, Function.identity()));
        Path file = JudgementFile.of(runFolder, panel.id());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        List<Judgement> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "lanebench-judge");
            t.setDaemon(true);
            return t;
        });
        try (JsonLinesFile routes = JsonLinesFile.appendTo(dir.routes(), Redactor.forEnv(panel.keyEnvNames(), env));
             RunJudge judge = new RunJudge(panel, weights, partial)) {
            List<Future<Judgement>> futures = new ArrayList<>();
            for (RawRow row : scored) {
                futures.add(pool.submit(() -> one(dir, manifest, tasks.get(row.task()), row, judge, routes)));
            }
            for (Future<Judgement> f : futures) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        if (scored.isEmpty()) {
            JudgementFile.write(partial, List.of());
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Double cost = null;
        for (Judgement j : results) {
            if (j.judgeCostUsd() != null) {
                cost = (cost == null ? 0 : cost) + j.judgeCostUsd();
            }
        }
        return new Result(file, scored.size(), count(results, Judgement.Status.JUDGED),
                count(results, Judgement.Status.NO_ANSWER), count(results, Judgement.Status.NOT_JUDGED),
                (int) results.stream().filter(Judgement::disagreement).count(), cost);
    }

    private Judgement one(RunDirectory dir, RunManifest manifest, Task task, RawRow row, RunJudge judge,
            JsonLinesFile routes) throws IOException, InterruptedException {
        AttemptId id = AttemptId.of(row);
        Components base = new Components(row.correctness(), row.process(), row.costEff(), row.timeEff(), null);
        Path patchFile = dir.patch(row.task(), row.lane(), row.replication(), row.attempt());
        String why = null;
        if (task == null) {
            why = "task not in the catalogue";
        } else if (!task.hash().equals(row.taskHash())) {
            why = "task changed since the run (hash " + row.taskHash() + ", now " + task.hash() + ")";
        } else if (!judge.judges(task)) {
            why = "no rubric";
        } else if (!Files.isRegularFile(patchFile)) {
            why = "patch file missing";
        }
        String patch = why == null ? Files.readString(patchFile, StandardCharsets.UTF_8) : "";
        if (why == null && patch.isEmpty() && row.verifyS() == null && "no change".equals(row.verifyEvidence())) {
            why = "no change"; // not graded, so not judged either, as during a run
        }
        Judgement j;
        if (why != null) {
            j = Judgement.notJudged(id, row.taskHash(), panel.id(), panel.config().maxSpread(), why, base, weights);
            judge.record(j);
        } else {
            Blinding blinding = Blinding.of(row.lane(), row.runner(), row.model(), manifest.modelIds(row.lane()));
            j = judge.judge(task, id, blinding, patch, dir.transcript(row.task(), row.lane(), row.replication(),
                    row.attempt()), base, routes::append);
        }
        report(j);
        return j;
    }

    private synchronized void report(Judgement j) {
        String what = switch (j.status()) {
            case JUDGED -> String.format(Locale.ROOT, "quality %.2f (%d of %d judges)", j.quality(),
                    j.members().size() - j.leftOut().size(), j.members().size())
                    + (j.disagreement() ? String.format(Locale.ROOT, ", disagreement %.2f–%.2f", j.low(), j.high()) : "");
            case NO_ANSWER -> "no judge answered: quality left empty";
            case NOT_JUDGED -> "not judged: " + j.reason();
        };
        out.println("  " + j.id().describe() + ": " + what);
    }

    private static int count(List<Judgement> js, Judgement.Status s) {
        return (int) js.stream().filter(j -> j.status() == s).count();
    }
}
