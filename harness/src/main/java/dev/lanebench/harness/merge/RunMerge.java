package dev.lanebench.harness.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.run.NotRun;
import dev.lanebench.harness.run.NotMeasured;
import dev.lanebench.harness.run.RunManifest;
import dev.lanebench.harness.run.Shard;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.scoring.raw.RawCsvWriter;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import dev.lanebench.scoring.raw.RawCsvSchema;
import dev.lanebench.scoring.tables.TableFormats;
import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code lanebench merge OUT PART…}: combines the run folders of one run (its shards, from several machines)
 * into one. The parts must be of the same run (run id, tasks with the same content hashes, lanes, replications);
 * rows are unioned by {@link MergedRows}; transcripts, patches, checks and routes.jsonl follow their rows;
 * run.json is the plan once, with every part's provenance under {@code shards}. An OUT that already holds a
 * merge is read as one more part, so merging again, or adding a late part, gives the same folder.
 */
public final class RunMerge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ATTEMPT_FOLDERS = List.of("transcripts", "patches", "checks");

    private RunMerge() {
    }

    /** What a merge produced. */
    public record Result(Path out, int parts, int rows, int duplicates, int dropped, int renumbered,
                         List<Integer> missingShards, boolean complete) {
    }

    public static Result merge(Path out, List<Path> partDirs, PrintStream log) throws IOException {
        List<PartRun> parts = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Path outReal = Files.exists(out) ? out.toRealPath() : null;
        if (outReal != null && Files.isRegularFile(out.resolve("run.json"))) {
            seen.add(outReal);
            parts.add(PartRun.read(out));
        } else if (outReal != null && !isEmptyFolder(out)) {
            throw new ConfigException("merge: " + out + " exists and is not a run folder; give an empty or new folder");
        }
        for (Path p : partDirs) {
            if (!Files.isDirectory(p)) {
                throw new ConfigException("merge: " + p + " is not a folder");
            }
            if (seen.add(p.toRealPath())) {
                parts.add(PartRun.read(p));
            }
        }
        if (parts.isEmpty()) {
            throw new ConfigException("merge: no parts given");
        }
        checkSamePlan(parts);
        for (PartRun p : parts) {
            Shard shard = p.manifest().shard();
            log.println("read " + p.label() + ": " + (shard == null ? "whole run" : "shard " + shard) + ", "
                    + p.rows().size() + " rows, raw.csv schema " + p.rawSchema());
        }

        MergedRows merged = MergedRows.of(parts);
        Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".merging-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
        Files.createDirectories(tmp);
        try {
            try (RawCsvWriter w = RawCsvWriter.open(tmp.resolve("raw.csv"))) {
                for (RawRow r : merged.rows()) {
                    w.append(r);
                }
            }
            copyAttemptFiles(merged, tmp);
            writeRoutes(parts, merged, tmp);
            ObjectNode manifest = manifest(parts, merged);
            List<Integer> missing = missingShards(manifest);
            Files.writeString(tmp.resolve("run.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
            RunManifest m = RunManifest.of(manifest);
            List<NotRun> notRun = notRun(manifest);
            String tables = TableFormats.named("md").render(TableReport.of(merged.rows()))
                    .replaceFirst("^# lanebench results", "# lanebench results — run " + m.runId() + " (merged)");
            boolean modelMeasured = merged.rows().stream().anyMatch(r -> r.status() == Status.SCORED && r.model() != null
                    && !r.model().isEmpty());
            NotMeasured notMeasured = new NotMeasured(m.skippedLanes(), notRun, 0, modelMeasured);
            Files.writeString(tmp.resolve("summary.md"), tables + notMeasured.markdown());
            replace(out, tmp);
            boolean complete = missing.isEmpty() && allScored(manifest, merged.rows());
            return new Result(out, parts.size(), merged.rows().size(), merged.duplicates(), merged.dropped(),
                    merged.renumbered(), missing, complete);
        } finally {
            if (Files.exists(tmp)) {
                Workspace.deleteTree(tmp);
            }
        }
    }

    /** One run: the same run id, tasks (same hashes), lanes and replications in every part; else refused. */
    private static void checkSamePlan(List<PartRun> parts) {
        PartRun first = parts.get(0);
        ObjectNode a = first.manifest().json();
        Map<String, String> taskHash = new TreeMap<>();
        Map<String, String> hashFrom = new HashMap<>();
        for (PartRun p : parts) {
            ObjectNode b = p.manifest().json();
            if (!a.path("run_id").equals(b.path("run_id"))) {
                throw new ConfigException("merge: " + p.label() + " is run " + b.path("run_id").asText() + ", "
                        + first.label() + " is run " + a.path("run_id").asText()
                        + " (shards of one run share --run-id)");
            }
            if (!p.manifest().laneNames().equals(first.manifest().laneNames())
                    || !p.manifest().taskIds().equals(first.manifest().taskIds())
                    || !a.path("reps_override").equals(b.path("reps_override"))) {
                throw new ConfigException("merge: " + p.label() + " has another plan (tasks, lanes or --reps) than "
                        + first.label());
            }
            for (String id : p.manifest().taskIds()) {
                hashOf(taskHash, hashFrom, id, p.manifest().taskHash(id), p.label());
            }
            for (RawRow r : p.rows()) {
                hashOf(taskHash, hashFrom, r.task(), r.taskHash(), p.label());
            }
        }
    }

    private static void hashOf(Map<String, String> taskHash, Map<String, String> from, String task, String hash,
                               String where) {
        if (hash == null || hash.isEmpty()) {
            return;
        }
        String was = taskHash.putIfAbsent(task, hash);
        from.putIfAbsent(task, where);
        if (was != null && !was.equals(hash)) {
            throw new ConfigException("merge: task " + task + " has hash " + was + " in " + from.get(task) + " but "
                    + hash + " in " + where + ": refusing to pool two versions of a task");
        }
    }

    /** Each kept row's transcript, patch and check, under the attempt number it has in the merge. */
    private static void copyAttemptFiles(MergedRows merged, Path out) throws IOException {
        for (MergedRows.Kept k : merged.kept()) {
            RawRow r = k.row();
            for (String folder : ATTEMPT_FOLDERS) {
                Path from = k.from().dir().resolve(folder).resolve(r.task()).resolve(r.lane());
                if (!Files.isDirectory(from)) {
                    continue;
                }
                String prefix = "r" + r.replication() + "-a" + k.originalAttempt() + ".";
                try (Stream<Path> files = Files.list(from)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                        String suffix = f.getFileName().toString().substring(prefix.length());
                        Path to = out.resolve(folder).resolve(r.task()).resolve(r.lane())
                                .resolve("r" + r.replication() + "-a" + r.attempt() + "." + suffix);
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /**
     * Every part's routes.jsonl lines, once each, with attempt numbers as in the merge; the lines of attempts the
     * merge dropped (a replication already final elsewhere) are left out. Calls of attempts that never got a row
     * (a killed part) stay: they were made and paid for.
     */
    private static void writeRoutes(List<PartRun> parts, MergedRows merged, Path out) throws IOException {
        Map<String, Integer> renumber = new HashMap<>();
        Set<String> keptAttempts = new HashSet<>();
        Set<String> rowAttempts = new HashSet<>();
        for (PartRun p : parts) {
            for (RawRow r : p.rows()) {
                rowAttempts.add(p.label() + "\u0000" + MergedRows.key(r) + "\u0000" + r.attempt());
            }
        }
        for (MergedRows.Kept k : merged.kept()) {
            String id = k.from().label() + "\u0000" + MergedRows.key(k.row()) + "\u0000" + k.originalAttempt();
            keptAttempts.add(id);
            renumber.put(id, k.row().attempt());
        }
        Set<String> lines = new LinkedHashSet<>();
        for (PartRun p : parts) {
            Path routes = p.dir().resolve("routes.jsonl");
            if (!Files.exists(routes)) {
                continue;
            }
            for (String line : Files.readAllLines(routes, StandardCharsets.UTF_8)) {
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a half-written last line of a killed part
                }
                if (n == null || !n.isObject()) {
                    continue;
                }
                ObjectNode o = (ObjectNode) n;
                String id = p.label() + "\u0000" + o.path("task").asText() + "\u0000" + o.path("lane").asText() + "\u0000"
                        + o.path("replication").asText() + "\u0000" + o.path("attempt").asText();
                if (rowAttempts.contains(id) && !keptAttempts.contains(id)) {
                    continue;
                }
                Integer attempt = renumber.get(id);
                if (attempt != null) {
                    o.put("attempt", attempt);
                }
                lines.add(JSON.writeValueAsString(o));
            }
        }
        Files.write(out.resolve("routes.jsonl"), lines, StandardCharsets.UTF_8);
    }

    /** The plan once, the combined facts of the parts, and each part's provenance under {@code shards}. */
    private static ObjectNode manifest(List<PartRun> parts, MergedRows merged) {
        ObjectNode m = parts.get(0).manifest().json();
        for (String key : List.of("shard", "work_dir", "preflight", "skipped_lanes", "not_run", "endpoint_pauses",
                "cost", "resumed_at", "status_counts", "shards", "missing_shards")) {
            m.remove(key);
        }
        Map<String, ObjectNode> provenance = new TreeMap<>();
        ArrayNode preflight = JSON.createArrayNode();
        ArrayNode pauses = JSON.createArrayNode();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<NotRun> notRun = new ArrayList<>();
        String started = null;
        String ended = null;
        boolean allEnded = true;
        for (PartRun p : parts) {
            ObjectNode j = p.manifest().json();
            List<ObjectNode> entries = new ArrayList<>();
            if (j.path("shards").isArray() && j.path("shards").size() > 0) {
                j.path("shards").forEach(s -> entries.add((ObjectNode) s));
            } else {
                entries.add(provenance(p));
            }
            for (ObjectNode e : entries) {
                provenance.putIfAbsent(e.path("shard").asText("whole") + "\u0000" + e.path("started_at").asText(), e);
                String shard = e.path("shard").asText(null);
                e.path("preflight").forEach(x -> preflight.add(((ObjectNode) x.deepCopy()).put("shard", shard)));
                e.path("endpoint_pauses").forEach(x -> pauses.add(((ObjectNode) x.deepCopy()).put("shard", shard)));
                e.path("skipped_lanes").forEach(x -> skipped.putIfAbsent(x.path("lane").asText(),
                        (shard == null ? "" : "shard " + shard + ": ") + x.path("reason").asText()));
                e.path("not_run").forEach(x -> notRun.add(new NotRun(x.path("task").asText(), x.path("lane").asText(),
                        x.path("replication").asInt(), x.path("reason").asText())));
                started = min(started, e.path("started_at").asText(null));
                String end = e.path("ended_at").asText(null);
                allEnded &= end != null;
                ended = max(ended, end);
            }
        }
        m.put("started_at", started);
        if (allEnded) {
            m.put("ended_at", ended);
        } else {
            m.putNull("ended_at");
        }
        m.putArray("resumed_at");
        m.put("raw_schema", RawCsvSchema.VERSION);
        Set<String> withRows = merged.rows().stream().map(MergedRows::key).collect(Collectors.toSet());
        List<NotRun> stillNotRun = notRun.stream().distinct()
                .filter(n -> !withRows.contains(n.task() + "\u0000" + n.lane() + "\u0000" + n.replication())).toList();
        if (!preflight.isEmpty()) {
            m.set("preflight", preflight);
        }
        ArrayNode sk = m.putArray("skipped_lanes");
        skipped.forEach((lane, why) -> sk.addObject().put("lane", lane).put("reason", why));
        m.set("not_run", JSON.valueToTree(stillNotRun));
        if (!pauses.isEmpty()) {
            m.set("endpoint_pauses", pauses);
        }
        double spent = merged.rows().stream().filter(r -> r.costUsd() != null).mapToDouble(RawRow::costUsd).sum();
        m.putObject("cost").putNull("max_cost_usd").put("spent_usd", Math.round(spent * 1e8) / 1e8);
        m.set("status_counts", JSON.valueToTree(merged.rows().stream()
                .collect(Collectors.groupingBy(r -> r.status().wire(), TreeMap::new, Collectors.counting()))));
        ArrayNode shards = m.putArray("shards");
        provenance.values().stream().sorted(Comparator.comparingInt((ObjectNode e) -> e.path("shard_index").asInt(0))
                .thenComparing(e -> e.path("started_at").asText())).forEach(shards::add);
        return m;
    }

    /** What run.json keeps of one part: where and when it ran, with what, and how it came out. */
    private static ObjectNode provenance(PartRun p) {
        ObjectNode j = p.manifest().json();
        ObjectNode e = JSON.createObjectNode();
        e.put("part", p.label());
        Shard shard = p.manifest().shard();
        if (shard == null) {
            e.putNull("shard");
        } else {
            e.put("shard", shard.toString()).put("shard_index", shard.index()).put("shard_count", shard.count());
        }
        for (String key : List.of("harness_version", "args", "inputs", "started_at", "ended_at", "resumed_at",
                "status_counts", "preflight", "skipped_lanes", "not_run", "cost", "endpoint_pauses", "raw_schema")) {
            if (j.has(key)) {
                e.set(key, j.get(key));
            }
        }
        ArrayNode lanes = e.putArray("lanes");
        j.path("lanes").forEach(l -> lanes.addObject().put("name", l.path("name").asText()).set("hash", l.path("hash")));
        e.put("rows", p.rows().size());
        return e;
    }

    private static List<Integer> missingShards(ObjectNode m) {
        Set<Integer> present = new TreeSet<>();
        int count = 0;
        boolean whole = false;
        for (JsonNode s : m.path("shards")) {
            if (s.path("shard").isNull() || s.path("shard").isMissingNode()) {
                whole = true;
            } else {
                present.add(s.path("shard_index").asInt());
                count = Math.max(count, s.path("shard_count").asInt());
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= count && !whole; i++) {
            if (!present.contains(i)) {
                missing.add(i);
            }
        }
        ArrayNode a = m.putArray("missing_shards");
        missing.forEach(a::add);
        if (missing.isEmpty()) {
            m.remove("missing_shards");
        }
        return missing;
    }

    private static List<NotRun> notRun(ObjectNode m) {
        List<NotRun> list = new ArrayList<>();
        m.path("not_run").forEach(x -> list.add(new NotRun(x.path("task").asText(), x.path("lane").asText(),
                x.path("replication").asInt(), x.path("reason").asText())));
        return list;
    }

    /** Whether every replication of the plan has a scored row. */
    private static boolean allScored(ObjectNode m, List<RawRow> rows) {
        Set<String> scored = rows.stream().filter(r -> r.status() == Status.SCORED).map(MergedRows::key)
                .collect(Collectors.toSet());
        JsonNode override = m.get("reps_override");
        for (JsonNode t : m.path("tasks")) {
            int reps = override == null || override.isNull() ? t.path("reps").asInt(1) : override.asInt();
            for (JsonNode l : m.path("lanes")) {
                for (int k = 1; k <= reps; k++) {
                    if (!scored.contains(t.path("id").asText() + "\u0000" + l.path("name").asText() + "\u0000" + k)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Puts the finished merge in place of OUT (which may have been one of the inputs). */
    private static void replace(Path out, Path tmp) throws IOException {
        if (Files.exists(out)) {
            Path old = out.toAbsolutePath().resolveSibling(out.getFileName() + ".old-"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
            Files.move(out, old);
            Files.move(tmp, out);
            Workspace.deleteTree(old);
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.move(tmp, out);
        }
    }

    private static boolean isEmptyFolder(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(p)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
