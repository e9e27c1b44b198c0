package dev.lanebench.harness.judge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a judge's answer strictly: one JSON object, {@code {"scores": {<criterion>: 0–5, …}, "reason": "…"}},
 * with every criterion of the rubric and no other. Anything else (prose around it, a missing or unknown
 * criterion, a score that is not a number in 0–5) is unparseable and leaves the member out, rather than being
 * guessed at. The one allowance: a single Markdown code fence around the object, which many models add.
 *
 * @param scores criterion (as the rubric names it) → score, when the answer was usable
 * @param reason the judge's short reason, or null
 * @param error  why the answer is unusable; null when it is usable
 */
record JudgeAnswer(Map<String, Double> scores, String reason, String error) {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final int MAX_REASON = 1000;

    boolean usable() {
        return error == null;
    }

    static JudgeAnswer parse(String content, Rubric rubric) {
        if (content == null || content.isBlank()) {
            return failed("empty answer");
        }
        String text = unfence(content.strip());
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            return failed("not a JSON object: " + preview(content));
        }
        if (root == null || !root.isObject()) {
            return failed("not a JSON object: " + preview(content));
        }
        JsonNode scores = root.get("scores");
        if (scores == null || !scores.isObject()) {
            return failed("no \"scores\" object");
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String name : rubric.names()) {
            byKey.put(key(name), name);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = scores.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = byKey.get(key(e.getKey()));
            if (name == null) {
                return failed("unknown criterion \"" + clip(e.getKey(), 80) + "\"");
            }
            JsonNode v = e.getValue();
            if (!v.isNumber() || !(v.doubleValue() >= 0 && v.doubleValue() <= 5)) {
                return failed("criterion \"" + name + "\": expected a number from 0 to 5, got " + clip(v.toString(), 40));
            }
            if (out.put(name, v.doubleValue()) != null) {
                return failed("criterion \"" + name + "\" scored twice");
            }
        }
        for (String name : rubric.names()) {
            if (!out.containsKey(name)) {
                return failed("criterion \"" + name + "\" not scored");
            }
        }
        JsonNode reason = root.get("reason");
        return new JudgeAnswer(out, reason != null && reason.isTextual() ? clip(reason.asText(), MAX_REASON) : null, null);
    }

    private static JudgeAnswer failed(String why) {
        return new JudgeAnswer(Map.of(), null, why);
    }

    /** Criterion names compare without case and surrounding or repeated white space. */
    private static String key(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The object inside a single ``` or ```json fence; anything else as it is. */
    private static String unfence(String text) {
        if (!text.startsWith("```") || !text.endsWith("```") || text.length() < 6) {
            return text;
        }
        int firstLine = text.indexOf('\n');
        if (firstLine < 0) {
            return text;
        }
        String lang = text.substring(3, firstLine).strip();
        if (!lang.isEmpty() && !lang.equalsIgnoreCase("json")) {
            return text;
        }
        return text.substring(firstLine + 1, text.length() - 3).strip();
    }

    private static String preview(String content) {
        return "\"" + clip(content.strip().replaceAll("\\s+", " "), 60) + "\"";
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
