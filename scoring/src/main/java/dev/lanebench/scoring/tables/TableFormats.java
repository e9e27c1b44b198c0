package dev.lanebench.scoring.tables;

import java.nio.file.Path;
import java.util.List;

/** The formats a {@link TableReport} renders to, by name. */
public final class TableFormats {
    /** Every format name, in the order help texts list them. */
    public static final List<String> NAMES = List.of("md", "csv", "json", "html");

    private TableFormats() {
    }

    /**
     * The format called {@code name}; an html report's links are relative to the current folder (use
     * {@link #html(Path)} for a report written elsewhere).
     *
     * @throws IllegalArgumentException naming the formats there are
     */
    public static ResultFormat<TableReport> named(String name) {
        return switch (name) {
            case "md" -> new MarkdownFormat();
            case "csv" -> new CsvFormat();
            case "json" -> new JsonFormat();
            case "html" -> html(Path.of(""));
            default -> throw new IllegalArgumentException("'" + name + "' is not one of " + String.join(", ", NAMES));
        };
    }

    /** The html report, linking each attempt's files relative to {@code reportDir}, the folder it is written to. */
    public static ResultFormat<TableReport> html(Path reportDir) {
        return new HtmlFormat(reportDir);
    }
}
