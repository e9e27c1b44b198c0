package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Receives each streamed chat-completion chunk (the JSON of one SSE {@code data:} line) the moment it is read,
 * on the calling thread. Throwing stops the stream: the upstream call is cancelled and the request fails with
 * {@link UpstreamException.Kind#CANCELLED} (e.g. the proxy's own client went away).
 */
@FunctionalInterface
public interface ChunkListener {
    void onChunk(JsonNode chunk) throws IOException;
}
