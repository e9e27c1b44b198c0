package dev.lanebench.runners.flat.tools;

/** A tool call the loop will not carry out (a path outside the workspace, bad arguments); told to the model. */
public final class ToolRefusal extends Exception {
    public ToolRefusal(String message) {
        super(message);
    }
}
