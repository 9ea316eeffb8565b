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
    /** Per output partition: when each event was seen ({@link Monotonic}) and when its input was sent (epoch). */
    private final Map<String, List<long[]>> partitions = new ConcurrentHashMap<>();
    private final Map<Service, Map<Long, AtomicLong>> perSecond = new EnumMap<>(Map.of(
            Service.CART, new ConcurrentHashMap<>(), Service.ORDER, new ConcurrentHashMap<>()));

    long origin() {
        return origin;
    }

    /** @param inputSentAtMillis when the event's input was sent, epoch millis (its {@code occurredAt}) */
    void committed(Service service, int partition, String commandId, long inputSentAtMillis) {
        long now = Monotonic.millis();
        last.get(service).set(now);
        if (commandId.startsWith("cmd-") && decidedIds.add(commandId)) {
            decided.get(service).incrementAndGet();
        }
        List<long[]> times = partitions.computeIfAbsent(service + "-" + partition, key -> new ArrayList<>());
        synchronized (times) {
            times.add(new long[] {now, inputSentAtMillis});
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

    /** When every partition had moved: the latest of {@link #partitionsMovedAfter}'s figures; -1 if one never did. */
    static long whenAllMoved(long[] partitionsMoved) {
        long latest = 0;
        for (long moved : partitionsMoved) {
            if (moved < 0) {
                return -1;
            }
            latest = Math.max(latest, moved);
        }
        return latest;
    }

    /**
     * Per output partition of the service, how long after {@code since} it had a committed event again whose
     * input was sent at {@code sinceEpochMillis} or later; -1 for one that has not (yet). Counting events of
     * earlier input would count what the killed instance committed just before its kill and this reader saw a
     * moment after.
     */
    long[] partitionsMovedAfter(Service service, int partitionCount, long since, long sinceEpochMillis) {
        long[] moved = new long[partitionCount];
        for (int partition = 0; partition < partitionCount; partition++) {
            List<long[]> times = partitions.getOrDefault(service + "-" + partition, List.of());
            moved[partition] = -1;
            synchronized (times) {
                for (long[] time : times) {
                    if (time[0] > since && time[1] >= sinceEpochMillis) {
                        moved[partition] = time[0] - since;
                        break;
                    }
                }
            }
        }
        return moved;
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
