package dev.lanebench.runners.upstream;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * Lets another thread stop a request in flight: cancels the current HTTP call and wakes a retry wait. One
 * instance may be shared by many requests (e.g. everything in one attempt); once cancelled it stays cancelled.
 */
public final class Cancellation {
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile Call current;

    /** A fresh, not yet cancelled, instance. */
    public Cancellation() {
    }

    public void cancel() {
        cancelled.countDown();
        Call c = current;
        if (c != null) {
            c.cancel();
        }
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    void attach(Call call) {
        current = call;
        // Closes the race where cancel() ran between the check before the call and this attach.
        if (isCancelled()) {
            call.cancel();
        }
    }

    void detach() {
        current = null;
    }

    /** Sleeps for {@code d} unless cancelled first; true when the sleep was cut short by cancellation. */
    boolean sleep(Duration d) throws InterruptedException {
        return cancelled.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
    }
}
