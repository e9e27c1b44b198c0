package dev.lanebench.harness.config;

/** Bad configuration or usage, reported to the user as one line naming the file and the field (exit 2). */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException at(Object file, String field, String problem) {
        return new ConfigException(file + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem);
    }
}
