package dev.lanebench.scoring.composite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lanebench.scoring.judge.JudgeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads scoring.yaml strictly: every problem becomes a {@link ScoringConfigException} naming the file and the
 * field, because a silently ignored typo in a weight would change every composite of a run.
 */
final class ScoringConfigLoader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final List<String> TOP = List.of("weights", "cost_budget_usd", "judge");
    private static final List<String> JUDGE = List.of("panel", "max_spread", "max_tokens", "timeout_s");
    private static final List<String> WEIGHTS = List.of("correctness", "process", "cost_eff", "time_eff", "quality");

    private ScoringConfigLoader() {
    }

    static ScoringConfig load(Path file) {
        String name = file.toString();
        JsonNode root = parse(file, name);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ScoringConfigException(name + ": empty; expected weights and cost_budget_usd");
        }
        if (!root.isObject()) {
            throw new ScoringConfigException(name + ": expected a mapping with weights and cost_budget_usd, got "
                    + describe(root));
        }
        rejectUnknown(name, "", root, TOP);
        Map<String, Double> w = new LinkedHashMap<>();
        JsonNode weights = mapping(name, root, "weights");
        rejectUnknown(name, "weights.", weights, WEIGHTS);
        for (String key : WEIGHTS) {
            String field = "weights." + key;
            JsonNode node = weights.get(key);
            if (node == null) {
                throw new ScoringConfigException(name + ": " + field + ": missing");
            }
            double value = number(name, field, node);
            if (value < 0) {
                throw new ScoringConfigException(name + ": " + field + ": must be >= 0, got " + node.asText());
            }
            w.put(key, value);
        }
        if (w.get("correctness") == 0) {
            throw new ScoringConfigException(name + ": weights.correctness: must be > 0 (the other components "
                    + "count in proportion to correctness)");
        }
        Map<String, Double> budgets = new LinkedHashMap<>();
        JsonNode budgetNode = mapping(name, root, "cost_budget_usd");
        for (Iterator<Map.Entry<String, JsonNode>> it = budgetNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "cost_budget_usd." + e.getKey();
            double value = number(name, field, e.getValue());
            if (value <= 0) {
                throw new ScoringConfigException(name + ": " + field + ": must be > 0, got " + e.getValue().asText());
            }
            budgets.put(e.getKey(), value);
        }
        return new ScoringConfig(new Weights(w.get("correctness"), w.get("process"), w.get("cost_eff"),
                w.get("time_eff"), w.get("quality")), budgets, judge(name, root.get("judge")));
    }

    /** {@code judge:}, optional: null when absent (quality is then not measured). */
    private static JudgeConfig judge(String name, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new ScoringConfigException(name + ": judge: expected a mapping with panel, got " + describe(node));
        }
        rejectUnknown(name, "judge.", node, JUDGE);
        JsonNode panelNode = node.get("panel");
        if (panelNode == null) {
            throw new ScoringConfigException(name + ": judge.panel: missing (a list of model names from lanes.yaml)");
        }
        if (!panelNode.isArray() || panelNode.isEmpty()) {
            throw new ScoringConfigException(name + ": judge.panel: expected a non-empty list of model names, got "
                    + describe(panelNode));
        }
        List<String> panel = new ArrayList<>();
        for (int i = 0; i < panelNode.size(); i++) {
            JsonNode m = panelNode.get(i);
            String field = "judge.panel[" + i + "]";
            if (!m.isTextual() || !JudgeConfig.MODEL_NAME.matcher(m.asText()).matches()) {
                throw new ScoringConfigException(name + ": " + field + ": expected a model name (letters, digits, "
                        + "'.', '_', '-'), got " + describe(m));
            }
            if (panel.contains(m.asText())) {
                throw new ScoringConfigException(name + ": " + field + ": '" + m.asText() + "' is already on the panel");
            }
            panel.add(m.asText());
        }
        double maxSpread = JudgeConfig.DEFAULT_MAX_SPREAD;
        if (node.has("max_spread")) {
            maxSpread = number(name, "judge.max_spread", node.get("max_spread"));
            if (maxSpread < 0) {
                throw new ScoringConfigException(name + ": judge.max_spread: must be >= 0, got " + node.get("max_spread").asText());
            }
        }
        int maxTokens = JudgeConfig.DEFAULT_MAX_TOKENS;
        if (node.has("max_tokens")) {
            JsonNode t = node.get("max_tokens");
            if (!t.canConvertToInt() || !t.isIntegralNumber() || t.asInt() <= 0) {
                throw new ScoringConfigException(name + ": judge.max_tokens: expected a whole number > 0, got " + describe(t));
            }
            maxTokens = t.asInt();
        }
        double timeoutS = JudgeConfig.DEFAULT_TIMEOUT_S;
        if (node.has("timeout_s")) {
            timeoutS = number(name, "judge.timeout_s", node.get("timeout_s"));
            if (timeoutS <= 0) {
                throw new ScoringConfigException(name + ": judge.timeout_s: must be > 0, got " + node.get("timeout_s").asText());
            }
        }
        return new JudgeConfig(panel, maxSpread, maxTokens, timeoutS);
    }

    private static JsonNode parse(Path file, String name) {
        if (Files.isDirectory(file)) {
            throw new ScoringConfigException(name + ": is a folder, expected a scoring.yaml file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readTree(in);
        } catch (NoSuchFileException e) {
            throw new ScoringConfigException(name + ": no such file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String line = at != null && at.getLineNr() > 0 ? "line " + at.getLineNr() + ": " : "";
            throw new ScoringConfigException(name + ": " + line + "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ScoringConfigException(name + ": cannot be read: " + firstLine(e.getMessage()));
        }
    }

    private static JsonNode mapping(String name, JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        if (node == null) {
            throw new ScoringConfigException(name + ": " + key + ": missing");
        }
        if (!node.isObject()) {
            throw new ScoringConfigException(name + ": " + key + ": expected a mapping, got " + describe(node));
        }
        return node;
    }

    private static void rejectUnknown(String name, String prefix, JsonNode node, List<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ScoringConfigException(name + ": " + prefix + key + ": unknown key (expected one of "
                        + String.join(", ", known) + ")");
            }
        }
    }

    private static double number(String name, String field, JsonNode node) {
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new ScoringConfigException(name + ": " + field + ": expected a number, got " + describe(node));
        }
        return node.doubleValue();
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return node.asText();
        }
        return node.toString(); // JSON spelling: "high" in quotes, true, null
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
