package io.shopstreams.topics;

/**
 * How {@link TopicApplier#apply} may change the cluster.
 *
 * @param dryRun                 plan and let the broker validate (validateOnly), change nothing
 * @param allowPartitionIncrease raise partition counts below the declared ones; off by default because new
 *                               partitions send existing keys elsewhere (Kafka Streams state and ordering per key)
 */
public record ApplyOptions(boolean dryRun, boolean allowPartitionIncrease) {

    /** Apply for real; never add partitions. */
    public static ApplyOptions defaults() {
        return new ApplyOptions(false, false);
    }

    public ApplyOptions withDryRun(boolean dryRun) {
        return new ApplyOptions(dryRun, allowPartitionIncrease);
    }

    public ApplyOptions withPartitionIncrease(boolean allow) {
        return new ApplyOptions(dryRun, allow);
    }
}
