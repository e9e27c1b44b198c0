package dev.lanebench.harness.judge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a judge blind to who did the work: the lane's name, its model's name and id, and the name of an agent
 * CLI runner are cut out of anything the agent wrote before a judge sees it (an agent that signs its answer, a
 * CLI that leaves its own notes file), so no score can favour or punish a lane by name.
 */
public final class Blinding {
    /** What replaces a name. */
    static final String MASK = "[name withheld]";
    /** Runners whose name identifies the tool-path; flat, oracle and noop are ordinary words and stay. */
    private static final Set<String> TELLING_RUNNERS = Set.of("claude", "codex");
    private static final int MIN_LENGTH = 3;

    private final List<String> names;
    private final Pattern pattern;

    private Blinding(List<String> names) {
        this.names = names;
        if (names.isEmpty()) {
            pattern = null;
        } else {
            StringBuilder alternatives = new StringBuilder();
            for (String n : names) {
                alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(n));
            }
            pattern = Pattern.compile("(?<![A-Za-z0-9])(?:" + alternatives + ")(?![A-Za-z0-9])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
    }

    /**
     * The names of one lane: its own, its runner's when that names a tool, its model's lanes.yaml name, and
     * each model id with the id's last path segment ({@code z-ai/glm-5.2} and {@code glm-5.2}).
     */
    public static Blinding of(String lane, String runner, String modelName, List<String> modelIds) {
        Set<String> all = new LinkedHashSet<>();
        all.add(lane);
        if (runner != null && TELLING_RUNNERS.contains(runner)) {
            all.add(runner);
        }
        all.add(modelName);
        for (String id : modelIds) {
            if (id != null) {
                all.add(id);
                all.add(id.substring(id.lastIndexOf('/') + 1));
            }
        }
        List<String> names = new ArrayList<>(all.stream().filter(Objects::nonNull).map(String::strip)
                .filter(n -> n.length() >= MIN_LENGTH).toList());
        names.sort(Comparator.comparingInt(String::length).reversed()); // glm-5.2-flat before glm-5.2
        return new Blinding(List.copyOf(names));
    }

    /** The names withheld, longest first. */
    public List<String> names() {
        return names;
    }

    /** The text with every withheld name replaced by {@link #MASK}; null stays null. */
    public String apply(String text) {
        if (text == null || pattern == null) {
            return text;
        }
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }
}
