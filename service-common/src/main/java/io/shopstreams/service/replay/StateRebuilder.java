package io.shopstreams.service.replay;

import io.shopstreams.service.BoundedWait;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full rebuild of a stopped service (docs/contract.md, section 5): folds the retained event topics with the
 * service's own {@link StoreFold} (into a {@link FoldSpace} on disk, so the heap stays bounded; an event that
 * cannot be folded fails the rebuild before anything is changed), wipes the changelog topics of its stores, writes the folded entries as the new changelogs (where each
 * instance restores them from), and raises the service's rebuild epoch so that instances discard local state
 * that predates it. Re-processes no command (no consumer offset is touched) and emits no event. Repartition
 * topics are left as they are: they hold input in flight, not state. {@link ChangelogWriter} writes the records.
 */
public final class StateRebuilder {
    /** How long deleting and recreating the changelog topics may take together. */
    private static final Duration RECREATE_TIMEOUT = Duration.ofSeconds(60);

    private final Admin admin;
    private final Map<String, Object> clientConfig;
    private final Duration groupWait;
    private final Listener listener;

    /** What the rebuild reports as it goes. */
    public interface Listener extends EventLogReader.Progress {
        void step(String message);
    }

    /**
     * What a finished rebuild did. {@code elapsed} is the whole of it; {@code folding} (reading and folding the
     * events), {@code wiping} (deleting and recreating the changelogs) and {@code writing} (the new changelogs)
     * are its parts that take time, so that the rate of the fold is not mistaken for the fixed cost of the
     * topic operations.
     */
    public record Summary(long eventsRead, Map<String, Long> entriesByStore, long epoch, Duration elapsed,
                          Duration folding, Duration wiping, Duration writing) {
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
        long foldStarted = System.nanoTime();
        long read = new EventLogReader(clientConfig).readAll(fold.sourceTopics(), record -> fold(fold, record),
                listener);
        listener.step("wiping " + changelogs.size() + " changelog topics of " + applicationId);
        long wipeStarted = System.nanoTime();
        recreate(changelogs, configs);
        listener.step("writing the rebuilt stores");
        long writeStarted = System.nanoTime();
        Map<String, Long> written = writeChangelogs(applicationId, changelogs, fold);
        long writeEnded = System.nanoTime();
        long epoch = RebuildEpochs.read(clientConfig, applicationId) + 1;
        RebuildEpochs.write(clientConfig, applicationId, epoch);
        return new Summary(read, written, epoch, Duration.ofNanos(System.nanoTime() - started),
                Duration.ofNanos(wipeStarted - foldStarted), Duration.ofNanos(writeStarted - wipeStarted),
                Duration.ofNanos(writeEnded - writeStarted));
    }

    private static void fold(StoreFold fold, ConsumerRecord<String, byte[]> record) {
        try {
            fold.accept(record);
        } catch (RuntimeException e) {
            throw new RebuildException("cannot fold " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " (nothing was changed): " + e.getMessage());
        }
    }

    /** Waits (bounded) until no instance is a member of the service's group: it must not run during a rebuild. */
    private void awaitEmptyGroup(String applicationId) throws InterruptedException {
        AtomicInteger members = new AtomicInteger(liveMembers(applicationId));
        if (members.get() == 0) {
            return;
        }
        listener.step("waiting up to " + groupWait.toSeconds() + " s for the " + members.get()
                + " live member(s) of group " + applicationId + " to leave");
        boolean left = BoundedWait.within(groupWait, Duration.ofSeconds(1), () -> {
            members.set(liveMembers(applicationId));
            return members.get() == 0;
        });
        if (!left) {
            throw new RebuildException(applicationId + " still has " + members.get() + " live member(s) after "
                    + groupWait.toSeconds() + " s: stop every instance of the service first");
        }
    }

    private int liveMembers(String applicationId) throws InterruptedException {
        try {
            return admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId)
                    .get(15, TimeUnit.SECONDS).members().size();
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
        List<String> topics = stores.stream()
                .map(store -> ChangelogWriter.changelogTopic(applicationId, store)).toList();
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
        long started = System.nanoTime();
        call(admin.deleteTopics(changelogs.keySet()).all());
        if (!BoundedWait.within(RECREATE_TIMEOUT, Duration.ofMillis(200),
                () -> call(admin.listTopics().names()).stream().noneMatch(changelogs::containsKey))) {
            throw new RebuildException("the changelog topics were not deleted within " + RECREATE_TIMEOUT.toSeconds()
                    + " s");
        }
        List<NewTopic> topics = new ArrayList<>();
        changelogs.forEach((name, description) -> topics.add(new NewTopic(name, description.partitions().size(),
                (short) description.partitions().get(0).replicas().size()).configs(configs.get(name))));
        // Right after a delete the broker may still refuse the name for a moment.
        AtomicReference<String> refused = new AtomicReference<>();
        Duration left = RECREATE_TIMEOUT.minusNanos(System.nanoTime() - started);
        if (!BoundedWait.within(left, Duration.ofMillis(500), () -> created(topics, refused))) {
            throw new RebuildException("cannot recreate the changelog topics: " + refused.get());
        }
        // Writes start once every new partition has a leader, not while the brokers are still electing one.
        Duration rest = RECREATE_TIMEOUT.minusNanos(System.nanoTime() - started);
        if (!BoundedWait.within(rest, Duration.ofMillis(200), () -> leaders(changelogs))) {
            throw new RebuildException("the recreated changelog topics have no leader for every partition within "
                    + RECREATE_TIMEOUT.toSeconds() + " s");
        }
    }

    /** Whether every partition of the recreated topics has a leader; false while the brokers do not know them yet. */
    private boolean leaders(Map<String, TopicDescription> changelogs) throws InterruptedException {
        try {
            return admin.describeTopics(changelogs.keySet()).allTopicNames().get(15, TimeUnit.SECONDS).values()
                    .stream().allMatch(topic -> topic.partitions().size()
                            == changelogs.get(topic.name()).partitions().size()
                            && topic.partitions().stream().allMatch(partition -> partition.leader() != null));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private boolean created(List<NewTopic> topics, AtomicReference<String> refused) throws InterruptedException {
        try {
            admin.createTopics(topics).all().get(15, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            refused.set(e.getMessage());
            return false;
        }
    }

    private Map<String, Long> writeChangelogs(String applicationId, Map<String, TopicDescription> changelogs,
                                              StoreFold fold) {
        Map<String, Integer> partitions = new HashMap<>();
        changelogs.forEach((topic, description) -> partitions.put(topic, description.partitions().size()));
        try (ChangelogWriter writer = ChangelogWriter.create(clientConfig, applicationId, partitions)) {
            fold.emit(writer);
            return writer.finish();
        }
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
