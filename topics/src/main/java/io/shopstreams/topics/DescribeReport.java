package io.shopstreams.topics;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's topics next to their declarations, from {@link TopicApplier#describe}.
 *
 * @param brokers number of brokers the cluster reported
 * @param topics  one comparison per declared topic, in declaration order
 */
public record DescribeReport(int brokers, List<TopicComparison> topics) {

    public DescribeReport {
        topics = List.copyOf(topics);
    }

    /** True when every declared topic exists and matches. */
    public boolean isUpToDate() {
        return topics.stream().allMatch(TopicComparison::isUpToDate);
    }

    /** A line per topic, plus one per declaration the cluster is too small for. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (TopicComparison topic : topics) {
            lines.add(topic.line());
            if (topic.declared().replicationFactor() > brokers) {
                lines.add(UnsatisfiableDeclarationException.describe(topic.declared(), brokers));
            }
        }
        return lines;
    }
}
