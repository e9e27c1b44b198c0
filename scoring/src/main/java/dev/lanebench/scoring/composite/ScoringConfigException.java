package dev.lanebench.scoring.composite;

/**
 * A scoring.yaml that cannot be used; the message is one line naming the file and the field, meant to be
 * printed as is (the CLI exits 2 without a stack trace).
 */
public final class ScoringConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScoringConfigException(String message) {
        super(message.replace("\r", " ").replace("\n", " "));
    }
}
