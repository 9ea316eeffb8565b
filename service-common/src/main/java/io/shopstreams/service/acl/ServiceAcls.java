package io.shopstreams.service.acl;

import io.shopstreams.events.Topics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kafka ACLs one service needs and nothing more, derived from its topology (docs/security.md, "ACLs"): read
 * (and describe) the topics it consumes, write those it produces, its own command topic (for HTTP commands),
 * {@code dead-letters} and {@code rebuild-epochs} as the runtime uses them, and everything Kafka Streams does in its own namespace: topics, consumer group and
 * transactional ids prefixed by the application id. No wildcard, no cluster-wide grant; a topic of the other
 * service that this topology neither reads nor writes gets nothing, so the broker itself keeps the services from
 * calling each other.
 */
public final class ServiceAcls {
    private static final List<AclOperation> READ = List.of(AclOperation.READ, AclOperation.DESCRIBE);
    private static final List<AclOperation> WRITE = List.of(AclOperation.WRITE, AclOperation.DESCRIBE);
    /** What Kafka Streams does to its internal topics: create, validate, purge repartition records, use. */
    private static final List<AclOperation> INTERNAL = List.of(AclOperation.CREATE, AclOperation.DELETE,
            AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.READ, AclOperation.WRITE);
    /** What a rebuild does to a service's changelogs: read their configs, delete, create and write them. */
    private static final List<AclOperation> REBUILD = List.of(AclOperation.CREATE, AclOperation.DELETE,
            AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.WRITE);

    private ServiceAcls() {
    }

    /** The external topics {@code topology} reads (sources, global stores) and writes (sinks). */
    public record TopicUse(Set<String> reads, Set<String> writes) {
    }

    public static TopicUse topicUse(Topology topology) {
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        TopologyDescription description = topology.describe();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    reads.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    writes.add(sink.topic());
                }
            }
        }
        description.globalStores().forEach(store -> reads.addAll(store.source().topicSet()));
        reads.removeIf(ServiceAcls::internal);
        writes.removeIf(ServiceAcls::internal);
        return new TopicUse(reads, writes);
    }

    /** Repartition and changelog topics: created by Kafka Streams under the application id. */
    private static boolean internal(String topic) {
        return topic.endsWith("-repartition") || topic.endsWith("-changelog");
    }

    /**
     * Every ACL {@code principal} ({@code User:cart}) needs to run {@code topology} as {@code applicationId}.
     *
     * @param commandTopic the topic the service's HTTP port produces commands to (its own input)
     */
    public static List<AclBinding> forService(String principal, String applicationId, Topology topology,
                                              String commandTopic) {
        TopicUse use = topicUse(topology);
        Set<String> reads = new TreeSet<>(use.reads());
        reads.add(Topics.REBUILD_EPOCHS.name());
        Set<String> writes = new TreeSet<>(use.writes());
        // The exception handler's dead letters go through Kafka Streams' producer, not through a sink node.
        writes.add(Topics.DEAD_LETTERS.name());
        writes.add(commandTopic);
        List<AclBinding> acls = new ArrayList<>();
        reads.forEach(topic -> add(acls, principal, ResourceType.TOPIC, topic, PatternType.LITERAL, READ));
        writes.forEach(topic -> add(acls, principal, ResourceType.TOPIC, topic, PatternType.LITERAL, WRITE));
        String prefix = applicationId + "-";
        add(acls, principal, ResourceType.TOPIC, prefix, PatternType.PREFIXED, INTERNAL);
        add(acls, principal, ResourceType.GROUP, applicationId, PatternType.LITERAL, READ);
        add(acls, principal, ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, WRITE);
        // A topic both read and written needs DESCRIBE once.
        return acls.stream().distinct().sorted(Comparator.comparing(ServiceAcls::describe)).toList();
    }

    /**
     * Every ACL an operator's {@code shopctl} principal needs for its data commands, and nothing more: read every
     * public topic ({@code tail}, {@code audit}, {@code dlq list}, {@code replay --until}); write the catalog and
     * the command topics ({@code products load}, {@code cart …}, {@code order …}, {@code dlq replay} with its
     * transactional id); rebuild a stopped service ({@code replay cart|order}: describe its group, delete and
     * create its changelogs, write {@code rebuild-epochs}). Never a write on an event topic: the CLI cannot forge
     * the source of truth. {@code topics apply} and {@code acls apply} stay an administrator's.
     *
     * @param transactionalId the transactional id of {@code dlq replay}
     * @param applicationIds  the services' application ids, for rebuilds
     */
    public static List<AclBinding> forCli(String principal, String transactionalId, List<String> applicationIds) {
        List<AclBinding> acls = new ArrayList<>();
        Set<String> reads = new TreeSet<>();
        Topics.messageTopics().forEach(topic -> reads.add(topic.name()));
        reads.add(Topics.DEAD_LETTERS.name());
        reads.add(Topics.REBUILD_EPOCHS.name());
        reads.forEach(topic -> add(acls, principal, ResourceType.TOPIC, topic, PatternType.LITERAL, READ));
        for (String topic : List.of(Topics.PRODUCTS.name(), Topics.CART_COMMANDS.name(),
                Topics.ORDER_COMMANDS.name(), Topics.REBUILD_EPOCHS.name())) {
            add(acls, principal, ResourceType.TOPIC, topic, PatternType.LITERAL, WRITE);
        }
        add(acls, principal, ResourceType.TRANSACTIONAL_ID, transactionalId, PatternType.LITERAL, WRITE);
        for (String applicationId : applicationIds) {
            add(acls, principal, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, REBUILD);
            add(acls, principal, ResourceType.GROUP, applicationId, PatternType.LITERAL,
                    List.of(AclOperation.DESCRIBE));
        }
        return acls.stream().distinct().sorted(Comparator.comparing(ServiceAcls::describe)).toList();
    }

    private static void add(List<AclBinding> acls, String principal, ResourceType type, String name,
                            PatternType pattern, List<AclOperation> operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
    }

    /** One line per ACL, as {@code shopctl acls plan} prints it: principal, operation, resource. */
    public static String describe(AclBinding acl) {
        return acl.entry().principal() + " " + acl.entry().permissionType() + " " + acl.entry().operation() + " "
                + acl.pattern().resourceType() + " " + acl.pattern().patternType() + " " + acl.pattern().name();
    }
}
