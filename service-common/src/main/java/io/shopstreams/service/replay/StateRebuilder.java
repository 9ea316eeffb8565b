package io.shopstreams.service.replay;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full rebuild of a stopped service (docs/contract.md, section 5): folds the retained event topics with the
 * service's own {@link StoreFold} (in memory; an event that cannot be folded fails the rebuild before anything is
 * changed), wipes the changelog topics of its stores, writes the folded entries as the new changelogs (where each
 * instance restores them from), and raises the service's rebuild epoch so that instances discard local state
 * that predates it. Re-processes no command (no consumer offset is touched)
 * and emits no event. Repartition topics are left as they are: they hold input in flight, not state.
 */
public final class StateRebuilder {
    private final Admin admin;
    private final Map<String, Object> clientConfig;
    private final Duration groupWait;
    private final Listener listener;

    /** What the rebuild reports as it goes. */
    public interface Listener extends EventLogReader.Progress {
        void step(String message);
    }

    /** What a finished rebuild did. */
    public record Summary(long eventsRead, Map<String, Long> entriesByStore, long epoch, Duration elapsed) {
    }

    public StateRebuilder(Admin admin, Map<String, Object> clientConfig, Duration groupWait, Listener listener) {
        this.admin = admin;
        this.clientConfig = clientConfig;
        this.groupWait = groupWait;
        this.listener = listener;
    }

    /**
     * @param stores the service's store names whose changelogs {@code fold} rebuilds
     * @throws RebuildException when the service is running, or a changelog topic is missing
     */
    public Summary rebuild(String applicationId, List<String> stores, StoreFold fold) throws InterruptedException {
        long started = System.nanoTime();
        awaitEmptyGroup(applicationId);
        Map<String, TopicDescription> changelogs = describeChangelogs(applicationId, stores);
        Map<String, Map<String, String>> configs = topicConfigs(changelogs.keySet());
        // Fold first: an event that cannot be folded then fails the rebuild before anything was wiped.
        listener.step("folding " + String.join(", ", fold.sourceTopics()));
        long read = new EventLogReader(clientConfig).readAll(fold.sourceTopics(), record -> fold(fold, record),
                listener);
        listener.step("wiping " + changelogs.size() + " changelog topics of " + applicationId);
        recreate(changelogs, configs);
        listener.step("writing the rebuilt stores");
        Map<String, Long> written = writeChangelogs(applicationId, changelogs, fold);
        long epoch = RebuildEpochs.read(clientConfig, applicationId) + 1;
        RebuildEpochs.write(clientConfig, applicationId, epoch);
        return new Summary(read, written, epoch, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void fold(StoreFold fold, ConsumerRecord<String, byte[]> record) {
        try {
            fold.accept(record);
        } catch (RuntimeException e) {
            throw new RebuildException("cannot fold " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " (nothing was changed): " + e.getMessage());
        }
    }

    public static String changelogTopic(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    /** Waits (bounded) until no instance is a member of the service's group: it must not run during a rebuild. */
    private void awaitEmptyGroup(String applicationId) throws InterruptedException {
        long deadline = System.nanoTime() + groupWait.toNanos();
        boolean told = false;
        while (true) {
            int members = liveMembers(applicationId);
            if (members == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new RebuildException(applicationId + " still has " + members + " live member(s) after "
                        + groupWait.toSeconds() + " s: stop every instance of the service first");
            }
            if (!told) {
                listener.step("waiting up to " + groupWait.toSeconds() + " s for the " + members
                        + " live member(s) of group " + applicationId + " to leave");
                told = true;
            }
            Thread.sleep(1000);
        }
    }

    private int liveMembers(String applicationId) throws InterruptedException {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
                    .describedGroups().get(applicationId).get(15, TimeUnit.SECONDS);
            return group.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw new RebuildException("cannot describe group " + applicationId + ": " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RebuildException("Kafka did not answer within 15 s");
        }
    }

    private Map<String, TopicDescription> describeChangelogs(String applicationId, List<String> stores)
            throws InterruptedException {
        List<String> topics = stores.stream().map(store -> changelogTopic(applicationId, store)).toList();
        Set<String> existing = call(admin.listTopics().names());
        List<String> missing = topics.stream().filter(topic -> !existing.contains(topic)).toList();
        if (!missing.isEmpty()) {
            throw new RebuildException("changelog topic(s) " + String.join(", ", missing)
                    + " do not exist: start " + applicationId + " once so that Kafka Streams creates them");
        }
        return new TreeMap<>(call(admin.describeTopics(topics).allTopicNames()));
    }

    /** The topic-level settings Kafka Streams gave each changelog, so the recreated topic has the same. */
    private Map<String, Map<String, String>> topicConfigs(Set<String> topics) throws InterruptedException {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> described = call(admin.describeConfigs(resources).all());
        Map<String, Map<String, String>> configs = new HashMap<>();
        described.forEach((resource, config) -> {
            Map<String, String> own = new HashMap<>();
            for (ConfigEntry entry : config.entries()) {
                if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    own.put(entry.name(), entry.value());
                }
            }
            configs.put(resource.name(), own);
        });
        return configs;
    }

    private void recreate(Map<String, TopicDescription> changelogs, Map<String, Map<String, String>> configs)
            throws InterruptedException {
        call(admin.deleteTopics(changelogs.keySet()).all());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (call(admin.listTopics().names()).stream().anyMatch(changelogs::containsKey)) {
            if (System.nanoTime() > deadline) {
                throw new RebuildException("the changelog topics were not deleted within 60 s");
            }
            Thread.sleep(200);
        }
        List<NewTopic> topics = new ArrayList<>();
        changelogs.forEach((name, description) -> topics.add(new NewTopic(name, description.partitions().size(),
                (short) description.partitions().get(0).replicas().size()).configs(configs.get(name))));
        // Right after a delete the broker may still refuse the name for a moment.
        while (true) {
            try {
                admin.createTopics(topics).all().get(15, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new RebuildException("cannot recreate the changelog topics: " + e.getMessage());
                }
                Thread.sleep(500);
            }
        }
    }

    private Map<String, Long> writeChangelogs(String applicationId, Map<String, TopicDescription> changelogs,
                                              StoreFold fold) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        Map<String, Long> written = new LinkedHashMap<>();
        // A failure reaches the producer's callback on its own thread: kept here, thrown once all are flushed.
        AtomicReference<String> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            fold.emit(new StoreSink() {
                @Override
                public void keyValue(String store, String partitionKey, String key, byte[] value, long timestamp) {
                    send(store, partitionKey, utf8(key), value, timestamp);
                }

                @Override
                public void window(String store, String partitionKey, String key, long windowStart, byte[] value) {
                    send(store, partitionKey, windowKey(utf8(key), windowStart), value, windowStart);
                }

                private void send(String store, String partitionKey, byte[] key, byte[] value, long timestamp) {
                    String topic = changelogTopic(applicationId, store);
                    TopicDescription description = changelogs.get(topic);
                    if (description == null) {
                        throw new IllegalStateException("the fold wrote store " + store + " that was not wiped");
                    }
                    int partition = partitionOf(partitionKey, description.partitions().size());
                    producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value), (meta, failure) -> {
                        if (failure != null) {
                            failed.compareAndSet(null, "cannot write " + topic + ": " + failure.getMessage());
                        }
                    });
                    written.merge(store, 1L, Long::sum);
                }
            });
            producer.flush();
        }
        if (failed.get() != null) {
            throw new RebuildException(failed.get() + " (run the rebuild again)");
        }
        return written;
    }

    /** The partition the default partitioner picks for a String key: the task that owns it. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(utf8(key))) % partitions;
    }

    /** A window store's changelog key: the key, the window start, and a sequence number (0: no duplicates). */
    static byte[] windowKey(byte[] key, long windowStart) {
        return ByteBuffer.allocate(key.length + Long.BYTES + Integer.BYTES)
                .put(key).putLong(windowStart).putInt(0).array();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T call(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RebuildException("Kafka refused: " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RebuildException("Kafka did not answer within 30 s");
        }
    }

    /** A rebuild that cannot be done; the message is one line a user can act on. */
    public static final class RebuildException extends RuntimeException {
        public RebuildException(String message) {
            super(message);
        }
    }
}
