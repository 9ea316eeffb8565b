package io.shopstreams.chaos;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each service's events became visible to a {@code read_committed} reader, in {@link Monotonic} millis: per
 * output partition (takeover: when did every partition move again after a kill), per second (throughput dips)
 * and the commands decided so far (input still waiting). Thread-safe.
 */
final class CommitTimeline {
    private final long origin = Monotonic.millis();
    private final Map<Service, AtomicLong> last = new EnumMap<>(Map.of(Service.CART, new AtomicLong(origin),
            Service.ORDER, new AtomicLong(origin)));
    private final Map<Service, AtomicLong> decided = new EnumMap<>(Map.of(Service.CART, new AtomicLong(),
            Service.ORDER, new AtomicLong()));
    private final Set<String> decidedIds = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Long>> partitions = new ConcurrentHashMap<>();
    private final Map<Service, Map<Long, AtomicLong>> perSecond = new EnumMap<>(Map.of(
            Service.CART, new ConcurrentHashMap<>(), Service.ORDER, new ConcurrentHashMap<>()));

    long origin() {
        return origin;
    }

    void committed(Service service, int partition, String commandId) {
        long now = Monotonic.millis();
        last.get(service).set(now);
        if (commandId.startsWith("cmd-") && decidedIds.add(commandId)) {
            decided.get(service).incrementAndGet();
        }
        List<Long> times = partitions.computeIfAbsent(service + "-" + partition, key -> new ArrayList<>());
        synchronized (times) {
            times.add(now);
        }
        perSecond.get(service).computeIfAbsent((now - origin) / 1000, second -> new AtomicLong()).incrementAndGet();
    }

    long lastCommit(Service service) {
        return last.get(service).get();
    }

    /** Distinct planned commands of {@code service} with an outcome so far. */
    long decided(Service service) {
        return decided.get(service).get();
    }

    /**
     * How long after {@code since} every one of the service's {@code partitionCount} output partitions had a
     * committed event again, or -1 if one has not (yet).
     */
    long allPartitionsMovedAfter(Service service, int partitionCount, long since) {
        long latest = since;
        for (int partition = 0; partition < partitionCount; partition++) {
            List<Long> times = partitions.getOrDefault(service + "-" + partition, List.of());
            long first = -1;
            synchronized (times) {
                for (long time : times) {
                    if (time > since) {
                        first = time;
                        break;
                    }
                }
            }
            if (first < 0) {
                return -1;
            }
            latest = Math.max(latest, first);
        }
        return latest - since;
    }

    /** Events of both services committed in each second since {@link #origin()}, up to {@code seconds}. */
    long[] perSecond(int seconds) {
        long[] counts = new long[seconds];
        for (Map<Long, AtomicLong> service : perSecond.values()) {
            service.forEach((second, count) -> {
                if (second < seconds) {
                    counts[second.intValue()] += count.get();
                }
            });
        }
        return counts;
    }
}
