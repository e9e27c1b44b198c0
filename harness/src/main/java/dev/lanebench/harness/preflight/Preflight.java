package dev.lanebench.harness.preflight;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.harness.preflight.KeyCheck.Finding;
import dev.lanebench.harness.run.AttemptExecutor;
import dev.lanebench.harness.run.AttemptRecorder;
import dev.lanebench.harness.run.HarnessVersion;
import dev.lanebench.harness.run.JsonLinesFile;
import dev.lanebench.harness.run.LaneCheck;
import dev.lanebench.harness.run.Replication;
import dev.lanebench.harness.run.RunContext;
import dev.lanebench.harness.run.RunDirectory;
import dev.lanebench.harness.run.RunSession;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.ModelPath;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.secrets.Redactor;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pre-flight: before a run pays for a lane, proves the lane's road end to end. First the keys are looked at
 * (nothing is sent with a missing or empty one); then one small real request goes the runner's own way to the
 * model (straight for flat, through the built-in proxy for an agent CLI) and its answer must show the key
 * accepted, the model the lane names served by a provider inside the endpoint's pin, and a visible answer within
 * the lane's output budget; its cost is read. Then a known-answer micro task runs through the lane's real runner,
 * sandbox and grader. The first failure is the lane's named {@link Verdict}.
 */
public final class Preflight implements LaneCheck {
    static final String PROMPT = "Reply with exactly the two letters OK and nothing else.";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(120);
    /** The micro task's deadline: room for a slow reasoning model to write one file. */
    public static final Duration MICRO_TASK_DEADLINE = Duration.ofSeconds(300);
    private static final int MAX_LANES_AT_ONCE = 8;

    private final Map<String, String> env;
    private final Redactor redactor;
    private final ScoringConfig scoring;
    private final String sandboxOverride;
    private final PrintStream out;
    private final Duration microDeadline;

    /**
     * @param sandboxOverride {@code --sandbox}, or null for each lane's own
     * @param out             where each lane's verdict and the table are printed
     */
    public Preflight(Map<String, String> env, Redactor redactor, ScoringConfig scoring, String sandboxOverride,
                     PrintStream out, Duration microDeadline) {
        this.env = env;
        this.redactor = redactor;
        this.scoring = scoring;
        this.sandboxOverride = sandboxOverride;
        this.out = out;
        this.microDeadline = microDeadline;
    }

    @Override
    public List<LaneCheck.Outcome> check(List<Lane> lanes, Path folder) throws InterruptedException {
        List<LaneCheck.Outcome> verdicts = new ArrayList<>();
        for (PreflightResult r : run(lanes, folder)) {
            verdicts.add(new LaneCheck.Outcome(r.lane(), r.passed(), r.passed() ? null : r.reason(), r.record()));
        }
        return verdicts;
    }

    /** Checks every lane (several at once), prints the table, and returns the results in lane order. */
    public List<PreflightResult> run(List<Lane> lanes, Path folder) throws InterruptedException {
        out.println("pre-flight: " + lanes.size() + " lane" + (lanes.size() == 1 ? "" : "s")
                + " (key, route, output budget, price, then a known-answer task through the real runner) ...");
        List<PreflightResult> results = new ArrayList<>();
        Path workRoot = null;
        try {
            Files.createDirectories(folder);
            Task micro = MicroTask.write(folder.resolve("task"), microDeadline);
            workRoot = RunSession.privateWorkRoot();
            RunDirectory dir = new RunDirectory(folder, "preflight");
            Map<String, LaneSandbox> sandboxes = new LinkedHashMap<>();
            lanes.forEach(l -> sandboxes.put(l.name(), LaneSandbox.of(l, sandboxOverride)));
            try (JsonLinesFile routes = JsonLinesFile.appendTo(dir.routes(), redactor)) {
                RunContext ctx = new RunContext(dir, workRoot, routes, redactor, env, scoring, false,
                        HarnessVersion.get(), sandboxes);
                results = checkAll(lanes, micro, ctx);
            }
        } catch (IOException e) {
            for (Lane l : lanes) {
                results.add(result(l, null, null, null, new Finding(Verdict.NOT_READY, "pre-flight folder: " + e.getMessage()), null));
            }
        } finally {
            if (workRoot != null) {
                Workspace.deleteTree(workRoot);
            }
        }
        out.print(PreflightTable.render(results));
        return results;
    }

    private List<PreflightResult> checkAll(List<Lane> lanes, Task micro, RunContext ctx) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(lanes.size(), MAX_LANES_AT_ONCE)), r -> {
            Thread t = new Thread(r, "lanebench-preflight");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PreflightResult>> futures = new ArrayList<>();
            for (Lane lane : lanes) {
                futures.add(pool.submit(() -> {
                    PreflightResult r = checkLane(lane, micro, ctx);
                    synchronized (out) {
                        out.println("  " + lane.name() + ": " + r.reason());
                    }
                    return r;
                }));
            }
            List<PreflightResult> results = new ArrayList<>();
            for (Future<PreflightResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One lane, from its keys to the micro task; stops at the first failure. */
    PreflightResult checkLane(Lane lane, Task micro, RunContext ctx) throws InterruptedException, IOException {
        Optional<Finding> keys = KeyCheck.of(lane, env);
        if (keys.isPresent()) {
            return result(lane, null, null, null, keys.get(), null);
        }
        Readiness ready = LaneSandbox.readiness(lane, sandboxOverride, env);
        if (!ready.ready()) {
            return result(lane, null, null, null, new Finding(Verdict.NOT_READY, ready.reason()), null);
        }
        Runner runner = RunnerFactory.create(lane);
        Optional<ModelPath> path = runner.modelPath();
        ModelCall okCall = null;
        ModelPath.Answer answer = null;
        Double cost = null;
        if (path.isPresent()) {
            Path probeLog = ctx.dir().root().resolve("probe").resolve(lane.name() + ".jsonl");
            List<ModelCall> probeCalls;
            try (AttemptRecorder log = new AttemptRecorder(probeLog, ctx.routes(), key(lane, "probe"), redactor)) {
                answer = path.get().ask(PROMPT, env, Instant.now().plus(PROBE_TIMEOUT), log);
                probeCalls = log.modelCalls();
            }
            okCall = probeCalls.stream().filter(ModelCall::ok).reduce((a, b) -> b).orElse(null);
            ModelCall proof = okCall;
            ModelPath.Answer probe = answer;
            String pathError = answer.error() == null ? null : redactor.apply(answer.error());
            Optional<Finding> failed = RouteProof.noAnswer(probeCalls, pathError)
                    .or(() -> RouteProof.route(lane, proof))
                    .or(() -> RouteProof.answer(probe).map(f -> new Finding(f.verdict(), redactor.apply(f.detail()))));
            cost = cost(probeCalls);
            if (failed.isPresent()) {
                return result(lane, okCall == null ? last(probeCalls) : okCall, answer.maxTokens(), cost, failed.get(), null);
            }
        }

        List<ModelCall> microCalls = Collections.synchronizedList(new ArrayList<>());
        RawRow row = new AttemptExecutor(ctx, microCalls::add).run(new Replication(micro, lane, 1), 1, runner);
        List<ModelCall> calls;
        synchronized (microCalls) {
            calls = List.copyOf(microCalls);
        }
        String microText = describe(row);
        Optional<Finding> microFailed = calls.stream().filter(ModelCall::ok).map(c -> RouteProof.route(lane, c))
                .flatMap(Optional::stream).findFirst()
                .or(() -> microTask(row, calls));
        if (answer == null) {
            // A runner without a probe road (none yet for some agent CLIs) is proved by its micro task alone.
            microText += "; runner " + lane.runner() + " has no probe road: route and price come from the micro task,"
                    + " the output budget is not checked";
            okCall = calls.stream().filter(ModelCall::ok).findFirst().orElse(last(calls));
        } else if (answer.text() != null && !answer.text().strip().equalsIgnoreCase("OK") && microFailed.isEmpty()) {
            microText += "; the probe answered " + clip(answer.text()) + " (asked for OK)";
        }
        return result(lane, okCall, answer == null ? null : answer.maxTokens(), add(cost, row.costUsd()),
                microFailed.orElse(new Finding(Verdict.OK, null)), microText);
    }

    /** The micro task's verdict: scored 5, or why not. */
    private Optional<Finding> microTask(RawRow row, List<ModelCall> calls) {
        if (row.status() == Status.INFRA_ERROR) {
            return RouteProof.noAnswer(calls, row.error()).or(() -> Optional.of(new Finding(Verdict.MICRO_TASK_FAILED,
                    "infra error: " + row.error())));
        }
        if (row.status() == Status.VERIFY_ERROR) {
            return Optional.of(new Finding(Verdict.MICRO_TASK_FAILED, "the grader failed: " + row.error()));
        }
        if (row.correctness() == null || row.correctness() < 5.0) {
            return Optional.of(new Finding(Verdict.MICRO_TASK_FAILED, "ok.txt was not written as asked ("
                    + row.verifyEvidence() + ")" + (row.error() == null ? "" : "; " + row.error())));
        }
        return Optional.empty();
    }

    private static String describe(RawRow row) {
        if (row.status() == Status.SCORED) {
            return String.format(Locale.ROOT, "scored %.2f in %.1f s, %d turns", row.correctness(),
                    row.agentS() == null ? 0 : row.agentS(), row.turns() == null ? 0 : row.turns());
        }
        return row.status().wire();
    }

    private PreflightResult result(Lane lane, ModelCall call, Integer maxTokens, Double cost, Finding finding,
                                   String microTask) {
        return new PreflightResult(lane.name(), lane.runner(), lane.model() == null ? null : lane.model().endpoint(),
                lane.endpoint() == null ? null : lane.endpoint().baseUrl(),
                lane.model() == null ? null : lane.model().id(), call == null ? null : call.servedModel(),
                call == null ? null : call.provider(), call == null || !call.ok() ? null : call.latencyMs(), cost,
                maxTokens, finding.verdict(), finding.detail(), microTask, Instant.now());
    }

    private static Map<String, Object> key(Lane lane, String what) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("task", "preflight-" + what);
        k.put("lane", lane.name());
        return k;
    }

    private static ModelCall last(List<ModelCall> calls) {
        return calls.isEmpty() ? null : calls.get(calls.size() - 1);
    }

    private static Double cost(List<ModelCall> calls) {
        Double sum = null;
        for (ModelCall c : calls) {
            sum = add(sum, c.costUsd());
        }
        return sum;
    }

    private static Double add(Double a, Double b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
    }

    private static String clip(String s) {
        String t = s.strip().replace('\n', ' ');
        return "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "'";
    }
}
