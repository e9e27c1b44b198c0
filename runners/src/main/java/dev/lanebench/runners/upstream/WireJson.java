package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The one Jackson mapper the runners use for wire JSON (requests, responses, tool arguments). */
public final class WireJson {
    /**
     * Shared, thread-safe once configured. Unknown response fields are tolerated because every provider adds its
     * own; nothing in this module binds wire JSON to classes strictly.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WireJson() {
    }

    /** The JSON object a text holds (a line of a CLI's JSON output), or null when it holds anything else. */
    public static ObjectNode objectOrNull(String text) {
        try {
            return MAPPER.readTree(text) instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The JSON object bytes hold (a request body), or null when they hold anything else. */
    public static ObjectNode objectOrNull(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes) instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }
}
