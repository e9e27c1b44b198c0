package dev.lanebench.runners.proxy;

import java.util.Locale;

/**
 * Which lane model serves a request. The CLI names a haiku model for its small background jobs (titles,
 * summaries, quick checks) and the lane's model for everything else; sub-agents may name other Claude
 * models, which are the lane's main model too.
 */
final class ModelRouting {
    private ModelRouting() {
    }

    static boolean isSmall(String requestedModel) {
        return requestedModel != null && requestedModel.toLowerCase(Locale.ROOT).contains("haiku");
    }
}
