package dev.lanebench.runners.upstream;

/** Removes the API key from any text the client surfaces (errors, messages), in case an upstream echoes it. */
final class SecretRedactor {
    private static final int MIN_SECRET = 6;
    private final String secret;

    SecretRedactor(String secret) {
        // A very short "key" would mangle ordinary words; such a value is no secret worth hiding anyway.
        this.secret = secret != null && secret.length() >= MIN_SECRET ? secret : null;
    }

    String redact(String text) {
        if (text == null || secret == null) {
            return text;
        }
        return text.replace(secret, "[redacted]");
    }
}
