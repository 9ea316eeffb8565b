package io.shopstreams.service.http;

import io.shopstreams.service.stream.KeyPartitioner;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** {@link LocalCopies} read from a {@link KafkaStreams} client and the topology it runs. */
public final class StreamsCopies implements LocalCopies {
    private static final String RUNNING = "RUNNING";
    /** A lag not known within this long is unknown: the caller answers 503 and the client retries. */
    private static final Duration LAG_LOOK_TIMEOUT = Duration.ofSeconds(1);

    private final KafkaStreams streams;
    /** Store name -> the sub-topologies whose tasks hold it: a task id names its sub-topology, not its stores. */
    private final Map<String, Set<Integer>> subtopologies;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Placements> placements = new ConcurrentHashMap<>();
    private volatile java.util.function.Supplier<Optional<String>> contact = Optional::empty;
    private final FreshLooks<Map<String, Map<Integer, LagInfo>>> lags;

    public StreamsCopies(KafkaStreams streams, Topology topology) {
        this.streams = streams;
        this.subtopologies = storeSubtopologies(topology.describe());
        // One admin round trip per look (end offsets of every changelog), on its own thread: the brokers may be
        // slow or gone, and an HTTP thread must not wait for them.
        this.lags = new FreshLooks<>(streams::allLocalStorePartitionLags, "store-lag-look");
    }

    /**
     * Call on every state transition, thread failure, restore start and restore end: reads begun before then
     * are not trusted to miss.
     */
    public void changed() {
        generation.incrementAndGet();
    }

    /** Where {@link #outOfTouch} is read from: the instance's processing watch, which follows the heartbeats. */
    public void contactFrom(java.util.function.Supplier<Optional<String>> contact) {
        this.contact = contact;
    }

    @Override
    public Optional<String> outOfTouch() {
        return contact.get();
    }

    @Override
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public long generation() {
        return generation.get();
    }

    /**
     * Looked up once per partition and generation: Kafka Streams' lookup is a synchronized call that works out
     * the store's source topics each time (11 % of an HTTP thread's samples in a profile of
     * {@code GET /carts/{id}}), and the answer for a partition changes only with the assignment, which changes
     * the generation.
     */
    @Override
    public KeyQueryMetadata metadata(String store, String key) {
        long now = generation.get();
        Placements known = placements.get(store);
        if (known != null && known.generation() == now) {
            KeyQueryMetadata metadata = known.byPartition().get(KeyPartitioner.partitionOf(key, known.partitions()));
            if (metadata != null) {
                return metadata;
            }
        }
        int[] partitions = {0};
        // Kafka Streams' own partitioner for String keys; it hands over the partition count to place the key by.
        StreamPartitioner<String, Object> byKey = (topic, k, value, count) -> {
            partitions[0] = count;
            return Optional.of(Set.of(KeyPartitioner.partitionOf(k, count)));
        };
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, byKey);
        } catch (IllegalStateException | StreamsException e) {
            return null;
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return null;
        }
        Placements into = known != null && known.generation() == now && known.partitions() == partitions[0] ? known
                : new Placements(now, partitions[0], new AtomicReferenceArray<>(partitions[0]));
        into.byPartition().set(metadata.partition(), metadata);
        placements.put(store, into);
        return metadata;
    }

    /** A store's partition count and what is known of its partitions, within one generation. */
    private record Placements(long generation, int partitions, AtomicReferenceArray<KeyQueryMetadata> byPartition) {
    }

    @Override
    public CompletionStage<OptionalLong> lag(String store, int partition) {
        return lags.next().thenApply(all -> {
            LagInfo lag = all.getOrDefault(store, Map.of()).get(partition);
            return lag == null ? OptionalLong.empty() : OptionalLong.of(lag.offsetLag());
        }).exceptionally(failure -> OptionalLong.empty())
                .toCompletableFuture().completeOnTimeout(OptionalLong.empty(), LAG_LOOK_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean activeRunningHere(String store, int partition) {
        Set<Integer> holding = subtopologies.getOrDefault(store, Set.of());
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            if (!RUNNING.equals(thread.threadState())) {
                continue;
            }
            for (TaskMetadata task : thread.activeTasks()) {
                if (task.taskId().partition() == partition && holding.contains(task.taskId().subtopology())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Set<Integer>> storeSubtopologies(TopologyDescription description) {
        Map<String, Set<Integer>> result = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store ->
                            result.computeIfAbsent(store, s -> new HashSet<>()).add(subtopology.id()));
                }
            }
        }
        return result;
    }
}
