package dev.lanebench.runners.proxy;

/**
 * Chat-completion chunks and bodies as an upstream sends them, written with ' for " (see
 * {@link ScriptedUpstream.Answer#raw}), for tests that need an exact upstream stream.
 */
public final class UpstreamChunks {
    private UpstreamChunks() {
    }

    /** A chunk carrying one delta. */
    public static String delta(String delta) {
        return "{'id':'gen-1','model':'" + ProxyFixture.MAIN + "','choices':[{'index':0,'delta':" + delta + "}]}";
    }

    /** A tool-call fragment: index (null to leave it out), id and name (null to leave out), arguments. */
    public static String call(Integer index, String id, String name, String arguments) {
        StringBuilder c = new StringBuilder("{");
        if (index != null) {
            c.append("'index':").append(index).append(',');
        }
        if (id != null) {
            c.append("'id':'").append(id).append("','type':'function',");
        }
        c.append("'function':{");
        if (name != null) {
            c.append("'name':'").append(name).append("',");
        }
        c.append("'arguments':'").append(arguments.replace("\"", "\\'")).append("'}}");
        return delta("{'tool_calls':[" + c + "]}");
    }

    /** The last chunk of a choice. */
    public static String finish(String reason) {
        return "{'id':'gen-1','model':'" + ProxyFixture.MAIN + "','choices':[{'index':0,'delta':{},'finish_reason':'" + reason + "'}]}";
    }

    /** The usage chunk (no choices). */
    public static String usage(String usage) {
        return "{'id':'gen-1','model':'" + ProxyFixture.MAIN + "','choices':[],'usage':" + usage + "}";
    }

    /** A whole completion whose message is {@code message}. */
    public static String whole(String message, String finishReason, String usage) {
        return "{'id':'gen-1','model':'" + ProxyFixture.MAIN + "','choices':[{'index':0,'message':" + message
                + ",'finish_reason':'" + finishReason + "'}],'usage':" + usage + "}";
    }
}
