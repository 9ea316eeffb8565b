package io.shopstreams.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * How fast an application drains a loaded topic, measured the same way for every application: from its
 * consumer group's committed offsets, which under exactly-once move only when a transaction with the outputs
 * commits. The rate is taken between the 10 % and 90 % marks, leaving out the start (JIT warm-up, the first
 * rebalance) and the tail.
 */
final class Drain {
    /**
     * @param recordsPerSecond between the 10 % and 90 % marks; @param totalSeconds from start to 100 %
     * @param cpuSecondsPerThousand the application's CPU between the same marks, per 1,000 records: the cost of a
     *                              record without the start (JIT, restore), which dominates a short drain
     */
    record Result(long records, double recordsPerSecond, double totalSeconds, double cpuSecondsPerThousand) {
    }

    /**
     * What to wait for: {@code records} of {@code topic} committed, short by at most {@code slack} offsets. A
     * topic written in transactions has a commit marker at the end of each partition, which a group's
     * committed offset need not pass: its slack is its partition count.
     */
    record Target(String topic, long records, long slack) {
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private Drain() {
    }

    /**
     * Polls until the group has committed {@code target}.
     *
     * @param alive false once the drained application died: the drain fails at once instead of timing out
     * @param cpuSeconds the application's CPU time so far
     */
    static Result await(Admin admin, String group, Target target, long startNanos, Duration timeout,
                        BooleanSupplier alive, DoubleSupplier cpuSeconds)
            throws InterruptedException, ExecutionException {
        String topic = target.topic();
        long total = target.records();
        long at10 = -1;
        long at90 = -1;
        double cpuAt10 = Double.NaN;
        double cpuAt90 = Double.NaN;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long committed = committed(admin, group, topic);
            long now = System.nanoTime();
            if (at10 < 0 && committed >= total / 10) {
                at10 = now;
                cpuAt10 = cpuSeconds.getAsDouble();
            }
            if (at90 < 0 && committed >= total * 9 / 10) {
                at90 = now;
                cpuAt90 = cpuSeconds.getAsDouble();
            }
            if (committed >= total - target.slack()) {
                double rate = at90 > at10 ? (total * 8 / 10) / ((at90 - at10) / 1e9) : Double.NaN;
                double cpu = at90 > at10 ? (cpuAt90 - cpuAt10) / (total * 8 / 10 / 1000.0) : Double.NaN;
                return new Result(committed, rate, (now - startNanos) / 1e9, cpu);
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(group + " died after committing " + committed + " of " + total);
            }
            if (now > deadline) {
                throw new IllegalStateException(group + " committed " + committed + " of " + total + " within "
                        + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** What {@code group} has committed of {@code topic}, summed over its partitions. */
    static long committed(Admin admin, String group, String topic)
            throws InterruptedException, ExecutionException {
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry
                : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
            if (entry.getKey().topic().equals(topic) && entry.getValue() != null) {
                sum += entry.getValue().offset();
            }
        }
        return sum;
    }
}
