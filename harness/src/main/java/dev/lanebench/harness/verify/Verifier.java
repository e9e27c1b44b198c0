package dev.lanebench.harness.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.runners.sandbox.HostProcess;
import dev.lanebench.runners.sandbox.Sandbox;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.sandbox.SandboxedProcess;
import dev.lanebench.runners.sandbox.Supervisor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a task's grader under the verify contract and checks the result it writes. The grader is trusted code
 * from the catalogue and runs on the host, in a session of its own that dies with the harness, with an
 * environment built from the one allowlist; the agent code it runs goes through the lane's kind of sandbox,
 * which the verify helper learns from {@code LANEBENCH_SANDBOX}. The result file lies in a folder that sandbox
 * never shows.
 */
public final class Verifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOG_LIMIT = 1024 * 1024;

    private Verifier() {
    }

    /**
     * @param workspace  the finished workspace to grade
     * @param transcript the attempt's transcript (may not exist)
     * @param scratch    a private folder for the result file, the grader's log, HOME and TMPDIR
     * @param sandbox    the kind of sandbox agent code runs in while graded
     */
    public static VerifyOutcome run(Task task, Path workspace, Path transcript, Path scratch, Map<String, String> hostEnv,
                                    Sandbox sandbox, SandboxLimits limits) throws InterruptedException {
        long start = System.nanoTime();
        Path result = scratch.resolve("result").resolve("verify-result.json");
        Path log = scratch.resolve("verify.log");
        SandboxedProcess process;
        OutputStream logOut;
        try {
            Files.createDirectories(result.getParent());
            Path home = Files.createDirectories(scratch.resolve("home"));
            Path tmp = Files.createDirectories(scratch.resolve("tmp"));
            Files.deleteIfExists(result);
            Map<String, String> env = new LinkedHashMap<>(sandbox.graderEnvironment(hostEnv));
            env.put("HOME", home.toAbsolutePath().toString());
            env.put("TMPDIR", tmp.toAbsolutePath().toString());
            env.put("PYTHONDONTWRITEBYTECODE", "1");
            env.put("LANEBENCH_WORKSPACE", workspace.toAbsolutePath().toString());
            env.put("LANEBENCH_TRANSCRIPT", transcript.toAbsolutePath().toString());
            env.put("LANEBENCH_RESULT", result.toAbsolutePath().toString());
            env.put("LANEBENCH_SANDBOX", JSON.writeValueAsString(sandbox.forGrader(scratch, limits)));
            logOut = Files.newOutputStream(log);
            process = HostProcess.start(task.verifyCommand(), task.verifyDir(), env, null, null);
        } catch (IOException e) {
            return new VerifyOutcome.Failed("verify command could not start: " + e.getMessage(), seconds(start));
        }
        Supervisor.Exit exit;
        try (OutputStream out = logOut) {
            long[] written = {0};
            exit = Supervisor.supervise(process, (b, off, n) -> {
                int keep = (int) Math.max(0, Math.min(n, LOG_LIMIT - written[0]));
                if (keep > 0) {
                    try {
                        out.write(b, off, keep);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    written[0] += keep;
                }
            }, task.verifyTimeout(), null, null);
        } catch (IOException e) {
            return new VerifyOutcome.Failed("verify log: " + e.getMessage(), seconds(start));
        }
        if (exit.exitCode() == null) {
            return new VerifyOutcome.Failed("verify timed out after " + task.verifyTimeout().toSeconds() + " s", seconds(start));
        }
        if (exit.exitCode() != 0) {
            return new VerifyOutcome.Failed("verify exited " + exit.exitCode() + tail(log), seconds(start));
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
        List<String> failed = named.stream().filter(c -> !c.passed()).map(VerifyOutcome.Check::name).toList();
        String evidence = shortEvidence(ev != null && ev.isTextual() ? ev.asText() : passed + "/" + total + " checks pass",
                failed);
        return new VerifyOutcome.Graded(score, evidence, passed, total, named, pretty(root), seconds);
    }

    private static String pretty(JsonNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return root.toString();
        }
    }

    /** The most check names the row's evidence lists before it says how many more failed. */
    private static final int FAILED_NAMES_CHARS = 160;

    /**
     * The row's verify_evidence: the grader's line, then the failed checks by name ({@code 6/8 checks pass;
     * failed: a, b}), so a table reader sees what was lost without opening the checks file.
     */
    static String shortEvidence(String evidence, List<String> failed) {
        if (failed.isEmpty()) {
            return evidence;
        }
        StringBuilder names = new StringBuilder();
        int shown = 0;
        for (String f : failed) {
            String name = f.replaceAll("\\s+", " ").strip();
            if (shown > 0 && names.length() + name.length() > FAILED_NAMES_CHARS) {
                break;
            }
            names.append(shown == 0 ? "" : ", ").append(name);
            shown++;
        }
        if (shown < failed.size()) {
            names.append(" (+").append(failed.size() - shown).append(" more)");
        }
        return evidence + "; failed: " + names;
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
