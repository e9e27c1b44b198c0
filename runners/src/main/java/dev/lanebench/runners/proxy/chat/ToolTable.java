package dev.lanebench.runners.proxy.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The tools of one request as the upstream sees them, and the way back. OpenAI-compatible servers take function
 * tools named with at most 64 characters; clients have longer names (MCP tools), namespaced tools (codex's
 * sub-agent tools) and free-form tools whose input is plain text (codex's {@code apply_patch}). So a namespace
 * is flattened into the name, a name over 64 characters is cut and given a stable hash of the whole, and a
 * free-form tool becomes a function with one string parameter, {@value #CUSTOM_INPUT}. Names are a pure
 * function of the client's, so earlier turns translate the same way without the table.
 */
public final class ToolTable {
    public static final int MAX_NAME = 64;
    /** The one parameter of a free-form tool's function. */
    public static final String CUSTOM_INPUT = "input";
    private static final String NAMESPACE_SEPARATOR = "__";
    private static final int HASH_CHARS = 12;

    /** How the client declared a tool. */
    public enum Kind { FUNCTION, CUSTOM }

    /**
     * A tool as the client knows it.
     *
     * @param namespace the namespace it sits in, or null
     * @param name      its name within the namespace
     * @param kind      function (JSON arguments) or custom (free text)
     */
    public record ClientTool(String namespace, String name, Kind kind) {
    }

    private final Map<String, ClientTool> byUpstreamName = new HashMap<>();

    /** Registers a client tool and returns the name the upstream gets. */
    public String add(String namespace, String name, Kind kind) {
        String up = upstreamName(namespace, name);
        byUpstreamName.put(up, new ClientTool(namespace, name, kind));
        return up;
    }

    /** The client tool behind an upstream name; a name not in the table is a plain function of that name. */
    public ClientTool client(String upstreamName) {
        ClientTool t = byUpstreamName.get(upstreamName);
        return t != null ? t : new ClientTool(null, upstreamName, Kind.FUNCTION);
    }

    public boolean isEmpty() {
        return byUpstreamName.isEmpty();
    }

    /** The upstream name of a client tool: namespace and name joined, cut to 64 characters with a hash. */
    public static String upstreamName(String namespace, String name) {
        String flat = namespace == null || namespace.isEmpty() ? name : namespace + NAMESPACE_SEPARATOR + name;
        if (flat.length() <= MAX_NAME) {
            return flat;
        }
        return flat.substring(0, MAX_NAME - HASH_CHARS - 1) + "_" + sha256(flat).substring(0, HASH_CHARS);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
