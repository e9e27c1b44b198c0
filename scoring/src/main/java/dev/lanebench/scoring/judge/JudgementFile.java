package dev.lanebench.scoring.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's judgement files, {@code judgements/<panel>.jsonl} in its folder: one {@link Judgement} per line, a
 * panel per file, so a run can be judged again, or by another panel, without touching raw.csv. Written line by
 * line during a run (a half-written last line is ignored, and cut before appending) or whole by
 * {@code lanebench judge}; when an attempt has several lines, the last one counts.
 */
public final class JudgementFile {
    /** The folder of a run that holds its judgement files. */
    public static final String FOLDER = "judgements";
    private static final String EXT = ".jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JudgementFile() {
    }

    /** The file of a panel in a run folder. */
    public static Path of(Path runDir, String panelId) {
        return runDir.resolve(FOLDER).resolve(panelId + EXT);
    }

    /** The panel a judgement file holds (its name without {@code .jsonl}). */
    public static String panelOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(EXT) ? name.substring(0, name.length() - EXT.length()) : name;
    }

    /** The run's judgement files, newest first (by last write); empty when it has none. */
    public static List<Path> list(Path runDir) throws IOException {
        Path folder = runDir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(EXT))
                    .filter(Files::isRegularFile).toList());
            files.sort(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()
                    .thenComparing(p -> p.getFileName().toString()));
            return files;
        }
    }

    /**
     * The judgement file a table of this run joins: the named panel's ({@code "none"}: none), or by default the
     * newest one; null when there is none to join.
     *
     * @throws IOException naming the run folder when the panel asked for has no file there
     */
    public static Path choose(Path runDir, String panel) throws IOException {
        if ("none".equals(panel)) {
            return null;
        }
        List<Path> files = list(runDir);
        if (panel == null) {
            return files.isEmpty() ? null : files.get(0);
        }
        for (Path f : files) {
            if (panelOf(f).equals(panel)) {
                return f;
            }
        }
        throw new IOException(runDir + ": no judgements of panel '" + panel + "' (" + (files.isEmpty() ? "none judged"
                : "judged by: " + String.join(", ", files.stream().map(JudgementFile::panelOf).toList())) + ")");
    }

    /** Every complete line, by attempt (the last line of an attempt counts), in file order. */
    public static Map<AttemptId, Judgement> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1; // a last line without its newline is half-written
        Map<AttemptId, Judgement> out = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.substring(0, end).split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            Judgement j = parse(file, lineNo, line);
            out.remove(j.id());
            out.put(j.id(), j);
        }
        return out;
    }

    /** Writes a whole file: beside it, then renamed over it, so a reader never sees half of it. */
    public static void write(Path file, List<Judgement> judgements) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Judgement j : judgements) {
                w.write(json(j).toString());
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Makes the file ready to have lines appended (during a run, one per judgement as it is made): creates it and its
     * folder, and cuts a half-written last line a killed writer left, so it never glues to the next line.
     */
    public static void readyToAppend(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            byte[] bytes = Files.readAllBytes(file);
            int complete = bytes.length;
            while (complete > 0 && bytes[complete - 1] != '\n') {
                complete--;
            }
            ch.truncate(complete);
        }
    }

    /** A judgement as its line of the file. */
    public static ObjectNode json(Judgement j) {
        ObjectNode o = JSON.createObjectNode();
        o.put("run_id", j.id().runId());
        o.put("task", j.id().task());
        o.put("lane", j.id().lane());
        o.put("replication", j.id().replication());
        o.put("attempt", j.id().attempt());
        o.put("task_hash", j.taskHash());
        o.put("panel", j.panel());
        o.put("status", j.status().wire());
        o.put("quality", j.quality());
        o.put("composite", j.composite());
        o.put("judge_cost_usd", j.judgeCostUsd());
        o.put("low", j.low());
        o.put("high", j.high());
        o.put("max_spread", j.maxSpread());
        o.put("disagreement", j.disagreement());
        ArrayNode members = o.putArray("members");
        for (MemberVerdict m : j.members()) {
            ObjectNode mo = members.addObject();
            mo.put("model", m.model());
            mo.put("status", m.status().wire());
            mo.put("score", m.score());
            ObjectNode criteria = mo.putObject("criteria");
            m.criteria().forEach(criteria::put);
            mo.put("cost_usd", m.costUsd());
            mo.put("detail", m.detail());
        }
        o.put("reason", j.reason());
        return o;
    }

    private static Judgement parse(Path file, int lineNo, String line) throws IOException {
        String at = file + ": line " + lineNo + ": ";
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException(at + "not a JSON object");
        }
        if (o == null || !o.isObject()) {
            throw new IOException(at + "not a JSON object");
        }
        try {
            AttemptId id = new AttemptId(text(o, "run_id", true), text(o, "task", true), text(o, "lane", true),
                    whole(o, "replication"), whole(o, "attempt"));
            List<MemberVerdict> members = new ArrayList<>();
            for (JsonNode m : o.path("members")) {
                Map<String, Double> criteria = new LinkedHashMap<>();
                m.path("criteria").fields().forEachRemaining(e -> criteria.put(e.getKey(), e.getValue().asDouble()));
                members.add(new MemberVerdict(text(m, "model", true),
                        MemberVerdict.Status.ofWire(text(m, "status", true)), decimal(m, "score"), criteria,
                        decimal(m, "cost_usd"), text(m, "detail", false)));
            }
            return new Judgement(id, text(o, "task_hash", false), text(o, "panel", true),
                    Judgement.Status.ofWire(text(o, "status", true)), decimal(o, "quality"), decimal(o, "composite"),
                    decimal(o, "judge_cost_usd"), decimal(o, "low"), decimal(o, "high"),
                    o.path("max_spread").asDouble(JudgeConfig.DEFAULT_MAX_SPREAD), o.path("disagreement").asBoolean(),
                    members, text(o, "reason", false));
        } catch (IllegalArgumentException e) {
            throw new IOException(at + e.getMessage());
        }
    }

    private static String text(JsonNode o, String field, boolean required) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + ": missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(field + ": expected text, got " + n);
        }
        return n.asText();
    }

    private static int whole(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException(field + ": expected a whole number, got " + n);
        }
        return n.asInt();
    }

    private static Double decimal(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException(field + ": expected a number, got " + n);
        }
        return n.doubleValue();
    }
}
