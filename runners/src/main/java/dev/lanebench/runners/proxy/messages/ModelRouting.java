package dev.lanebench.runners.proxy.messages;

import java.util.Locale;

/**
 * Which lane model serves a request. The CLI names a haiku model for its small background jobs (titles,
 * summaries, quick checks) and the lane's model (what the runner passes as {@code --model}) for everything
 * else; sub-agents may name other Claude models, which are the lane's main model too.
 */
final class ModelRouting {
    private ModelRouting() {
    }

    /**
     * @param requestedModel what the request names
     * @param mainModelId    the lane's main model id, which always means the main model, even when it is a
     *                       haiku itself (a lane benchmarking a Claude haiku through OpenRouter)
     */
    static boolean isSmall(String requestedModel, String mainModelId) {
        return requestedModel != null && !requestedModel.equals(mainModelId)
                && requestedModel.toLowerCase(Locale.ROOT).contains("haiku");
    }
}
