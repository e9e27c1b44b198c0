package dev.lanebench.scoring.tables;

import java.util.List;

/** The formats a {@link RunComparison} renders to, by name. */
public final class CompareFormats {
    public static final List<String> NAMES = List.of("md", "csv", "json");
    /** The version of the csv and json layouts below; bumped when a key is renamed or removed. */
    static final String FORMAT = "lanebench-compare/1";

    private CompareFormats() {
    }

    /** @throws IllegalArgumentException naming the formats there are */
    public static ResultFormat<RunComparison> named(String name) {
        return switch (name) {
            case "md" -> new CompareMarkdown();
            case "csv" -> new CompareCsv();
            case "json" -> new CompareJson();
            default -> throw new IllegalArgumentException("'" + name + "' is not one of " + String.join(", ", NAMES));
        };
    }
}
