package dev.lanebench.runners.upstream;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** Holds the process's one OkHttp client, so every upstream call shares one connection pool and dispatcher. */
public final class UpstreamHttp {
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(15))
            // Reasoning models can think for minutes before the first byte of a non-streamed answer; the
            // attempt deadline (set per call) is the real bound, this only catches a dead connection.
            .readTimeout(Duration.ofMinutes(10))
            .writeTimeout(Duration.ofSeconds(60))
            .socketFactory(new NoDelaySocketFactory())
            .build();

    private UpstreamHttp() {
    }

    public static OkHttpClient shared() {
        return SHARED;
    }
}
