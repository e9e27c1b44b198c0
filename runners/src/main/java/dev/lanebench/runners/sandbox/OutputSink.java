package dev.lanebench.runners.sandbox;

/** Where a supervised process's output goes, chunk by chunk, as it arrives (called from one reader thread). */
@FunctionalInterface
public interface OutputSink {
    void accept(byte[] buffer, int offset, int length);
}
