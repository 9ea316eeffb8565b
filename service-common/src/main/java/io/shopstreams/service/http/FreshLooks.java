package io.shopstreams.service.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Looks something up on one thread of its own, for callers that need a look begun after they asked: a caller
 * that asks while a look is under way gets the next one. Callers that ask while the next one has not begun share
 * it, so a burst of callers costs two looks, not one each.
 */
final class FreshLooks<T> {
    private final Supplier<T> source;
    private final ExecutorService executor;
    /** The look not begun yet; null when none is waiting. */
    private CompletableFuture<T> waiting;

    FreshLooks(Supplier<T> source, String threadName) {
        this.source = source;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A look that begins after this call; completes exceptionally when the source throws. */
    synchronized CompletableFuture<T> next() {
        if (waiting == null) {
            CompletableFuture<T> look = new CompletableFuture<>();
            waiting = look;
            executor.execute(() -> run(look));
        }
        return waiting;
    }

    private void run(CompletableFuture<T> look) {
        synchronized (this) {
            if (waiting == look) {
                waiting = null;
            }
        }
        try {
            look.complete(source.get());
        } catch (RuntimeException e) {
            look.completeExceptionally(e);
        }
    }
}
