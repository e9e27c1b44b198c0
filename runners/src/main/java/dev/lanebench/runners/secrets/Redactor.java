package dev.lanebench.runners.secrets;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Removes secret values from text: the upstream client scrubs its key from every error it surfaces, and the
 * harness scrubs every lane's key from everything it writes, so a key echoed by an upstream error page never
 * reaches a message or a file.
 */
public final class Redactor {
    public static final Redactor NONE = new Redactor(List.of());
    // A very short "key" would mangle ordinary words; such a value is no secret worth hiding anyway.
    private static final int MIN_SECRET_LENGTH = 6;
    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= MIN_SECRET_LENGTH)
                .distinct().toList();
    }

    /** A redactor for one secret (null: redacts nothing). */
    public static Redactor of(String secret) {
        return new Redactor(secret == null ? List.of() : List.of(secret));
    }

    /** The values of the named environment variables. */
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
                out = out.replace(s, "[redacted]");
            }
        }
        return out;
    }
}
