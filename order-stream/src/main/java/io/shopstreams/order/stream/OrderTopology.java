package io.shopstreams.order.stream;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderPolicy;
import io.shopstreams.service.stream.CommandDecoder;
import io.shopstreams.service.stream.DeadLetterWriter;
import io.shopstreams.service.stream.Decoded;
import io.shopstreams.service.stream.JsonStoreSerde;
import io.shopstreams.service.stream.KeyedCommand;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.Map;

/**
 * The order service's topology, the one that {@code OrderService} runs and the tests drive:
 * <pre>
 * cart-events -> CartCheckedOut only -> repartition by orderId -> place -> order-events
 * order-commands (bytes) -> decode -> invalid -> dead-letters
 *                                  -> valid -> repartition by orderId -> decide -> order-events
 * decided changes -> state by customerId -> repartition by customerId -> customer index
 * products -> global catalog store
 * </pre>
 */
public final class OrderTopology {
    public static final String SERVICE = "order-stream";
    public static final String CHECKOUTS_BY_ORDER = "checkouts-by-order";
    public static final String COMMANDS_BY_ORDER = "order-commands-by-order";
    public static final String ORDERS_BY_CUSTOMER = "orders-by-customer";

    /**
     * @param partitions       partition count of the repartition topics by orderId, normally that of
     *                         {@code order-events}, so that checkouts and commands of one order meet on one task
     * @param commandRetention how long the memory of a decided commandId lasts (the command topic's retention)
     */
    public record Options(int partitions, Duration commandRetention, OrderPolicy policy) {
        public static final Duration DEFAULT_COMMAND_RETENTION = Duration.ofDays(7);
    }

    private OrderTopology() {
    }

    public static Topology build(Options options, OrderObserver observer) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(Topics.PRODUCTS.name(),
                Consumed.with(Serdes.String(), Topics.PRODUCTS.valueSerde()).withName("products-source"),
                Materialized.<String, Product, KeyValueStore<Bytes, byte[]>>as(OrderStores.PRODUCTS)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.PRODUCTS.valueSerde()));
        builder.addStateStore(OrderStores.orders());
        builder.addStateStore(OrderStores.outcomes(options.commandRetention()));
        builder.addStateStore(OrderStores.customers());

        KStream<String, OrderChange> placed = checkoutsByOrder(builder, options)
                .process(() -> new OrderPlacer(options.policy(), observer), Named.as("order-placer"),
                        OrderStores.ORDERS, OrderStores.OUTCOMES);
        KStream<String, OrderChange> decided = commands(builder, options)
                .process(() -> new OrderCommandProcessor(observer), Named.as("order-decider"),
                        OrderStores.ORDERS, OrderStores.OUTCOMES);
        KStream<String, OrderChange> changes = placed.merge(decided, Named.as("order-changes-merge"));
        changes.mapValues(OrderChange::event, Named.as("order-change-event"))
                .to(Topics.ORDER_EVENTS.name(), Produced.with(Serdes.String(), Topics.ORDER_EVENTS.valueSerde())
                        .withName("order-events-sink"));
        customerIndex(changes, options);
        return builder.build();
    }

    private static KStream<String, CartEvent.CartCheckedOut> checkoutsByOrder(StreamsBuilder builder, Options options) {
        return builder
                .stream(Topics.CART_EVENTS.name(),
                        Consumed.with(Serdes.String(), Topics.CART_EVENTS.valueSerde()).withName("cart-events-source"))
                .filter((cartId, event) -> event instanceof CartEvent.CartCheckedOut, Named.as("checkouts-only"))
                .map((cartId, event) -> KeyValue.pair(((CartEvent.CartCheckedOut) event).orderId(),
                        (CartEvent) event), Named.as("checkout-by-order-id"))
                .repartition(Repartitioned.<String, CartEvent>as(CHECKOUTS_BY_ORDER)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.CART_EVENTS.valueSerde())
                        .withNumberOfPartitions(options.partitions()))
                .mapValues(event -> (CartEvent.CartCheckedOut) event, Named.as("checkout-typed"));
    }

    /** Valid commands, repartitioned by orderId; everything else to dead-letters. */
    private static KStream<String, OrderCommand> commands(StreamsBuilder builder, Options options) {
        Map<String, KStream<byte[], Decoded<KeyedCommand<OrderCommand>>>> branches = builder
                .stream(Topics.ORDER_COMMANDS.name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("order-commands-source"))
                .processValues(() -> new CommandDecoder<>(JsonCodec.ORDER_COMMANDS, OrderCommand::orderId, "orderId"),
                        Named.as("order-command-decoder"))
                .split(Named.as("order-commands-"))
                .branch((key, decoded) -> decoded.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        branches.get("order-commands-invalid")
                .process(() -> new DeadLetterWriter<byte[], KeyedCommand<OrderCommand>>(SERVICE),
                        Named.as("order-command-dead-letters"))
                .to(Topics.DEAD_LETTERS.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("order-dead-letters-sink"));
        return branches.get("order-commands-valid")
                .map((key, decoded) -> KeyValue.pair(decoded.value().aggregateId(), decoded.value().command()),
                        Named.as("order-command-by-order-id"))
                .repartition(Repartitioned.<String, OrderCommand>as(COMMANDS_BY_ORDER)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.ORDER_COMMANDS.valueSerde())
                        .withNumberOfPartitions(options.partitions()));
    }

    /** Orders a customer placed, filed under the customer: a store partitioned by customerId. */
    private static void customerIndex(KStream<String, OrderChange> changes, Options options) {
        changes.filter((orderId, change) -> change.order().customerId() != null, Named.as("orders-with-customer"))
                .map((orderId, change) -> KeyValue.pair(change.order().customerId(), change.order()),
                        Named.as("order-by-customer-id"))
                .repartition(Repartitioned.<String, Order>as(ORDERS_BY_CUSTOMER)
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonStoreSerde<>(Order.class))
                        .withNumberOfPartitions(options.partitions()))
                .process(CustomerIndexer::new, Named.as("customer-indexer"), OrderStores.CUSTOMERS);
    }
}
