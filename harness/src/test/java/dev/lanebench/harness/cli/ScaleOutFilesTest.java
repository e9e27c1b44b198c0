package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The shipped scale-out files, read and wired together without a network: the GitHub Actions matrix workflow, the
 * Kubernetes Indexed Job and merge Job, and the image they use. Their shell steps are run with a stand-in
 * `lanebench` that records its arguments, and every command line it receives must parse as lanebench's own.
 */
class ScaleOutFilesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path tmp;

    private static JsonNode yaml(String rel) throws IOException {
        return YAML.readTree(ROOT.resolve(rel).toFile());
    }

    /** Runs a shell step with a stand-in lanebench on PATH (and as ./lanebench); returns each call's arguments. */
    private List<List<String>> runStep(String script, Map<String, String> env, String shell) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path calls = tmp.resolve("calls");
        Files.writeString(bin.resolve("lanebench"), """
                #!/bin/sh
                printf '%s\\036' "$@" >> "$LANEBENCH_CALLS"
                printf '\\n' >> "$LANEBENCH_CALLS"
                exit "${LANEBENCH_EXIT:-0}"
                """);
        bin.resolve("lanebench").toFile().setExecutable(true);
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.copy(bin.resolve("lanebench"), work.resolve("lanebench"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        work.resolve("lanebench").toFile().setExecutable(true);
        Files.deleteIfExists(calls);
        ProcessBuilder pb = new ProcessBuilder(shell, "-e", "-c", script).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("LANEBENCH_CALLS", calls.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<List<String>> result = new ArrayList<>();
        if (Files.exists(calls)) {
            for (String line : Files.readAllLines(calls)) {
                List<String> args = new ArrayList<>(Arrays.asList(line.split("\u001e", -1)));
                args.remove(args.size() - 1);
                result.add(args);
            }
        }
        return result;
    }

    /** The arguments must be a lanebench command line: known subcommand, known options, good values. */
    private static CommandLine.ParseResult parses(List<String> args) {
        return new CommandLine(new Main()).parseArgs(args.toArray(String[]::new)).subcommand();
    }

    private static String githubExpressionsFilled(String script, Map<String, String> values) {
        Matcher m = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}").matcher(script);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(b);
        return b.toString();
    }

    @Test
    void theMatrixWorkflowFansOutShardsOfOneRunAndMergesThem() throws Exception {
        JsonNode wf = yaml(".github/workflows/matrix.yml");
        JsonNode on = wf.has("on") ? wf.get("on") : wf.get("true");
        assertThat(on.path("workflow_dispatch").path("inputs").fieldNames()).toIterable()
                .contains("lanes", "tasks", "tier", "reps", "shards");
        JsonNode jobs = wf.path("jobs");

        JsonNode planStep = jobs.path("plan").path("steps").get(0);
        Path output = tmp.resolve("github-output");
        Files.writeString(output, "");
        runStep(githubExpressionsFilled(planStep.path("run").asText(), Map.of("github.run_id", "42", "github.run_attempt", "1")),
                Map.of("SHARDS", "4", "GITHUB_OUTPUT", output.toString()), "bash");
        Map<String, String> outputs = new HashMap<>();
        for (String line : Files.readAllLines(output)) {
            outputs.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        assertThat(new ObjectMapper().readTree(outputs.get("shards")).toString()).isEqualTo("[1,2,3,4]");
        assertThat(outputs.get("run_id")).isEqualTo("matrix-42-1");

        JsonNode shard = jobs.path("shard");
        assertThat(shard.path("needs").asText()).isEqualTo("plan");
        assertThat(shard.path("strategy").path("matrix").path("shard").asText())
                .isEqualTo("${{ fromJSON(needs.plan.outputs.shards) }}");
        assertThat(shard.path("strategy").path("fail-fast").asBoolean(true)).isFalse();
        JsonNode runStep = step(shard, "Run the shard");
        Map<String, String> env = new HashMap<>();
        runStep.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        assertThat(env).containsEntry("SHARD", "${{ matrix.shard }}").containsEntry("SHARDS", "${{ inputs.shards }}")
                .containsEntry("RUN_ID", "${{ needs.plan.outputs.run_id }}");
        List<String> outs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            List<List<String>> calls = runStep(runStep.path("run").asText(), Map.of("LANES", "a-flat,b-harness", "TASKS", "",
                    "TIER", "t3_complex", "REPS", "2", "MAX_COST", "25", "RUN_ID", "matrix-42-1", "SHARD", String.valueOf(i),
                    "SHARDS", "4"), "bash");
            assertThat(calls).hasSize(1);
            CommandLine.ParseResult run = parses(calls.get(0));
            assertThat(run.commandSpec().name()).isEqualTo("run");
            assertThat(run.matchedOptionValue("--shard", "")).isEqualTo(i + "/4");
            assertThat(run.matchedOptionValue("--run-id", "")).isEqualTo("matrix-42-1");
            assertThat(run.matchedOptionValue("--tier", List.of())).isEqualTo(List.of("t3_complex"));
            assertThat(run.hasMatchedOption("--tasks")).isFalse();
            outs.add(run.matchedOptionValue("--out", (Path) null).toString());
        }
        assertThat(outs).containsExactly("results/part-1", "results/part-2", "results/part-3", "results/part-4");
        JsonNode upload = step(shard, "Upload the part");
        assertThat(upload.path("if").asText()).isEqualTo("always()");
        assertThat(upload.path("with").path("name").asText()).isEqualTo("part-${{ matrix.shard }}");
        assertThat(upload.path("with").path("path").asText()).isEqualTo("results/part-${{ matrix.shard }}");

        JsonNode merge = jobs.path("merge");
        assertThat(merge.path("needs").toString()).contains("shard");
        assertThat(merge.path("if").asText()).isEqualTo("always()");
        JsonNode download = step(merge, "Download the parts");
        assertThat(download.path("with").path("pattern").asText()).isEqualTo("part-*");
        String partsDir = download.path("with").path("path").asText();
        for (int i = 1; i <= 4; i++) {
            Files.createDirectories(tmp.resolve("work").resolve(partsDir).resolve("part-" + i));
        }
        List<List<String>> mergeCalls = runStep(step(merge, "Merge the parts").path("run").asText(), Map.of(), "bash");
        CommandLine.ParseResult m = parses(mergeCalls.get(0));
        assertThat(m.commandSpec().name()).isEqualTo("merge");
        assertThat(m.matchedPositionals().stream().flatMap(p -> p.stringValues().stream()).toList())
                .containsExactly("results/merged", "parts/part-1", "parts/part-2", "parts/part-3", "parts/part-4");
        assertThat(step(merge, "Tables into the job summary").path("run").asText())
                .contains("results/merged/summary.md").contains("GITHUB_STEP_SUMMARY");
        assertThat(step(merge, "Upload the merged run").path("with").path("path").asText()).isEqualTo("results/merged");
    }

    private static JsonNode step(JsonNode job, String name) {
        for (JsonNode s : job.path("steps")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step '" + name + "'");
    }

    @Test
    void theIndexedJobGivesEachPodItsShardAndTheMergeJobJoinsThem() throws Exception {
        JsonNode job = yaml("deploy/k8s/matrix-job.yaml");
        JsonNode secret = yaml("deploy/k8s/secret.example.yaml");
        JsonNode pvc = yaml("deploy/k8s/results-pvc.yaml");
        JsonNode mergeJob = yaml("deploy/k8s/merge-job.yaml");
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        assertThat(job.path("spec").path("completionMode").asText()).isEqualTo("Indexed");
        int completions = job.path("spec").path("completions").asInt();
        assertThat(job.path("spec").path("parallelism").asInt()).isEqualTo(completions);
        JsonNode pod = job.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        Map<String, String> env = env(container);
        assertThat(Integer.parseInt(env.get("SHARDS"))).as("SHARDS = completions").isEqualTo(completions);
        assertThat(container.path("envFrom").get(0).path("secretRef").path("name").asText())
                .isEqualTo(secret.path("metadata").path("name").asText());
        assertThat(pod.path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText())
                .isEqualTo(pvc.path("metadata").path("name").asText());
        assertThat(pvc.path("spec").path("accessModes").toString()).contains("ReadWriteMany");
        String mount = container.path("volumeMounts").get(0).path("mountPath").asText();
        String script = container.path("args").get(0).asText().replace(mount + "/", tmp.resolve("volume") + "/");

        List<String> parts = new ArrayList<>();
        for (int index = 0; index < completions; index++) {
            Map<String, String> podEnv = new HashMap<>(env);
            podEnv.put("JOB_COMPLETION_INDEX", String.valueOf(index));
            List<List<String>> calls = runStep(script, podEnv, "sh");
            CommandLine.ParseResult run = parses(calls.get(0));
            assertThat(run.matchedOptionValue("--shard", "")).isEqualTo((index + 1) + "/" + completions);
            assertThat(run.matchedOptionValue("--run-id", "")).isEqualTo(env.get("RUN_ID"));
            parts.add(run.matchedOptionValue("--out", (Path) null).toString());
        }
        assertThat(parts).doesNotHaveDuplicates().allMatch(p -> p.startsWith(tmp.resolve("volume/" + env.get("RUN_ID")).toString()));

        Path retried = Files.createDirectories(Path.of(parts.get(1)));
        Files.writeString(retried.resolve("run.json"), "{}");
        Map<String, String> again = new HashMap<>(env);
        again.put("JOB_COMPLETION_INDEX", "1");
        CommandLine.ParseResult resumed = parses(runStep(script, again, "sh").get(0));
        assertThat(resumed.matchedOptionValue("--resume", (Path) null)).isEqualTo(retried);
        Map<String, String> failing = new HashMap<>(again);
        failing.put("LANEBENCH_EXIT", "1");
        runStep(script, failing, "sh");
        JsonNode rule = job.path("spec").path("podFailurePolicy").path("rules").get(0);
        assertThat(rule.path("action").asText()).isEqualTo("FailJob");
        assertThat(rule.path("onExitCodes").path("values").toString()).isEqualTo("[2]");

        JsonNode mergeContainer = mergeJob.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(env(mergeContainer).get("RUN_ID")).isEqualTo(env.get("RUN_ID"));
        assertThat(mergeJob.path("spec").path("template").path("spec").path("volumes").get(0)
                .path("persistentVolumeClaim").path("claimName").asText()).isEqualTo(pvc.path("metadata").path("name").asText());
        assertThat(mergeContainer.path("image").asText()).isEqualTo(container.path("image").asText());
        for (String part : parts) {
            Files.createDirectories(Path.of(part));
        }
        String mergeScript = mergeContainer.path("args").get(0).asText().replace(mount + "/", tmp.resolve("volume") + "/");
        CommandLine.ParseResult merge = parses(runStep(mergeScript, env(mergeContainer), "sh").get(0));
        assertThat(merge.commandSpec().name()).isEqualTo("merge");
        assertThat(merge.matchedPositionals().stream().flatMap(p -> p.stringValues().stream()).toList())
                .contains(tmp.resolve("volume/" + env.get("RUN_ID") + "/merged").toString()).containsAll(parts);
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> m = new HashMap<>();
        container.path("env").forEach(e -> m.put(e.path("name").asText(), e.path("value").asText()));
        return m;
    }

    @Test
    void theImageBuildsTheJarWithThePinnedCliAndBubblewrap() throws IOException {
        String docker = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        String ci = Files.readString(ROOT.resolve(".ci/run"));
        Matcher pinned = Pattern.compile("CLAUDE_VERSION=(\\S+)").matcher(ci);
        assertThat(pinned.find()).isTrue();
        assertThat(docker).contains("ARG CLAUDE_VERSION=" + pinned.group(1))
                .contains("@anthropic-ai/claude-code@${CLAUDE_VERSION}")
                .containsPattern("\\./mvnw [^\\n]*package").contains("harness/target/lanebench.jar")
                .contains("bubblewrap").contains("python3").contains("ENTRYPOINT [\"lanebench\"]");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("docker build -f deploy/Dockerfile -t lanebench .");
    }
}
