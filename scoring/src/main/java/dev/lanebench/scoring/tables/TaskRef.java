package dev.lanebench.scoring.tables;

/**
 * A row of the tables: a task, or one version of it when the input holds rows of the task with different
 * task hashes (then each version is its own row and never pooled with another).
 *
 * @param key     what the row is called: the task id, or {@code <task> @<version>} for one of several versions
 * @param hash    the task_hash of the version's rows (empty when the rows have none)
 * @param version the short hash shown in the key, or null when the task ran in one version only
 */
public record TaskRef(String key, String task, String tier, String hash, String version) {
}
