package io.shopstreams.bench;

import io.shopstreams.cart.replay.CartStoreFold;
import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.service.replay.StateRebuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

/**
 * The rebuild {@code shopctl replay cart} makes (the same {@link StateRebuilder} and fold), as its own process,
 * so that its heap is its own: prints one line with what it read, wrote and the peak heap it needed.
 * Arguments: bootstrap servers, application id.
 */
public final class ReplayApp {
    static final String RESULT = "replay result:";

    private ReplayApp() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        HeapWatch heap = new HeapWatch();
        try (Admin admin = Admin.create(config); CartStoreFold fold = new CartStoreFold(Long.MAX_VALUE)) {
            StateRebuilder.Summary summary = new StateRebuilder(admin, config, Duration.ofMinutes(2),
                    new StateRebuilder.Listener() {
                        @Override
                        public void step(String message) {
                            System.out.println(message);
                        }

                        @Override
                        public void update(long read, long total) {
                        }
                    }).rebuild(args[1], CartStoreFold.stores(), fold);
            long peakHeap = heap.stop();
            System.out.println(RESULT + " events=" + summary.eventsRead() + " carts="
                    + summary.entriesByStore().getOrDefault(CartStores.CARTS, 0L) + " millis="
                    + summary.elapsed().toMillis() + " foldMillis=" + summary.folding().toMillis() + " wipeMillis="
                    + summary.wiping().toMillis() + " writeMillis=" + summary.writing().toMillis()
                    + " peakHeap=" + peakHeap);
        }
    }

    /**
     * The most heap in use at once, sampled every 20 ms. The pools' own peaks cannot be summed: each pool peaks
     * at its own moment, and their sum exceeded {@code -Xmx}.
     */
    private static final class HeapWatch {
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        private final Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");

        HeapWatch() {
            sampler.setDaemon(true);
            sampler.start();
        }

        long stop() throws InterruptedException {
            sampler.interrupt();
            sampler.join();
            return Math.max(peak.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
    }
}
