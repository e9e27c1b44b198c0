package dev.lanebench.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.harness.catalogue.ContentHash;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.scoring.raw.RawCsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * run.json: what a run was asked to do and with what (harness version, arguments, the lanes and tasks with
 * content hashes, tool versions), when it started and ended, and how it came out. A resumed run reads its plan
 * back from here.
 */
public final class RunManifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root;

    private RunManifest(ObjectNode root) {
        this.root = root;
    }

    public static RunManifest create(String runId, List<String> args, List<Task> tasks, List<Lane> lanes,
                                     Integer repsOverride, Map<String, Map<String, String>> toolVersions,
                                     Map<String, Path> inputs, Map<String, LaneSandbox> sandboxes) {
        ObjectNode r = JSON.createObjectNode();
        r.put("run_id", runId);
        r.put("harness_version", HarnessVersion.get());
        r.put("raw_schema", RawCsvSchema.VERSION);
        ArrayNode a = r.putArray("args");
        args.forEach(a::add);
        ObjectNode files = r.putObject("inputs");
        inputs.forEach((k, v) -> files.put(k, v.toAbsolutePath().normalize().toString()));
        r.put("started_at", Instant.now().toString());
        r.putNull("ended_at");
        r.putArray("resumed_at");
        if (repsOverride == null) {
            r.putNull("reps_override");
        } else {
            r.put("reps_override", repsOverride);
        }
        ArrayNode t = r.putArray("tasks");
        for (Task task : tasks) {
            t.addObject().put("id", task.id()).put("tier", task.tier()).put("reps", task.reps()).put("hash", task.hash());
        }
        ArrayNode l = r.putArray("lanes");
        for (Lane lane : lanes) {
            ObjectNode o = l.addObject();
            o.put("name", lane.name());
            o.put("runner", lane.runner());
            o.put("model", lane.modelName());
            o.put("model_id", lane.model() == null ? null : lane.model().id());
            o.put("endpoint", lane.endpoint() == null ? null : lane.endpoint().baseUrl());
            o.put("small_model_id", lane.smallModel() == null ? null : lane.smallModel().id());
            o.put("hash", ContentHash.ofText(JSON.valueToTree(lane).toString()));
            o.set("tool_versions", JSON.valueToTree(toolVersions.getOrDefault(lane.name(), Map.of())));
            LaneSandbox sb = sandboxes.get(lane.name());
            if (sb != null) {
                ObjectNode s = o.putObject("sandbox");
                s.put("backend", sb.name());
                s.put("version", sb.sandbox().version());
                s.put("isolated", sb.sandbox().isolates());
                s.put("limits", sb.limits().describe());
            }
        }
        return new RunManifest(r);
    }

    public static RunManifest read(Path file) throws IOException {
        JsonNode n = JSON.readTree(file.toFile());
        if (n == null || !n.isObject()) {
            throw new IOException(file + ": not a run manifest");
        }
        return new RunManifest((ObjectNode) n);
    }

    public List<String> taskIds() {
        List<String> ids = new ArrayList<>();
        root.path("tasks").forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    public List<String> laneNames() {
        List<String> names = new ArrayList<>();
        root.path("lanes").forEach(l -> names.add(l.path("name").asText()));
        return names;
    }

    /** The model ids a lane of the run called (main and small), as recorded at its start; empty when unknown. */
    public List<String> modelIds(String lane) {
        List<String> ids = new ArrayList<>();
        for (JsonNode l : root.path("lanes")) {
            if (l.path("name").asText().equals(lane)) {
                for (String f : new String[] {"model_id", "small_model_id"}) {
                    if (l.path(f).isTextual()) {
                        ids.add(l.path(f).asText());
                    }
                }
            }
        }
        return ids;
    }

    public Integer repsOverride() {
        JsonNode n = root.get("reps_override");
        return n == null || n.isNull() ? null : n.asInt();
    }

    public String taskHash(String id) {
        for (JsonNode t : root.path("tasks")) {
            if (t.path("id").asText().equals(id)) {
                return t.path("hash").asText();
            }
        }
        return null;
    }

    /** The private work folder of the run's last start or resume, or null. */
    public String workDir() {
        JsonNode n = root.get("work_dir");
        return n == null || n.isNull() ? null : n.asText();
    }

    public void workDir(Path dir) {
        root.put("work_dir", dir.toAbsolutePath().toString());
    }

    /** Lanes of lanes.yaml the run does not run, with the reason ({@code skipped_lanes}). */
    public void skippedLanes(List<SkippedLane> skipped) {
        ArrayNode a = root.putArray("skipped_lanes");
        for (SkippedLane s : skipped) {
            a.addObject().put("lane", s.lane()).put("reason", s.reason());
        }
    }

    public List<SkippedLane> skippedLanes() {
        List<SkippedLane> out = new ArrayList<>();
        root.path("skipped_lanes").forEach(n -> out.add(new SkippedLane(n.path("lane").asText(), n.path("reason").asText())));
        return out;
    }

    /** Replications the run chose not to attempt ({@code not_run}, written where a run decides that). */
    public List<NotRun> notRun() {
        List<NotRun> out = new ArrayList<>();
        root.path("not_run").forEach(n -> out.add(new NotRun(n.path("task").asText(), n.path("lane").asText(),
                n.path("replication").asInt(), n.path("reason").asText())));
        return out;
    }

    /** The git commit of a folder the run used ({@code git.harness}, {@code git.catalogue}); null: not a checkout. */
    public void git(String what, GitCheckout checkout) {
        ObjectNode git = root.has("git") && root.get("git").isObject() ? (ObjectNode) root.get("git") : root.putObject("git");
        if (checkout == null) {
            git.putNull(what);
        } else {
            git.putObject(what).put("commit", checkout.commit()).put("dirty", checkout.dirty());
        }
    }

    public String runId() {
        return root.path("run_id").asText(null);
    }

    /** The slice of the plan this part runs ({@code --shard}), or null for the whole plan. */
    public Shard shard() {
        JsonNode n = root.get("shard");
        return n == null || !n.isObject() ? null : new Shard(n.path("index").asInt(), n.path("count").asInt());
    }

    public void shard(Shard shard) {
        if (shard == null) {
            root.remove("shard");
        } else {
            root.putObject("shard").put("index", shard.index()).put("count", shard.count());
        }
    }

    /** The last pre-flight's result per lane ({@code preflight}), replacing an earlier one. */
    public void preflight(List<Map<String, Object>> results) {
        root.set("preflight", JSON.valueToTree(results));
    }

    /** Records that a lane was left out of the run, and why ({@code skipped_lanes}); one entry per lane. */
    public void skipLane(String lane, String reason) {
        unskipLane(lane);
        ((ArrayNode) root.withArray("skipped_lanes")).addObject().put("lane", lane).put("reason", reason);
    }

    /** A lane that runs after all (it passed pre-flight on resume) is no longer listed as skipped. */
    public void unskipLane(String lane) {
        ArrayNode a = root.withArray("skipped_lanes");
        for (int i = a.size() - 1; i >= 0; i--) {
            if (a.get(i).path("lane").asText().equals(lane)) {
                a.remove(i);
            }
        }
    }

    /** The replications this run left unstarted ({@code not_run}), as of its last start or resume. */
    public void notRun(List<NotRun> notRun) {
        root.set("not_run", JSON.valueToTree(notRun));
    }

    /** The cost cap of the last start or resume and what the run's rows cost in all. */
    public void cost(Double maxCostUsd, double spentUsd) {
        ObjectNode c = root.putObject("cost");
        if (maxCostUsd == null) {
            c.putNull("max_cost_usd");
        } else {
            c.put("max_cost_usd", maxCostUsd);
        }
        c.put("spent_usd", Math.round(spentUsd * 1e8) / 1e8);
    }

    /** Adds the pauses of endpoints that kept answering 429 ({@code endpoint_pauses}). */
    public void endpointPauses(List<EndpointCircuits.Pause> pauses) {
        ArrayNode a = root.withArray("endpoint_pauses");
        for (EndpointCircuits.Pause p : pauses) {
            a.addObject().put("endpoint", p.endpoint()).put("at", p.at().toString()).put("pause_s", p.pauseSeconds())
                    .put("consecutive_429", p.consecutive429());
        }
    }

    /** A copy of the whole manifest, for tools that combine run folders. */
    public ObjectNode json() {
        return root.deepCopy();
    }

    public static RunManifest of(ObjectNode json) {
        return new RunManifest(json.deepCopy());
    }

    public void markResumed() {
        ((ArrayNode) root.withArray("resumed_at")).add(Instant.now().toString());
    }

    /** The end of a start or resume: its time, the attempts by status, and whether a stop cut it short. */
    public void finish(Map<String, Long> statusCounts, boolean stopped) {
        root.put("ended_at", Instant.now().toString());
        root.set("status_counts", JSON.valueToTree(statusCounts));
        root.put("stopped", stopped);
    }

    /** Writes atomically, so a kill never leaves half a manifest. */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
