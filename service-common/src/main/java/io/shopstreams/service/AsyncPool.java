package io.shopstreams.service;

/**
 * CompletableFuture's default executor: the common fork-join pool, or, where that pool has a single thread (on
 * one or two CPUs, the usual container limit), a new thread for every task. The JDK's {@code HttpClient} hands
 * every {@code sendAsync} answer to that executor, so on two CPUs each forwarded GET started a thread of its own
 * (README, "Performance").
 */
public final class AsyncPool {
    /** The JDK's setting of the common pool's size, read once, when the pool is first used. */
    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private AsyncPool() {
    }

    /**
     * Gives the common pool at least two threads, unless its size is set on the command line. Call first in
     * {@code main}: once anything has used a CompletableFuture (every Kafka client does), the size is fixed.
     */
    public static void atLeastTwoThreads() {
        System.getProperties().putIfAbsent(PARALLELISM,
                Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
    }
}
