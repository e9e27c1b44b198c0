package dev.lanebench.harness.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A kept grader result ({@code checks/<task>/<lane>/r<k>-a<j>.json}) read back: its score, evidence and checks.
 *
 * @param score    the score the grader gave, or null when it left it to the checks
 * @param evidence the grader's evidence line, or null
 * @param checks   the checks in the grader's order
 */
public record CheckList(Double score, String evidence, List<Check> checks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One named check. */
    public record Check(String name, boolean passed, double weight, String evidence) {
    }

    /** The file's checks, or null when it is missing or not a grader result. */
    public static CheckList read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        List<Check> checks = new ArrayList<>();
        for (JsonNode c : root.path("checks")) {
            checks.add(new Check(c.path("name").asText(""), c.path("passed").asBoolean(false),
                    c.path("weight").isNumber() ? c.path("weight").asDouble() : 1.0,
                    c.path("evidence").isTextual() ? c.path("evidence").asText() : null));
        }
        JsonNode score = root.get("score");
        JsonNode ev = root.get("evidence");
        return new CheckList(score != null && score.isNumber() ? score.asDouble() : null,
                ev != null && ev.isTextual() ? ev.asText() : null, List.copyOf(checks));
    }

    public List<String> failed() {
        return checks.stream().filter(c -> !c.passed()).map(Check::name).toList();
    }
}
