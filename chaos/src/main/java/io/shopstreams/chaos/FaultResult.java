package io.shopstreams.chaos;

import java.util.List;

/**
 * What one fault did, as measured.
 *
 * @param kind             {@code SERVICE_KILL}, {@code BROKER_KILL}, {@code CONTROLLER_KILL} or {@code PARTITION}
 * @param target           the instance, or {@code broker-N} with what it led, or {@code controller-N}
 * @param atSecond         when it was injected, from the start of the load
 * @param outageMillis     how long the target was down or cut off (kill to restart, partition to heal)
 * @param restartToReadyMillis from the restart to {@code /ready} 200 (broker: until the cluster lists it); -1 if
 *                         it never was ready, 0 for a partition
 * @param takeoverMillis   from the fault until every output partition of the service committed again; -1 if not
 * @param dipPercent       the deepest drop of committed events per second in the 30 s after, against the 10 s before
 * @param recoveryMillis   from the fault until the rate was back to 80 % of the 10 s before; -1 if it never was
 * @param partitionTakeoverMillis per output partition of a killed instance's service, as {@code takeoverMillis};
 *                         empty for other faults
 */
record FaultResult(String kind, String target, long atSecond, long outageMillis, long restartToReadyMillis,
                   long takeoverMillis, long dipPercent, long recoveryMillis, List<Long> partitionTakeoverMillis) {
}
