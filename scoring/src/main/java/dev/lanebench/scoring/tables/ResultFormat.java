package dev.lanebench.scoring.tables;

/**
 * One way to write results out (markdown for people, csv and json for programs, a self-contained html
 * report), kept apart from the results themselves so a new format touches nothing else.
 *
 * @param <R> what is rendered: a {@link TableReport}, or a {@link RunComparison}
 */
public interface ResultFormat<R> {
    /** The name users pick it by ({@code md}, {@code csv}, {@code json}, {@code html}). */
    String name();

    String render(R results);
}
