package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

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
}
