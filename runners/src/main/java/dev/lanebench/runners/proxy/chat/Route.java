package dev.lanebench.runners.proxy.chat;

import dev.lanebench.runners.upstream.UpstreamClient;

/**
 * Where a front sends a request: the upstream client of one lane model (which records every call) and what a
 * request for that model may ask.
 */
public record Route(UpstreamClient client, TargetModel target) {
    public static Route of(UpstreamClient client, Integer laneMaxTokens) {
        return new Route(client, TargetModel.of(client.upstream().model(), laneMaxTokens));
    }
}
