package dev.lanebench.harness.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.runners.process.ProcessTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task's verify command under the verify contract (README, "Add a task") and checks the result it writes.
 * The grader gets an environment built from scratch: it runs agent code, so it must never see a harness secret.
 */
public final class Verifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SAMPLE_EVERY_MS = 250;
    private static final java.time.Duration KILL_GRACE = java.time.Duration.ofMillis(500);
    private static final List<String> PASSED_THROUGH = List.of("PATH", "LANG", "LC_ALL", "JAVA_HOME", "TZ");

    private Verifier() {
    }

    /**
     * @param workspace  the finished workspace to grade
     * @param transcript the attempt's transcript (may not exist)
     * @param scratch    a private folder for the result file, the grader's log and its HOME
     */
    public static VerifyOutcome run(Task task, Path workspace, Path transcript, Path scratch, Map<String, String> hostEnv)
            throws InterruptedException {
        long start = System.nanoTime();
        Path result = scratch.resolve("verify-result.json");
        Path log = scratch.resolve("verify.log");
        Process process;
        try {
            Files.createDirectories(scratch);
            Files.deleteIfExists(result);
            List<String> argv = new java.util.ArrayList<>(ProcessTree.sessionPrefix());
            argv.addAll(task.verifyCommand());
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .directory(task.verifyDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.clear();
            PASSED_THROUGH.forEach(k -> {
                if (hostEnv.get(k) != null) {
                    env.put(k, hostEnv.get(k));
                }
            });
            env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("HOME", scratch.toAbsolutePath().toString());
            env.put("TMPDIR", scratch.toAbsolutePath().toString());
            env.put("PYTHONDONTWRITEBYTECODE", "1");
            env.put("LANEBENCH_WORKSPACE", workspace.toAbsolutePath().toString());
            env.put("LANEBENCH_TRANSCRIPT", transcript.toAbsolutePath().toString());
            env.put("LANEBENCH_RESULT", result.toAbsolutePath().toString());
            process = pb.start();
        } catch (IOException e) {
            return new VerifyOutcome.Failed("verify command could not start: " + e.getMessage(), seconds(start));
        }
        ProcessTree tree = new ProcessTree(process.toHandle(), ProcessTree.sessionPrefix().isEmpty() ? -1 : process.pid());
        boolean done = false;
        try {
            long end = System.nanoTime() + task.verifyTimeout().toNanos();
            while (!done && System.nanoTime() < end) {
                long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
                done = process.waitFor(Math.min(SAMPLE_EVERY_MS, leftMs), TimeUnit.MILLISECONDS);
                if (!done) {
                    tree.sample();
                }
            }
        } catch (InterruptedException e) {
            tree.kill(KILL_GRACE);
            throw e;
        }
        if (!done) {
            tree.kill(KILL_GRACE);
            return new VerifyOutcome.Failed("verify timed out after " + task.verifyTimeout().toSeconds() + " s", seconds(start));
        }
        // Background children of the grader are not allowed to outlive it.
        if (tree.hasLeftovers()) {
            tree.kill(KILL_GRACE);
        }
        if (process.exitValue() != 0) {
            return new VerifyOutcome.Failed("verify exited " + process.exitValue() + tail(log), seconds(start));
        }
        return parse(result, seconds(start));
    }

    static VerifyOutcome parse(Path result, double seconds) {
        if (!Files.isRegularFile(result)) {
            return new VerifyOutcome.Failed("verify wrote no result file", seconds);
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(result));
        } catch (IOException e) {
            return new VerifyOutcome.Failed("verify result is not JSON: " + firstLine(e.getMessage()), seconds);
        }
        if (root == null || !root.isObject()) {
            return new VerifyOutcome.Failed("verify result is not a JSON object", seconds);
        }
        JsonNode checks = root.get("checks");
        if (checks != null && !checks.isArray()) {
            return new VerifyOutcome.Failed("verify result: checks must be a list", seconds);
        }
        double sumWeight = 0;
        double sumPassed = 0;
        int passed = 0;
        int total = 0;
        List<VerifyOutcome.Check> named = new java.util.ArrayList<>();
        if (checks != null) {
            for (JsonNode c : checks) {
                if (!c.isObject() || !c.path("name").isTextual() || !c.path("passed").isBoolean()) {
                    return new VerifyOutcome.Failed("verify result: each check needs a string name and a boolean passed", seconds);
                }
                JsonNode w = c.get("weight");
                if (w != null && (!w.isNumber() || w.asDouble() < 0)) {
                    return new VerifyOutcome.Failed("verify result: check '" + c.get("name").asText() + "' has a bad weight", seconds);
                }
                double weight = w == null ? 1.0 : w.asDouble();
                named.add(new VerifyOutcome.Check(c.get("name").asText(), c.get("passed").asBoolean(), weight));
                total++;
                sumWeight += weight;
                if (c.get("passed").asBoolean()) {
                    passed++;
                    sumPassed += weight;
                }
            }
        }
        JsonNode scoreNode = root.get("score");
        double score;
        if (scoreNode != null && !scoreNode.isNull()) {
            if (!scoreNode.isNumber()) {
                return new VerifyOutcome.Failed("verify result: score must be a number", seconds);
            }
            score = scoreNode.asDouble();
        } else if (sumWeight > 0) {
            score = 5.0 * sumPassed / sumWeight;
        } else {
            return new VerifyOutcome.Failed("verify result has neither a score nor weighted checks", seconds);
        }
        if (Double.isNaN(score) || score < 0 || score > 5) {
            return new VerifyOutcome.Failed("verify result: score " + scoreNode + " is outside 0–5", seconds);
        }
        JsonNode ev = root.get("evidence");
        String evidence = ev != null && ev.isTextual() ? ev.asText() : passed + "/" + total + " checks pass";
        return new VerifyOutcome.Graded(score, evidence, passed, total, named, seconds);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    String s = lines.get(i).strip();
                    return ": " + (s.length() > 200 ? s.substring(0, 200) + "…" : s);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
        return "";
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
