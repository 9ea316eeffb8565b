package io.shopstreams.cart.stream;

import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.cart.CartService;
import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topic;
import io.shopstreams.events.Topics;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;

/**
 * The production cart topology ({@link CartTopology#build}) under the production Streams configuration
 * ({@link ServiceRuntime#streamsProperties} of {@link CartService#settings CartService.settings}) in a {@link TopologyTestDriver}, with
 * typed access to its topics and stores. Every piped record gets the next second after {@link #START} as its
 * timestamp, so two drivers fed the same records see the same timestamps.
 */
final class CartDriver implements AutoCloseable {
    /** Far from the wall clock, so that an occurredAt taken from the clock could not pass for a record timestamp. */
    static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    final Properties properties;
    final Topology topology;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Product> products;
    private final TestInputTopic<String, byte[]> rawProducts;
    private final TestInputTopic<byte[], byte[]> commands;
    private final TestInputTopic<String, byte[]> rawOrderEvents;
    private final TestOutputTopic<String, CartEvent> events;
    private final TestOutputTopic<String, byte[]> rawEvents;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Map<String, Long> offsets = new HashMap<>();
    private final List<TestRecord<String, byte[]>> pipedOrderEvents = new ArrayList<>();
    private Instant clock = START;

    CartDriver(Path stateDir, DecisionObserver<CartEvent> observer) {
        this(stateDir, observer, Map.of());
    }

    /** @param env settings on top of the service's defaults, as the service would read them from its environment */
    CartDriver(Path stateDir, DecisionObserver<CartEvent> observer, Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        settings.put("STATE_DIR", stateDir.toString());
        properties = ServiceRuntime.streamsProperties(new CartService().settings(settings));
        topology = CartTopology.build(new CartTopology.Options(6, CartTopology.Options.DEFAULT_COMMAND_RETENTION),
                observer);
        driver = new TopologyTestDriver(topology, properties, START);
        products = input(Topics.PRODUCTS);
        rawProducts = input(Topics.PRODUCTS.withValueSerde(Serdes.ByteArray()));
        commands = input(Topics.CART_COMMANDS.asBytes());
        rawOrderEvents = input(Topics.ORDER_EVENTS.withValueSerde(Serdes.ByteArray()));
        events = output(Topics.CART_EVENTS);
        rawEvents = output(Topics.CART_EVENTS.withValueSerde(Serdes.ByteArray()));
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

    long rawProduct(String sku, byte[] value) {
        rawProducts.pipeInput(sku, value, tick());
        return nextOffset(Topics.PRODUCTS.name());
    }

    long deleteProduct(String sku) {
        products.pipeInput(sku, null, tick());
        return nextOffset(Topics.PRODUCTS.name());
    }

    long command(String cartId, CartCommand command) {
        return command(cartId, JsonCodec.CART_COMMANDS.encodeToString(command));
    }

    long command(String cartId, String json) {
        return rawCommand(utf8(cartId), utf8(json));
    }

    long rawCommand(byte[] key, byte[] value) {
        commands.pipeInput(key, value, tick());
        return nextOffset(Topics.CART_COMMANDS.name());
    }

    long orderEvent(OrderEvent event) {
        return rawOrderEvent(event.orderId(),
                Topics.ORDER_EVENTS.valueSerde().serializer().serialize(Topics.ORDER_EVENTS.name(), event));
    }

    long rawOrderEvent(String orderId, byte[] value) {
        TestRecord<String, byte[]> record = new TestRecord<>(orderId, value, tick());
        rawOrderEvents.pipeInput(record);
        pipedOrderEvents.add(record);
        return nextOffset(Topics.ORDER_EVENTS.name());
    }

    /** Every record piped to order-events so far, as sent, in order. */
    List<TestRecord<String, byte[]>> pipedOrderEvents() {
        return List.copyOf(pipedOrderEvents);
    }

    /** Lets {@code time} pass: later records carry a later time, and wall-clock punctuations are due. */
    void pass(Duration time) {
        clock = clock.plus(time);
        driver.advanceWallClockTime(time);
    }

    /** The timestamp the last piped record carried. */
    Instant lastTimestamp() {
        return clock;
    }

    /** Every topic a record was written to so far, internal (repartition, changelog) topics included. */
    Set<String> producedTopics() {
        return driver.producedTopicNames();
    }

    // --- output, each read once

    List<CartEvent> events() {
        return events.readValuesToList();
    }

    List<TestRecord<String, CartEvent>> eventRecords() {
        return events.readRecordsToList();
    }

    /** The emitted cart events as their bytes on the topic (read once, like {@link #eventRecords()}). */
    List<TestRecord<String, byte[]>> rawEventRecords() {
        return rawEvents.readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    // --- stores

    Cart cart(String cartId) {
        return driver.<String, Cart>getKeyValueStore(CartStores.CARTS).get(cartId);
    }

    /** Every cart in the store, by cartId. */
    Map<String, Cart> carts() {
        Map<String, Cart> all = new HashMap<>();
        try (var iterator = driver.<String, Cart>getKeyValueStore(CartStores.CARTS).all()) {
            iterator.forEachRemaining(entry -> all.put(entry.key, entry.value));
        }
        return all;
    }

    <V> KeyValueStore<String, V> keyValueStore(String name) {
        return driver.getKeyValueStore(name);
    }

    /** What the cart knows of one of its orders. */
    CartOrder order(String cartId, String orderId) {
        return driver.<String, CartOrder>getKeyValueStore(CartStores.ORDERS).get(CartStores.orderKey(cartId, orderId));
    }

    /** The outcome remembered for this cart and commandId: none or one. */
    List<CommandOutcome> outcomes(String cartId, String commandId) {
        byte[] entry = driver.<String, byte[]>getKeyValueStore(CartStores.OUTCOMES)
                .get(OutcomeMemory.key(cartId, commandId));
        return entry == null ? List.of() : List.of(OutcomeMemory.decode(entry).outcome());
    }

    @Override
    public void close() {
        driver.close();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
