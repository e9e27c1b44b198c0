package dev.lanebench.harness.admission;

import dev.lanebench.harness.catalogue.Decoy;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.workspace.GradingCopy;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.harness.verify.Verifier;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.sandbox.Sandboxes;
import dev.lanebench.harness.verify.VerifyOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The admission gate of a task: the grader must reward the reference solution (the same on three runs), hold the
 * untouched repo and every decoy under their declared ceilings, survive hostile workspaces, finish in time; the
 * task must be written out (no TODO placeholder) and declare a gaming decoy; the repo must not leak the grader or
 * the answer.
 */
public final class AdmissionCheck {
    public static final double ORACLE_MIN = 4.5;
    public static final int ORACLE_RUNS = 3;
    /** The scaffold's placeholder; "TODO(...)" is how code comments cite a ticket, so it is not one. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\bTODO\\b(?!\\()");

    private final Path scratchRoot;
    private final Map<String, String> env;

    public AdmissionCheck(Path scratchRoot, Map<String, String> env) {
        this.scratchRoot = scratchRoot;
        this.env = env;
    }

    /** What admission found for one task; {@code problems} empty means admitted. */
    public record Report(String task, List<Double> oracle, Double baseline, List<DecoyResult> decoys,
                         List<HostileResult> hostile, List<String> problems, double seconds) {
        public boolean admitted() {
            return problems.isEmpty();
        }
    }

    /** How one decoy fared: its score (null on a verify_error), the checks it passed and the grader's evidence. */
    public record DecoyResult(String name, Decoy decoy, Double score, List<String> passedChecks, int totalChecks,
                              String evidence) {
    }

    /** How the grader took one hostile workspace: its score, or null when it broke (verify_error, timeout). */
    public record HostileResult(HostileWorkspace variant, Double score) {
    }

    public Report check(Task task) throws InterruptedException {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        problems.addAll(leaks(task));
        problems.addAll(placeholders(task));
        if (task.maxBaseline() == null) {
            problems.add("task.yaml declares no max_baseline");
        }
        if (task.decoys().isEmpty()) {
            problems.add("task.yaml declares no decoys (add verify/decoys/<name>/ and decoys: {<name>: {max: <score>, kind: gaming}})");
        } else if (task.decoys().values().stream().noneMatch(d -> d.kind() == Decoy.Kind.GAMING)) {
            problems.add("no gaming decoy: declare at least one answer that games the grader as "
                    + "decoys: {<name>: {max: <score>, kind: gaming}}");
        }
        if (!Files.isDirectory(task.solutionDir())) {
            problems.add("no solution/ folder");
        }

        List<Double> oracle = new ArrayList<>();
        for (int i = 0; i < ORACLE_RUNS; i++) {
            oracle.add(score(grade(task, "oracle-" + (i + 1), ws -> Workspace.copyTree(task.solutionDir(), ws), problems)));
        }
        if (oracle.stream().anyMatch(s -> s != null && s < ORACLE_MIN)) {
            problems.add("oracle scores " + fmt(oracle.get(0)) + " < " + ORACLE_MIN + " (the solution must pass verify)");
        }
        if (oracle.stream().distinct().count() > 1) {
            problems.add("oracle scores differ across runs " + oracle + " (a flaky grader)");
        }

        Double baseline = score(grade(task, "baseline", ws -> { }, problems));
        if (baseline != null && task.maxBaseline() != null && baseline > task.maxBaseline()) {
            problems.add("untouched repo scores " + fmt(baseline) + " > max_baseline " + fmt(task.maxBaseline()));
        }

        List<DecoyResult> decoys = new ArrayList<>();
        for (Map.Entry<String, Decoy> d : task.decoys().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            Path overlay = task.verifyDir().resolve("decoys").resolve(d.getKey());
            VerifyOutcome.Graded g = grade(task, "decoy-" + d.getKey(), ws -> Workspace.copyTree(overlay, ws), problems);
            decoys.add(g == null ? new DecoyResult(d.getKey(), d.getValue(), null, List.of(), 0, "")
                    : new DecoyResult(d.getKey(), d.getValue(), g.score(), g.passedChecks(), g.total(), g.evidence()));
            if (g != null && g.score() > d.getValue().max()) {
                problems.add("decoy " + d.getKey() + " scores " + fmt(g.score()) + " > its declared maximum "
                        + fmt(d.getValue().max()) + " (passes: " + String.join(", ", g.passedChecks()) + ")");
            }
        }

        List<HostileResult> hostile = new ArrayList<>();
        List<Path> touched;
        try {
            touched = HostileWorkspace.touchedBy(task.solutionDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (HostileWorkspace variant : HostileWorkspace.values()) {
            List<String> broke = new ArrayList<>();
            Double s = score(grade(task, "hostile-" + variant.wire(), ws -> variant.apply(ws, touched), broke));
            hostile.add(new HostileResult(variant, s));
            broke.forEach(b -> problems.add(b + " (the grader must fail checks on " + variant.description() + ", not crash)"));
        }
        return new Report(task.id(), oracle, baseline, decoys, hostile, problems, (System.nanoTime() - start) / 1e9);
    }

    /** Changes a fresh workspace before it is graded. */
    @FunctionalInterface
    private interface Overlay {
        void apply(Path workspace) throws IOException;
    }

    /** Grades repo/ changed by an overlay; a verify_error is recorded as a problem and yields null. */
    private VerifyOutcome.Graded grade(Task task, String variant, Overlay overlay, List<String> problems)
            throws InterruptedException {
        Path root = scratchRoot.resolve(task.id()).resolve(variant);
        Workspace.deleteTree(root);
        try (Workspace ws = Workspace.create(task.repoDir(), root.resolve("workspace"))) {
            overlay.apply(ws.dir());
            Path transcript = root.resolve("transcript.jsonl");
            Files.writeString(transcript, "");
            // Graded as a run grades: the copy a grader gets, in the sandbox a run would use.
            Path graded = root.resolve("graded");
            GradingCopy.make(ws.dir(), graded);
            VerifyOutcome o = Verifier.run(task, graded, transcript, root.resolve("verify"), env,
                    Sandboxes.bestAvailable(), SandboxLimits.DEFAULTS);
            if (o instanceof VerifyOutcome.Failed f) {
                problems.add(variant + ": verify_error: " + f.reason());
                return null;
            }
            return (VerifyOutcome.Graded) o;
        } catch (IOException e) {
            problems.add(variant + ": " + e.getMessage());
            return null;
        } finally {
            Workspace.deleteTree(root);
        }
    }

    private static Double score(VerifyOutcome.Graded g) {
        return g == null ? null : g.score();
    }

    /** The title and instruction must be written out: the scaffold's TODO placeholders are refused. */
    static List<String> placeholders(Task task) {
        List<String> out = new ArrayList<>();
        if (PLACEHOLDER.matcher(task.title()).find()) {
            out.add("task.yaml: title still reads TODO: " + task.title());
        }
        String instruction;
        try {
            instruction = new String(Files.readAllBytes(task.instructionFile()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (instruction.isBlank()) {
            out.add("instruction.md is empty");
        } else if (PLACEHOLDER.matcher(instruction).find()) {
            String line = instruction.lines().filter(l -> PLACEHOLDER.matcher(l).find()).findFirst().orElse("").strip();
            out.add("instruction.md still reads TODO: " + (line.length() > 80 ? line.substring(0, 79) + "…" : line));
        }
        return out;
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
