package io.shopstreams.systemtests;

import io.shopstreams.cart.CartService;
import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.cart.stream.CartTopology;
import io.shopstreams.events.Topics;
import io.shopstreams.order.OrderService;
import io.shopstreams.order.domain.OrderPolicy;
import io.shopstreams.order.stream.OrderTopology;
import io.shopstreams.topics.TopicDeclaration;
import io.shopstreams.topics.TopicDeclarations;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md shows each service's topology as {@link Topology#describe()} prints it, between marker
 * comments. This test builds both topologies as the services do and fails when the document shows anything else,
 * so the document cannot go stale. Run it with {@code -Darchitecture.update=true} to rewrite the blocks.
 */
class ArchitectureDocTest {
    private static final Path DOC = Path.of("..", "docs", "architecture.md");
    private static final String UPDATE = "architecture.update";

    @Test
    void the_document_shows_the_topology_each_service_builds() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Map<String, Topology> topologies = Map.of(CartTopology.SERVICE, cartTopology(),
                OrderTopology.SERVICE, orderTopology());

        String expected = doc;
        for (Map.Entry<String, Topology> service : topologies.entrySet()) {
            expected = withBlock(expected, service.getKey(), service.getValue().describe().toString());
        }
        if (Boolean.getBoolean(UPDATE) && !expected.equals(doc)) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            doc = expected;
        }

        assertThat(doc).as("%s is stale: regenerate it with mvn -o -pl system-tests -am test"
                + " -Dtest=ArchitectureDocTest -Dsurefire.failIfNoSpecifiedTests=false -D%s=true", DOC, UPDATE)
                .isEqualTo(expected);
    }

    /** cart-stream's topology as an instance with the default settings builds it. */
    private static Topology cartTopology() {
        return CartService.topology(new CartService().settings(Map.of()), devPartitions(Topics.CART_EVENTS.name()),
                DecisionObserver.none());
    }

    /** order-stream's topology as an instance with the default settings builds it. */
    private static Topology orderTopology() {
        return OrderService.topology(new OrderService().settings(Map.of()),
                devPartitions(Topics.ORDER_EVENTS.name()), DecisionObserver.none());
    }

    /** The partition count the dev profile of topics.yaml declares, which a service reads from the cluster. */
    private static int devPartitions(String topic) {
        return TopicDeclarations.load(TopicDeclarations.DEFAULT_PROFILE).topics().stream()
                .filter(declaration -> declaration.name().equals(topic))
                .mapToInt(TopicDeclaration::partitions).findFirst().orElseThrow();
    }

    /** The document with the block of {@code service} replaced by {@code description} in a text fence. */
    private static String withBlock(String doc, String service, String description) {
        String begin = "<!-- topology:" + service + ":begin -->\n";
        String end = "<!-- topology:" + service + ":end -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertThat(from).as("%s has a line %s before a line %s", DOC, begin.strip(), end).isNotNegative()
                .isLessThan(to);
        String block = "```text\n" + description.lines().map(String::stripTrailing)
                .collect(Collectors.joining("\n")).strip() + "\n```\n";
        return doc.substring(0, from + begin.length()) + block + doc.substring(to);
    }
}
