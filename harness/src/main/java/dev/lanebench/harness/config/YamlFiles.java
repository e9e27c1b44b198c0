package dev.lanebench.harness.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds the harness's YAML files (task.yaml, lanes.yaml) strictly onto records and turns every Jackson
 * complaint into one {@link ConfigException} line naming the file and the field.
 */
public final class YamlFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'");

    private YamlFiles() {
    }

    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ConfigException.at(file, null, "file not found");
        } catch (IOException e) {
            throw ConfigException.at(file, null, "cannot read: " + e.getMessage());
        }
        if (text.isBlank()) {
            throw ConfigException.at(file, null, "file is empty");
        }
        try {
            T value = YAML.readValue(text, type);
            if (value == null) {
                throw ConfigException.at(file, null, "file is empty");
            }
            return value;
        } catch (JsonMappingException e) {
            // A syntax error found while binding arrives wrapped; it is about the text, not a field.
            if (e.getCause() instanceof JsonParseException p) {
                throw syntax(file, p);
            }
            throw ConfigException.at(file, field(e), problem(e));
        } catch (JsonProcessingException e) {
            throw syntax(file, e);
        }
    }

    /** A syntax error, at the line where the parser found the problem (not where the enclosing block began). */
    private static ConfigException syntax(Path file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String what = (m.getContext() == null ? "" : m.getContext() + ": ") + m.getProblem();
            return ConfigException.at(file, null, "line " + (m.getProblemMark().getLine() + 1) + ": not valid YAML: " + what);
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 1 ? "" : "line " + loc.getLineNr() + ": ";
        return ConfigException.at(file, null, where + "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Matcher m = MISSING.matcher(e.getOriginalMessage());
        if (m.find()) {
            String name = m.group(1);
            if (path.equals(name) || path.endsWith("." + name)) {
                return path;
            }
            return path.isEmpty() ? name : path + "." + name;
        }
        return path;
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key (allowed: " + u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (MISSING.matcher(e.getOriginalMessage()).find()) {
            return "required key is missing";
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + typeName(m.getTargetType());
        }
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return firstLine(cause.getMessage());
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        }
        return "a " + type.getSimpleName();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
