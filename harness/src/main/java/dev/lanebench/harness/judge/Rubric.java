package dev.lanebench.harness.judge;

import dev.lanebench.harness.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's {@code verify/rubric.md}, the opt-in to the quality judge: criteria with weights and anchors for 0,
 * 2.5 and 5. Read strictly, because a criterion the parser missed would silently drop out of every score:
 *
 * <pre>
 * # Rubric: &lt;task title&gt;
 * ## &lt;criterion name&gt; (weight &lt;number&gt;)
 * - 0: &lt;anchor&gt;
 * - 2.5: &lt;anchor&gt;
 * - 5: &lt;anchor&gt;
 * </pre>
 *
 * @param text     the file as written, which the judge is shown
 * @param criteria in file order
 */
public record Rubric(String text, List<Criterion> criteria) {
    /** Where a task keeps its rubric, relative to the task folder. */
    public static final String FILE = "verify/rubric.md";
    private static final Pattern TITLE = Pattern.compile("#\\s+Rubric:\\s*(\\S.*)");
    private static final Pattern CRITERION = Pattern.compile("##\\s+(.+?)\\s+\\(weight\\s+([0-9]+(?:\\.[0-9]+)?)\\)\\s*");
    private static final Pattern ANCHOR = Pattern.compile("-\\s+(0|2\\.5|5):\\s*(\\S.*)");
    private static final List<String> LEVELS = List.of("0", "2.5", "5");

    /** One criterion: its name as the judge must echo it, its weight, and its anchors by level (0, 2.5, 5). */
    public record Criterion(String name, double weight, Map<String, String> anchors) {
    }

    public Rubric {
        criteria = List.copyOf(criteria);
    }

    /** The task's rubric, or empty when the task has none (it is then not judged). */
    public static Optional<Rubric> of(Path taskDir) {
        Path file = taskDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(file, Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw ConfigException.at(file, null, "cannot be read: " + e.getMessage());
        }
    }

    /** Parses a rubric; a mistake is a {@link ConfigException} naming the file and line. */
    public static Rubric parse(Path file, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        boolean titled = false;
        List<Criterion> criteria = new ArrayList<>();
        String name = null;
        double weight = 0;
        Map<String, String> anchors = new LinkedHashMap<>();
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String at = "line " + (i + 1);
            if (line.isEmpty()) {
                continue;
            }
            if (!titled) {
                if (!TITLE.matcher(line).matches()) {
                    throw ConfigException.at(file, at, "expected '# Rubric: <task title>' first");
                }
                titled = true;
                continue;
            }
            if (line.startsWith("## ")) {
                if (name != null) {
                    criteria.add(criterion(file, startLine, name, weight, anchors));
                }
                Matcher m = CRITERION.matcher(line);
                if (!m.matches()) {
                    throw ConfigException.at(file, at, "expected '## <criterion name> (weight <number>)'");
                }
                name = m.group(1).strip();
                weight = Double.parseDouble(m.group(2));
                if (!(weight > 0)) {
                    throw ConfigException.at(file, at, "criterion '" + name + "': weight must be > 0");
                }
                for (Criterion c : criteria) {
                    if (c.name().equalsIgnoreCase(name)) {
                        throw ConfigException.at(file, at, "criterion '" + name + "' is named twice");
                    }
                }
                anchors = new LinkedHashMap<>();
                startLine = i + 1;
                continue;
            }
            if (name == null) {
                throw ConfigException.at(file, at, "text before the first '## <criterion> (weight <number>)'");
            }
            Matcher m = ANCHOR.matcher(line);
            if (!m.matches()) {
                throw ConfigException.at(file, at, "expected an anchor '- 0: …', '- 2.5: …' or '- 5: …' under '" + name + "'");
            }
            if (anchors.put(m.group(1), m.group(2).strip()) != null) {
                throw ConfigException.at(file, at, "criterion '" + name + "': anchor " + m.group(1) + " given twice");
            }
        }
        if (!titled) {
            throw ConfigException.at(file, null, "empty; expected '# Rubric: <task title>' and criteria");
        }
        if (name == null) {
            throw ConfigException.at(file, null, "no criterion ('## <criterion name> (weight <number>)')");
        }
        criteria.add(criterion(file, startLine, name, weight, anchors));
        return new Rubric(text, criteria);
    }

    private static Criterion criterion(Path file, int line, String name, double weight, Map<String, String> anchors) {
        for (String level : LEVELS) {
            if (!anchors.containsKey(level)) {
                throw ConfigException.at(file, "line " + line, "criterion '" + name + "' has no anchor for " + level);
            }
        }
        return new Criterion(name, weight, Map.copyOf(anchors));
    }

    /** The criterion names, in file order. */
    public List<String> names() {
        return criteria.stream().map(Criterion::name).toList();
    }

    /** The weighted mean of criterion scores given by name (every criterion must be there). */
    public double weightedMean(Map<String, Double> scores) {
        double sum = 0;
        double weights = 0;
        for (Criterion c : criteria) {
            Double s = scores.get(c.name());
            if (s == null) {
                throw new IllegalArgumentException("no score for criterion '" + c.name() + "'");
            }
            sum += c.weight() * s;
            weights += c.weight();
        }
        return sum / weights;
    }
}
