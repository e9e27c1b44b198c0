package dev.lanebench.harness.admission;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.harness.verify.Verifier;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.sandbox.Sandboxes;
import dev.lanebench.harness.verify.VerifyOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The admission gate of a task: the grader must reward the reference solution (the same on three runs), hold the
 * untouched repo and every decoy under their declared ceilings, finish in time, and the repo must not leak the
 * grader or the answer.
 */
public final class AdmissionCheck {
    public static final double ORACLE_MIN = 4.5;
    public static final int ORACLE_RUNS = 3;

    private final Path scratchRoot;
    private final Map<String, String> env;

    public AdmissionCheck(Path scratchRoot, Map<String, String> env) {
        this.scratchRoot = scratchRoot;
        this.env = env;
    }

    /** What admission found for one task; {@code problems} empty means admitted. */
    public record Report(String task, List<Double> oracle, Double baseline, Map<String, Double> decoys, List<String> problems) {
        public boolean admitted() {
            return problems.isEmpty();
        }
    }

    public Report check(Task task) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        problems.addAll(leaks(task));
        if (task.maxBaseline() == null) {
            problems.add("task.yaml declares no max_baseline");
        }
        if (task.decoys().isEmpty()) {
            problems.add("task.yaml declares no decoys (add verify/decoys/<name>/ and decoys: {<name>: <max score>})");
        }
        if (!Files.isDirectory(task.solutionDir())) {
            problems.add("no solution/ folder");
        }

        List<Double> oracle = new ArrayList<>();
        for (int i = 0; i < ORACLE_RUNS; i++) {
            oracle.add(grade(task, "oracle-" + (i + 1), task.solutionDir(), problems));
        }
        if (oracle.stream().anyMatch(s -> s != null && s < ORACLE_MIN)) {
            problems.add("oracle scores " + fmt(oracle.get(0)) + " < " + ORACLE_MIN + " (the solution must pass verify)");
        }
        if (oracle.stream().distinct().count() > 1) {
            problems.add("oracle scores differ across runs " + oracle + " (a flaky grader)");
        }

        Double baseline = grade(task, "baseline", null, problems);
        if (baseline != null && task.maxBaseline() != null && baseline > task.maxBaseline()) {
            problems.add("untouched repo scores " + fmt(baseline) + " > max_baseline " + fmt(task.maxBaseline()));
        }

        Map<String, Double> decoys = new LinkedHashMap<>();
        for (Map.Entry<String, Double> d : task.decoys().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            Double s = grade(task, "decoy-" + d.getKey(), task.verifyDir().resolve("decoys").resolve(d.getKey()), problems);
            decoys.put(d.getKey(), s);
            if (s != null && s > d.getValue()) {
                problems.add("decoy " + d.getKey() + " scores " + fmt(s) + " > its declared maximum " + fmt(d.getValue()));
            }
        }
        return new Report(task.id(), oracle, baseline, decoys, problems);
    }

    /** Grades repo/ with an overlay (null: untouched); a verify_error is recorded as a problem and yields null. */
    private Double grade(Task task, String variant, Path overlay, List<String> problems) throws InterruptedException {
        Path root = scratchRoot.resolve(task.id()).resolve(variant);
        Workspace.deleteTree(root);
        try (Workspace ws = Workspace.create(task.repoDir(), root.resolve("workspace"))) {
            if (overlay != null) {
                Workspace.copyTree(overlay, ws.dir());
            }
            Path transcript = root.resolve("transcript.jsonl");
            Files.writeString(transcript, "");
            VerifyOutcome o = Verifier.run(task, ws.dir(), transcript, root.resolve("verify"), env,
                    Sandboxes.bestAvailable(), SandboxLimits.DEFAULTS);
            if (o instanceof VerifyOutcome.Failed f) {
                problems.add(variant + ": verify_error: " + f.reason());
                return null;
            }
            return ((VerifyOutcome.Graded) o).score();
        } catch (IOException e) {
            problems.add(variant + ": " + e.getMessage());
            return null;
        } finally {
            Workspace.deleteTree(root);
        }
    }

    /**
     * The agent sees repo/ only: it must hold no verify/ or solution/ folder at any depth, and no file already
     * equal to the solution's version of it. (A grader may keep pristine copies of repo files to detect
     * tampering, so identical content in verify/ is not a leak.)
     */
    static List<String> leaks(Task task) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(task.repoDir())) {
            s.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().equals("verify") || p.getFileName().toString().equals("solution"))
                    .forEach(p -> out.add("repo/" + task.repoDir().relativize(p) + "/ is a grader or solution folder"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isDirectory(task.solutionDir())) {
            return out;
        }
        try (Stream<Path> s = Files.walk(task.solutionDir())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path inRepo = task.repoDir().resolve(task.solutionDir().relativize(p).toString());
                if (Files.size(p) > 0 && Files.isRegularFile(inRepo) && Files.mismatch(p, inRepo) == -1) {
                    out.add("repo/" + task.repoDir().relativize(inRepo) + " already equals the solution's version");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static String fmt(Double d) {
        return d == null ? "error" : String.format(Locale.ROOT, "%.2f", d);
    }
}
