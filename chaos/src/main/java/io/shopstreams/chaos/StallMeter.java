package io.shopstreams.chaos;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The longest processing stall of each service: the longest time during which commands Kafka had acknowledged
 * were waiting for an outcome and no event of the service was committed. Sampled every 100 ms.
 */
final class StallMeter implements AutoCloseable {
    private final SentLog sent;
    private final CommitTimeline timeline;
    private final Map<Service, Long> idleSince = new EnumMap<>(Service.class);
    private final Map<Service, Long> longest = new EnumMap<>(Map.of(Service.CART, 0L, Service.ORDER, 0L));
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-stall-meter");
        thread.setDaemon(true);
        return thread;
    });

    StallMeter(SentLog sent, CommitTimeline timeline) {
        this.sent = sent;
        this.timeline = timeline;
    }

    void start() {
        long now = Monotonic.millis();
        for (Service service : Service.values()) {
            idleSince.put(service, now);
        }
        sampler.scheduleAtFixedRate(this::sample, 100, 100, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        long now = Monotonic.millis();
        for (Service service : Service.values()) {
            boolean waiting = sent.ackedCommands(service) > timeline.decided(service);
            if (!waiting) {
                idleSince.put(service, now);
                continue;
            }
            long stalled = now - Math.max(timeline.lastCommit(service), idleSince.get(service));
            longest.merge(service, stalled, Math::max);
        }
    }

    synchronized long longestMillis(Service service) {
        return longest.get(service);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
