package io.shopstreams.service.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Long polls without polling: a waiter for "key reaches version N" is completed by the stream thread when it
 * writes that key, or times out. Completion runs nothing heavy on the stream thread: the waiting HTTP
 * exchange re-reads the store on its own. Bounded: past {@code maxWaiters} a new wait is refused.
 */
public final class VersionWaiters implements AutoCloseable {
    private record Waiter(long minVersion, CompletableFuture<Boolean> done) {
    }

    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int maxWaiters;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "long-poll-timer");
        thread.setDaemon(true);
        return thread;
    });

    public VersionWaiters(int maxWaiters) {
        this.maxWaiters = maxWaiters;
        // A wait that ends early drops its timeout at once instead of holding the request until it would fire.
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Completes with true once {@link #updated} reports {@code key} at {@code minVersion} or later, with false
     * after {@code timeoutMs}. Callers re-check the store before waiting and after the answer.
     *
     * @throws BadRequestException 503 when too many requests already wait
     */
    public CompletableFuture<Boolean> await(String key, long minVersion, long timeoutMs) {
        if (count.incrementAndGet() > maxWaiters) {
            count.decrementAndGet();
            throw new BadRequestException(503, "TOO_MANY_WAITERS", "too many long polls are waiting; retry later");
        }
        Waiter waiter = new Waiter(minVersion, new CompletableFuture<>());
        waiters.compute(key, (k, list) -> {
            List<Waiter> next = list == null ? new ArrayList<>() : list;
            next.add(waiter);
            return next;
        });
        ScheduledFuture<?> timeout = timer.schedule(() -> waiter.done().complete(false), timeoutMs,
                TimeUnit.MILLISECONDS);
        waiter.done().whenComplete((reached, failure) -> {
            timeout.cancel(false);
            count.decrementAndGet();
            waiters.computeIfPresent(key, (k, list) -> {
                list.remove(waiter);
                return list.isEmpty() ? null : list;
            });
        });
        return waiter.done();
    }

    /** Called after {@code key} was written at {@code version}. */
    public void updated(String key, long version) {
        List<Waiter> reached = new ArrayList<>();
        // Read the list inside the map's per-key lock, the one every change to it holds; complete outside it,
        // because completing removes the waiter, which takes that lock again.
        waiters.computeIfPresent(key, (k, list) -> {
            for (Waiter waiter : list) {
                if (waiter.minVersion() <= version) {
                    reached.add(waiter);
                }
            }
            return list;
        });
        reached.forEach(waiter -> waiter.done().complete(true));
    }

    public int waiting() {
        return count.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
