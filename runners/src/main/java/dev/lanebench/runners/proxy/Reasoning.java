package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an upstream puts its reasoning text ({@code reasoning_content} for DeepSeek/GLM/Kimi-style servers,
 * {@code reasoning} for OpenRouter) and how that is carried through the CLI's thinking blocks.
 *
 * <p>The thinking block's {@code signature} names the field the text came from. The CLI sends thinking blocks
 * back verbatim, so the proxy can return the reasoning in the same field on the next turn: upstreams that
 * need their reasoning echoed with tool calls get it, and no upstream is sent a field it never produced.
 */
record Reasoning(String field, String text) {
    static final String SIGNATURE_PREFIX = "lanebench:";
    private static final String[] FIELDS = {"reasoning_content", "reasoning"};

    /** The reasoning text of an OpenAI message or stream delta, or null when it has none. */
    static Reasoning of(JsonNode messageOrDelta) {
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

    String signature() {
        return SIGNATURE_PREFIX + field;
    }

    /** The upstream field a thinking block's signature names, or null when the block did not come from us. */
    static String fieldOfSignature(String signature) {
        if (signature == null || !signature.startsWith(SIGNATURE_PREFIX)) {
            return null;
        }
        String f = signature.substring(SIGNATURE_PREFIX.length());
        for (String known : FIELDS) {
            if (known.equals(f)) {
                return f;
            }
        }
        return null;
    }
}
