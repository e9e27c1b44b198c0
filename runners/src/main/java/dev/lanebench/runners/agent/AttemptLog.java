package dev.lanebench.runners.agent;

/**
 * Where a runner reports what happened during one attempt. The harness writes each event to the attempt's
 * transcript and each model call to the transcript and the run's routes.jsonl, as it arrives, so a run killed
 * mid-attempt still has what was seen. Implementations are thread-safe.
 */
public interface AttemptLog {
    void event(TranscriptEvent event);

    void modelCall(ModelCall call);

    /** Milliseconds since the attempt's agent phase started. */
    long elapsedMs();
}
