package dev.lanebench.harness.run;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Removes secret values from anything the harness writes. Runners never receive keys in the first place;
 * this is the second wall, so a key echoed by an upstream error page still never reaches a file.
 */
public final class Redactor {
    private static final int MIN_SECRET_LENGTH = 8;
    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= MIN_SECRET_LENGTH)
                .distinct().toList();
    }

    /** The values of the named environment variables, for the lanes' api_key_env names. */
    public static Redactor forEnv(Collection<String> envNames, Map<String, String> env) {
        return new Redactor(envNames.stream().map(env::get).toList());
    }

    public String apply(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, "[REDACTED]");
            }
        }
        return out;
    }
}
