package io.shopstreams.cart.stream;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.shopstreams.cart.CartService;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.service.stream.KeyPartitioner;
import io.shopstreams.service.tracing.Tracing;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The production topology carries a command's trace onto its events, on the in-place and the re-routed path. */
class CartTracingTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00f067aa0ba902b7";

    @TempDir
    Path stateDir;

    @Test
    void a_commands_traceparent_is_the_parent_of_its_decision_and_its_event_carries_the_decision() {
        for (boolean home : List.of(true, false)) {
            // Closing a tracing shuts its exporter down: one per driver.
            InMemorySpanExporter spans = InMemorySpanExporter.create();
            String cartId = IntStream.range(0, 100).mapToObj(i -> "cart-" + i)
                    .filter(id -> (KeyPartitioner.partitionOf(id, 6) == 0) == home).findFirst().orElseThrow();
            try (Tracing tracing = Tracing.exportingTo("cart-stream", "test", spans);
                 TopologyTestDriver driver = driver(tracing)) {
                Header event = tracedAddItem(driver, cartId);

                SpanData decided = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("decide AddItem"))
                        .findFirst().orElseThrow(() -> new AssertionError("spans: " + spans.getFinishedSpanItems()));
                assertThat(decided.getTraceId()).as(cartId).isEqualTo(TRACE);
                assertThat(decided.getParentSpanId()).isEqualTo(CALLER);
                assertThat(decided.getAttributes().get(AttributeKey.stringArrayKey("shop.events")))
                        .containsExactly("ItemAdded");
                assertThat(decided.getAttributes().get(AttributeKey.stringKey("messaging.kafka.message.key")))
                        .isEqualTo(cartId);
                assertThat(new String(event.value(), StandardCharsets.UTF_8))
                        .startsWith("00-" + TRACE + "-" + decided.getSpanId() + "-");
            }
        }
    }

    @Test
    void without_an_exporter_the_event_carries_the_commands_traceparent_unchanged() {
        try (TopologyTestDriver driver = driver(null)) {
            Header event = tracedAddItem(driver, "cart-1");

            assertThat(new String(event.value(), StandardCharsets.UTF_8)).isEqualTo("00-" + TRACE + "-" + CALLER + "-01");
        }
    }

    private TopologyTestDriver driver(Tracing tracing) {
        Properties properties = ServiceRuntime.streamsProperties(new CartService().settings(
                Map.of("STATE_DIR", stateDir.toString())));
        if (tracing != null) {
            properties.put(Tracing.CONFIG, tracing);
        }
        return new TopologyTestDriver(CartTopology.build(new CartTopology.Options(6,
                CartTopology.Options.DEFAULT_COMMAND_RETENTION), DecisionObserver.none()), properties);
    }

    /** Pipes a product and a traced AddItem; returns the traceparent of the event it gives. */
    private static Header tracedAddItem(TopologyTestDriver driver, String cartId) {
        driver.createInputTopic(Topics.PRODUCTS.name(), new StringSerializer(), Topics.PRODUCTS.valueSerde().serializer())
                .pipeInput("sku-mug", new Product("sku-mug", "Mug", 1250, "EUR", true));
        TestInputTopic<String, String> commands = driver.createInputTopic(Topics.CART_COMMANDS.name(),
                new StringSerializer(), new StringSerializer());
        Headers headers = new RecordHeaders().add(Tracing.TRACEPARENT,
                ("00-" + TRACE + "-" + CALLER + "-01").getBytes(StandardCharsets.UTF_8));
        commands.pipeInput(new TestRecord<>(cartId,
                "{\"type\":\"AddItem\",\"commandId\":\"add-1\",\"sku\":\"sku-mug\",\"quantity\":1}", headers));
        List<TestRecord<String, byte[]>> events = driver.createOutputTopic(Topics.CART_EVENTS.name(),
                new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
        assertThat(events).hasSize(1);
        return events.get(0).headers().lastHeader(Tracing.TRACEPARENT);
    }
}
