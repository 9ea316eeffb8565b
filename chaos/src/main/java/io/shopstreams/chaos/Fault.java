package io.shopstreams.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One scheduled fault.
 *
 * @param at     from the start of the load
 * @param kind   what is done
 * @param target the service instance killed or partitioned; null for a broker or controller kill (chosen then)
 */
record Fault(Duration at, Kind kind, String target) {

    enum Kind { SERVICE_KILL, BROKER_KILL, CONTROLLER_KILL, PARTITION }

    /** The instance a partition cuts off: it alone reaches the brokers through the proxies. */
    static final String PARTITIONED = "cart-b";
    static final List<String> KILL_ORDER = List.of("cart-a", "order-a", "cart-b", "order-b");

    /**
     * The schedule of a run: service kills from {@code firstKillAt} every {@code serviceKillEvery}, alternating
     * services and instances (the partitioned instance is skipped during its partition), one broker kill and one
     * partition, one controller kill where the controllers are dedicated, nothing in the last 20 s of the load so
     * that the end is measured calm.
     */
    static List<Fault> schedule(ChaosOptions options) {
        List<Fault> faults = new ArrayList<>();
        Duration last = options.duration().minusSeconds(20);
        Duration partitionEnd = options.partitionAt().plus(options.partitionFor());
        int kills = 0;
        int next = 0;
        for (Duration at = options.firstKillAt(); at.compareTo(last) <= 0 && kills < options.serviceKills();
             at = at.plus(options.serviceKillEvery())) {
            String target = KILL_ORDER.get(next++ % KILL_ORDER.size());
            boolean duringPartition = at.compareTo(options.partitionAt().minusSeconds(5)) >= 0
                    && at.compareTo(partitionEnd) <= 0;
            if (target.equals(PARTITIONED) && duringPartition) {
                target = KILL_ORDER.get(next++ % KILL_ORDER.size());
            }
            faults.add(new Fault(at, Kind.SERVICE_KILL, target));
            kills++;
        }
        if (options.brokerKillAt().compareTo(last) <= 0) {
            faults.add(new Fault(options.brokerKillAt(), Kind.BROKER_KILL, null));
        }
        if (options.settings().dedicatedControllers() && options.controllerKillAt().compareTo(last) <= 0) {
            faults.add(new Fault(options.controllerKillAt(), Kind.CONTROLLER_KILL, null));
        }
        if (options.partitionAt().compareTo(last) <= 0) {
            faults.add(new Fault(options.partitionAt(), Kind.PARTITION, PARTITIONED));
        }
        faults.sort(Comparator.comparing(Fault::at));
        return faults;
    }
}
