package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the tool-call fragments of a streamed chat completion into whole calls. OpenAI-style servers number
 * each call ({@code index}) and send its id and name once; others (Ollama among them) number every call 0 or
 * leave the index out and send each call whole. So a fragment starts a new call when it carries an id other
 * than its slot's call, or, without an id, a name while the slot's call already has its name and arguments —
 * never only because of its index, which would run two calls' arguments together.
 */
public final class ToolCallFragments {

    /** One call as assembled so far. */
    public static final class Call {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        /** The arguments as sent (possibly empty: the caller decides what an empty argument string means). */
        public String arguments() {
            return arguments.toString();
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<Integer, Call> bySlot = new HashMap<>();

    /** Takes the {@code tool_calls} array of one chunk's delta. */
    public void accept(JsonNode toolCalls) {
        if (toolCalls == null || !toolCalls.isArray()) {
            return;
        }
        int position = 0;
        for (JsonNode fragment : toolCalls) {
            int slot = fragment.path("index").canConvertToInt() && fragment.has("index")
                    ? fragment.get("index").asInt() : position;
            position++;
            add(slot, fragment);
        }
    }

    private void add(int slot, JsonNode fragment) {
        JsonNode fn = fragment.path("function");
        String id = nonEmpty(fragment.get("id"));
        String name = nonEmpty(fn.get("name"));
        Call call = bySlot.get(slot);
        if (call == null || startsAnother(call, id, name)) {
            call = new Call();
            calls.add(call);
            bySlot.put(slot, call);
        }
        if (call.id == null) {
            call.id = id;
        }
        if (call.name == null) {
            call.name = name;
        }
        JsonNode args = fn.get("arguments");
        if (args != null && args.isTextual()) {
            call.arguments.append(args.asText());
        } else if (args != null && args.isObject()) {
            call.arguments.append(args);
        }
    }

    private static boolean startsAnother(Call current, String id, String name) {
        if (id != null && current.id != null) {
            return !id.equals(current.id);
        }
        boolean currentComplete = current.name != null && current.arguments.length() > 0;
        return currentComplete && (id != null || name != null);
    }

    /** The calls in the order they began. */
    public List<Call> calls() {
        return calls;
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    private static String nonEmpty(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
