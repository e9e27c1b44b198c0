package dev.lanebench.runners.proxy.chat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an upstream puts its reasoning text ({@code reasoning_content} for DeepSeek/GLM/Kimi-style servers,
 * {@code reasoning} for OpenRouter) and how a client carries it to the next turn.
 *
 * <p>Both client APIs hand reasoning back verbatim in an opaque field (a thinking block's {@code signature}, a
 * reasoning item's {@code encrypted_content}). The proxy writes a marker there that names the upstream field,
 * so the reasoning can go back the same way: upstreams that need their reasoning echoed with tool calls get it,
 * no upstream is sent a field it never produced, and reasoning made elsewhere (real Anthropic or OpenAI
 * signatures) is recognised and left out.
 *
 * @param field the upstream field the text came from
 * @param text  the reasoning text
 */
public record Reasoning(String field, String text) {
    public static final String MARKER_PREFIX = "lanebench:";
    private static final String[] FIELDS = {"reasoning_content", "reasoning"};

    /** The reasoning text of an OpenAI message or stream delta, or null when it has none. */
    public static Reasoning of(JsonNode messageOrDelta) {
        if (messageOrDelta == null) {
            return null;
        }
        for (String f : FIELDS) {
            JsonNode v = messageOrDelta.get(f);
            if (v != null && v.isTextual() && !v.asText().isEmpty()) {
                return new Reasoning(f, v.asText());
            }
        }
        return null;
    }

    /** The marker naming this reasoning's upstream field: {@code lanebench:<field>}. */
    public String marker() {
        return marker(field);
    }

    public static String marker(String field) {
        return MARKER_PREFIX + field;
    }

    /**
     * The upstream field an opaque marker names, or null when the marker did not come from this proxy.
     * Anything after the field name (separated by ':') is the caller's own payload and is ignored here.
     */
    public static String fieldOfMarker(String marker) {
        if (marker == null || !marker.startsWith(MARKER_PREFIX)) {
            return null;
        }
        String rest = marker.substring(MARKER_PREFIX.length());
        int colon = rest.indexOf(':');
        String f = colon < 0 ? rest : rest.substring(0, colon);
        for (String known : FIELDS) {
            if (known.equals(f)) {
                return f;
            }
        }
        return null;
    }
}
