package io.shopstreams.service;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

import java.util.Set;
import java.util.TreeSet;

/** The topics a topology depends on: readiness names the missing ones. */
final class TopologyTopics {
    private TopologyTopics() {
    }

    /** The topics the topology reads and writes that Kafka Streams does not create itself. */
    static Set<String> external(Topology topology) {
        Set<String> topics = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            addTopics(subtopology.nodes(), topics);
        }
        topology.describe().globalStores().forEach(store -> topics.addAll(store.source().topicSet()));
        topics.removeIf(topic -> topic.endsWith("-repartition") || topic.endsWith("-changelog"));
        return topics;
    }

    private static void addTopics(Set<TopologyDescription.Node> nodes, Set<String> topics) {
        for (TopologyDescription.Node node : nodes) {
            if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                topics.addAll(source.topicSet());
            } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                topics.add(sink.topic());
            }
        }
    }
}
