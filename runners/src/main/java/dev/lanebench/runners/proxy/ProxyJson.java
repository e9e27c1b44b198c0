package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The proxy's one Jackson mapper: thread-safe once configured, so every translation shares it. */
final class ProxyJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ProxyJson() {
    }
}
