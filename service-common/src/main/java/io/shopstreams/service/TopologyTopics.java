package io.shopstreams.service;

import io.shopstreams.service.acl.ServiceAcls;
import org.apache.kafka.streams.Topology;

import java.util.Set;
import java.util.TreeSet;

/** The topics a topology depends on: readiness names the missing ones. */
final class TopologyTopics {
    private TopologyTopics() {
    }

    /** The topics the topology reads and writes that Kafka Streams does not create itself. */
    static Set<String> external(Topology topology) {
        ServiceAcls.TopicUse use = ServiceAcls.topicUse(topology);
        Set<String> topics = new TreeSet<>(use.reads());
        topics.addAll(use.writes());
        return topics;
    }

    /** The topics of the topology's global stores: the catalog. */
    static Set<String> catalogs(Topology topology) {
        Set<String> topics = new TreeSet<>();
        topology.describe().globalStores().forEach(store -> topics.addAll(store.source().topicSet()));
        return topics;
    }
}
