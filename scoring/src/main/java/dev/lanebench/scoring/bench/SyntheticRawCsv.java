package dev.lanebench.scoring.bench;

import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.raw.RawCsvSchema;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes a realistic raw.csv of any size for the table benchmark, shaped like a full lane matrix: 15 tasks
 * over five tiers × 14 lanes (five models flat and through the claude CLI, two through codex, oracle, noop),
 * about 6 % infra and 3 % verify errors, a few off-route rows, and grader evidence that needs quoting
 * (commas, quotes, newlines) on about 38 % of the rows; about 310 bytes a row, as a real run's rows are. Seeded, so the same size gives
 * the same file.
 */
public final class SyntheticRawCsv {
    static final String[][] TASKS = {
        {"config-refactor", "t1_trivial"}, {"env-script-fix", "t1_trivial"}, {"yaml-key-rename", "t1_trivial"},
        {"flaky-test-fix", "t2_medium"}, {"java-bugfix", "t2_medium"}, {"sqlite-migration", "t2_medium"},
        {"mock-introspection-trap", "t3_complex"}, {"path-sandbox-ssrf", "t3_complex"},
        {"state-machine-sse", "t3_complex"}, {"fallback-router-budget", "t4_frontier"},
        {"subtle-cache-bugfix", "t4_frontier"}, {"retry-budget-leak", "t4_frontier"},
        {"planted-defect-review", "t5_review_design"}, {"unsafe-diff-review", "t5_review_design"},
        {"migration-plan-review", "t5_review_design"}};
    static final String[][] LANES = { // lane, runner, model, served model
        {"glm-5.2-flat", "flat", "glm-5.2", "z-ai/glm-5.2"},
        {"glm-5.2-harness", "claude", "glm-5.2", "z-ai/glm-5.2"},
        {"glm-5.2-codex", "codex", "glm-5.2", "z-ai/glm-5.2"},
        {"qwen3-coder-flat", "flat", "qwen3-coder", "qwen/qwen3-coder"},
        {"qwen3-coder-harness", "claude", "qwen3-coder", "qwen/qwen3-coder"},
        {"deepseek-flat", "flat", "deepseek", "deepseek/deepseek-chat"},
        {"deepseek-harness", "claude", "deepseek", "deepseek/deepseek-chat"},
        {"deepseek-codex", "codex", "deepseek", "deepseek/deepseek-chat"},
        {"kimi-k2-flat", "flat", "kimi-k2", "moonshotai/kimi-k2"},
        {"kimi-k2-harness", "claude", "kimi-k2", "moonshotai/kimi-k2"},
        {"gpt-oss-flat", "flat", "gpt-oss", "openai/gpt-oss-120b"},
        {"gpt-oss-harness", "claude", "gpt-oss", "openai/gpt-oss-120b"},
        {"oracle", "oracle", null, null},
        {"noop", "noop", null, null}};
    // 12 of 14 lanes call a model; these make 6 % and 3 % of all rows
    private static final double INFRA = 0.06 * 14 / 12;
    private static final double VERIFY = 0.03 * 14 / 12;
    private static final String[] PLAIN_EVIDENCE = {
        "11/11 checks pass; oracle-equivalent behaviour on every hidden scenario",
        "no change",
        "6/8 hidden scenarios pass; failing: test_ttl_eviction and test_reinsert_after_expiry_refreshes_order",
        "5/7 checks pass (replay_from_last_event_id and concurrent_transition_guard fail under load)"};
    private static final String[] QUOTED_EVIDENCE = {
        "5/6 checks pass, expired entry \"k3\" not evicted after ttl; size() counts expired entries",
        "2/4 pass\nfailing: test_ttl_eviction, test_reinsert (expected 3 evictions, saw 1)",
        "9/12 checks pass, failed: redirect_hop_checked, ipv6_mapped_loopback, double_encoded_dot_segment",
        "capped at 3.5: the transcript shows 2 writes, budget {run: 0, write: 1}; blocklist matched 7 of 9"};
    // share of scored rows that get a quoted evidence, so that with the quoted verify errors 38 % of rows quote
    private static final double QUOTED_SHARE = (0.38 - 0.03) / 0.91;

    private SyntheticRawCsv() {
    }

    /** Writes {@code rows} rows (plus the header) to {@code file}, replacing it. */
    public static void write(Path file, int rows) throws IOException {
        ScoringConfig config = ScoringConfig.defaults();
        SplittableRandom random = new SplittableRandom(20260101L);
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(RawCsvSchema.HEADER_LINE);
            out.write('\n');
            for (int i = 0; i < rows; i++) {
                out.write(RawCsvSchema.formatLine(row(i, random, config, start)));
            }
        }
    }

    private static RawRow row(int i, SplittableRandom random, ScoringConfig config, Instant start) {
        String[] task = TASKS[i % TASKS.length];
        String[] lane = LANES[(i / TASKS.length) % LANES.length];
        int cellVisit = i / (TASKS.length * LANES.length);
        String runId = "2026-01-01T1200-" + (cellVisit / 1000);
        boolean modelLane = lane[2] != null;
        double roll = random.nextDouble();
        Status status = !modelLane || roll >= INFRA + VERIFY ? Status.SCORED
                : roll < INFRA ? Status.INFRA_ERROR : Status.VERIFY_ERROR;
        boolean offRoute = modelLane && status == Status.SCORED && random.nextDouble() < 0.02;
        double deadline = 1800;
        Double correctness = null;
        Double process = null;
        Double costEff = null;
        Double timeEff = null;
        Double composite = null;
        Double agentS = modelLane ? Math.round(random.nextDouble(20, deadline) * 10) / 10.0 : 0.1;
        Double cost = modelLane ? Math.round(random.nextDouble(0.001, 0.9) * 10000) / 10000.0 : null;
        int violations = random.nextInt(3);
        String evidence = null;
        if (status == Status.SCORED) {
            correctness = switch (lane[1]) {
                case "oracle" -> 5.0;
                case "noop" -> 0.0;
                default -> Math.round(random.nextDouble(0, 5) * 8) / 8.0;
            };
            process = Composite.process(violations);
            costEff = Composite.costEff(cost, config.budgetUsd(task[1]));
            timeEff = Composite.timeEff(agentS, deadline);
            composite = Composite.compute(new Components(correctness, process, costEff, timeEff, null),
                    config.weights());
            String[] pool = random.nextDouble() < QUOTED_SHARE ? QUOTED_EVIDENCE : PLAIN_EVIDENCE;
            evidence = pool[random.nextInt(pool.length)];
        }
        String error = switch (status) {
            case INFRA_ERROR -> "upstream 429 after 3 retries";
            case VERIFY_ERROR -> "verify exited 1: Traceback (most recent call last), see transcript";
            default -> null;
        };
        long input = modelLane ? random.nextLong(5_000, 400_000) : 0;
        return new RawRow(runId, task[0], task[1], lane[0], lane[1], lane[2], cellVisit % 3 + 1,
                status == Status.INFRA_ERROR ? 1 : 1 + random.nextInt(2), status, composite, correctness, process,
                costEff, timeEff, null, evidence, status == Status.SCORED ? agentS >= deadline : null,
                agentS + 5.3, agentS, 4.2, modelLane ? 1 + random.nextInt(40) : null,
                modelLane ? random.nextInt(80) : null, violations, modelLane ? input : null,
                modelLane ? input / 2 : null, modelLane ? random.nextLong(500, 20_000) : null,
                modelLane ? 0L : null, cost, offRoute ? "openai/gpt-5-mini" : lane[3],
                modelLane ? !offRoute : null, 0, error, start.plusSeconds(i).toString(), "9f2c1a7b3e4d", "0.1.0",
                modelLane ? "bwrap" : "none", null);
    }
}
