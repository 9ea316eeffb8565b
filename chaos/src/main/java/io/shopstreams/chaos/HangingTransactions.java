package io.shopstreams.chaos;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Transactions still open on a partition long after any transaction could have timed out: what
 * {@code kafka-transactions.sh find-hanging} looks for (KIP-664). Such a transaction holds the partition's last
 * stable offset, so no {@code read_committed} reader, and no restore of a changelog or standby, gets past it: the
 * task whose changelog it sits on can never be restored, anywhere. The harness finds them, reports them, and
 * aborts them as an operator following the runbook would ({@code kafka-transactions.sh abort}).
 */
final class HangingTransactions {
    /** One open transaction on one partition. */
    record Hanging(TopicPartition partition, ProducerState producer, long ageMillis) {
        @Override
        public String toString() {
            return partition + ": producer " + producer.producerId() + " epoch " + producer.producerEpoch()
                    + " open since offset " + producer.currentTransactionStartOffset().orElse(-1)
                    + ", last write " + ageMillis / 1000 + " s before it was found";
        }
    }

    private HangingTransactions() {
    }

    /**
     * Every partition of every topic with a transaction open for longer than {@code olderThan} that its
     * coordinator no longer counts as in progress on that partition (KIP-664's test): a slow transaction the
     * coordinator still tracks is left alone, since it will end by itself (or be aborted at its timeout).
     */
    static List<Hanging> find(Admin admin, Duration olderThan) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription topic : admin.describeTopics(admin.listTopics(new ListTopicsOptions().listInternal(false))
                .names().get()).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
        }
        long now = System.currentTimeMillis();
        List<Hanging> hanging = new ArrayList<>();
        for (Map.Entry<TopicPartition, PartitionProducerState> entry
                : admin.describeProducers(partitions).all().get().entrySet()) {
            for (ProducerState producer : entry.getValue().activeProducers()) {
                long age = now - producer.lastTimestamp();
                if (producer.currentTransactionStartOffset().isPresent() && age > olderThan.toMillis()
                        && !inProgress(admin, entry.getKey(), producer)) {
                    hanging.add(new Hanging(entry.getKey(), producer, age));
                }
            }
        }
        hanging.sort(Comparator.comparing(Hanging::toString));
        return hanging;
    }

    private static boolean inProgress(Admin admin, TopicPartition partition, ProducerState producer)
            throws ExecutionException, InterruptedException {
        List<String> ids = admin.listTransactions().all().get().stream()
                .filter(listing -> listing.producerId() == producer.producerId())
                .map(TransactionListing::transactionalId).toList();
        if (ids.isEmpty()) {
            return false;
        }
        for (TransactionDescription txn : admin.describeTransactions(ids).all().get().values()) {
            boolean open = txn.state() == TransactionState.ONGOING || txn.state() == TransactionState.PREPARE_COMMIT
                    || txn.state() == TransactionState.PREPARE_ABORT;
            if (open && txn.producerEpoch() == producer.producerEpoch() && txn.topicPartitions().contains(partition)) {
                return true;
            }
        }
        return false;
    }

    /** Writes the abort marker the transaction never got, so the partition's last stable offset moves on. */
    static void abort(Admin admin, Hanging hanging) throws ExecutionException, InterruptedException {
        ProducerState producer = hanging.producer();
        admin.abortTransaction(new AbortTransactionSpec(hanging.partition(), producer.producerId(),
                (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(-1))).all().get();
    }
}
