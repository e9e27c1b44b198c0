package dev.lanebench.runners.proxy.chat;

/**
 * One tool call of a model's answer, as the upstream named it.
 *
 * @param id        the call's id (made up when the upstream sent none, so a result can still refer to it)
 * @param name      the upstream function name (see {@link ToolTable} for the client's)
 * @param arguments the arguments' JSON text as sent; empty when the model sent none
 */
public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
        id = id == null || id.isEmpty() ? Ids.next("call_") : id;
        name = name == null ? "" : name;
        arguments = arguments == null ? "" : arguments;
    }
}
