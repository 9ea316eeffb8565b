package io.shopstreams.order.stream;

import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topic;
import io.shopstreams.events.Topics;
import io.shopstreams.order.OrderService;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.order.domain.CustomerOrder;
import io.shopstreams.order.domain.CustomerOrders;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderPolicy;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The production order topology ({@link OrderTopology#build}) under the production Streams configuration
 * ({@link ServiceRuntime#streamsProperties} of {@link OrderService#settings OrderService.settings}) in a {@link TopologyTestDriver}, with
 * typed access to its topics and stores. Every piped record gets the next second after {@link #START} as its
 * timestamp, so two drivers fed the same records see the same timestamps.
 */
final class OrderDriver implements AutoCloseable {
    /** Far from the wall clock, so that an occurredAt taken from the clock could not pass for a record timestamp. */
    static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    /** The placement policy of these tests: 100.00 in a currency with two decimals. */
    static final long MAX_TOTAL_CENTS = 10_000;

    final Properties properties;
    final Topology topology;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Product> products;
    private final TestInputTopic<String, byte[]> rawProducts;
    private final TestInputTopic<String, CartEvent> cartEvents;
    private final TestInputTopic<String, byte[]> rawCartEvents;
    private final TestInputTopic<byte[], byte[]> commands;
    private final TestOutputTopic<String, OrderEvent> events;
    private final TestOutputTopic<String, byte[]> rawEvents;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Map<String, Long> offsets = new HashMap<>();
    private Instant clock = START;

    OrderDriver(Path stateDir, DecisionObserver<OrderEvent> observer) {
        this(stateDir, observer, Map.of());
    }

    /** @param env settings over the service's defaults, as environment variables, e.g. PROCESSING_GUARANTEE */
    OrderDriver(Path stateDir, DecisionObserver<OrderEvent> observer, Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        settings.put("STATE_DIR", stateDir.toString());
        properties = ServiceRuntime.streamsProperties(new OrderService().settings(settings));
        topology = OrderTopology.build(new OrderTopology.Options(6, OrderTopology.Options.DEFAULT_COMMAND_RETENTION,
                new OrderPolicy(MAX_TOTAL_CENTS)), observer);
        driver = new TopologyTestDriver(topology, properties, START);
        products = input(Topics.PRODUCTS);
        rawProducts = input(Topics.PRODUCTS.withValueSerde(Serdes.ByteArray()));
        cartEvents = input(Topics.CART_EVENTS);
        rawCartEvents = input(Topics.CART_EVENTS.withValueSerde(Serdes.ByteArray()));
        commands = input(Topics.ORDER_COMMANDS.asBytes());
        events = output(Topics.ORDER_EVENTS);
        rawEvents = output(Topics.ORDER_EVENTS.withValueSerde(Serdes.ByteArray()));
        deadLetters = output(Topics.DEAD_LETTERS);
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    // --- input; each method returns the offset the record got on its topic

    long product(Product product) {
        products.pipeInput(product.sku(), product, tick());
        return nextOffset(Topics.PRODUCTS.name());
    }

    long deleteProduct(String sku) {
        products.pipeInput(sku, null, tick());
        return nextOffset(Topics.PRODUCTS.name());
    }

    long rawProduct(String sku, byte[] value) {
        rawProducts.pipeInput(sku, value, tick());
        return nextOffset(Topics.PRODUCTS.name());
    }

    /** A cart event as cart-stream publishes it: keyed by its cartId. */
    long cartEvent(CartEvent event) {
        cartEvents.pipeInput(event.cartId(), event, tick());
        return nextOffset(Topics.CART_EVENTS.name());
    }

    long rawCartEvent(String cartId, byte[] value) {
        rawCartEvents.pipeInput(cartId, value, tick());
        return nextOffset(Topics.CART_EVENTS.name());
    }

    long command(String orderId, OrderCommand command) {
        return command(orderId, JsonCodec.ORDER_COMMANDS.encodeToString(command));
    }

    long command(String orderId, String json) {
        return rawCommand(utf8(orderId), utf8(json));
    }

    long rawCommand(byte[] key, byte[] value) {
        commands.pipeInput(key, value, tick());
        return nextOffset(Topics.ORDER_COMMANDS.name());
    }

    /** The timestamp the last piped record carried. */
    Instant lastTimestamp() {
        return clock;
    }

    // --- output, each read once

    List<OrderEvent> events() {
        return events.readValuesToList();
    }

    List<TestRecord<String, OrderEvent>> eventRecords() {
        return events.readRecordsToList();
    }

    /** The emitted order events as their bytes on the topic (read once, like {@link #eventRecords()}). */
    List<TestRecord<String, byte[]>> rawEventRecords() {
        return rawEvents.readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    // --- stores

    Order order(String orderId) {
        return driver.<String, Order>getKeyValueStore(OrderStores.ORDERS).get(orderId);
    }

    /** Every order in the store, by orderId. */
    Map<String, Order> orders() {
        return all(driver.getKeyValueStore(OrderStores.ORDERS));
    }

    <V> KeyValueStore<String, V> keyValueStore(String name) {
        return driver.getKeyValueStore(name);
    }

    /** The customer's orders as GET /customers/{customerId}/orders lists them: a prefix scan of the index. */
    CustomerOrders customer(String customerId) {
        List<CustomerOrder> entries = new ArrayList<>();
        try (var scan = driver.<String, CustomerOrder>getKeyValueStore(OrderStores.CUSTOMERS)
                .prefixScan(OrderStores.customerPrefix(customerId), new StringSerializer())) {
            scan.forEachRemaining(entry -> entries.add(entry.value));
        }
        return CustomerOrders.of(customerId, entries);
    }

    /** Every customer in the index, by customerId. */
    Map<String, CustomerOrders> customers() {
        Map<String, CustomerOrders> customers = new HashMap<>();
        all(driver.<String, CustomerOrder>getKeyValueStore(OrderStores.CUSTOMERS)).keySet().forEach(key -> {
            String customerId = key.substring(0, key.indexOf('|'));
            customers.computeIfAbsent(customerId, this::customer);
        });
        return customers;
    }

    /** The outcome remembered for this order and commandId (or causing eventId): none or one. */
    List<CommandOutcome> outcomes(String orderId, String causeId) {
        byte[] entry = driver.<String, byte[]>getKeyValueStore(OrderStores.OUTCOMES)
                .get(OutcomeMemory.key(orderId, causeId));
        return entry == null ? List.of() : List.of(OutcomeMemory.decode(entry).outcome());
    }

    @Override
    public void close() {
        driver.close();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <V> Map<String, V> all(KeyValueStore<String, V> store) {
        Map<String, V> all = new HashMap<>();
        try (var iterator = store.all()) {
            iterator.forEachRemaining(entry -> all.put(entry.key, entry.value));
        }
        return all;
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    private long nextOffset(String topic) {
        long offset = offsets.getOrDefault(topic, 0L);
        offsets.put(topic, offset + 1);
        return offset;
    }
}
