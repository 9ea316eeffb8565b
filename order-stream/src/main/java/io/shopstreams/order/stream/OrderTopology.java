package io.shopstreams.order.stream;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Catalog;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import io.shopstreams.order.domain.CustomerOrder;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderDecider;
import io.shopstreams.order.domain.OrderPolicy;
import io.shopstreams.service.aggregate.Aggregate;
import io.shopstreams.service.aggregate.AggregateFold;
import io.shopstreams.service.aggregate.AggregatePipeline;
import io.shopstreams.service.aggregate.CatalogTable;
import io.shopstreams.service.aggregate.CommandChannel;
import io.shopstreams.service.aggregate.CommandFront;
import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.service.aggregate.TopicStreams;
import io.shopstreams.service.replay.FoldSpace;
import io.shopstreams.service.stream.StoreSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.time.Duration;
import java.util.List;

/**
 * The order service's topology, the one that {@code OrderService} runs and the tests drive:
 * <pre>
 * cart-events -> CartCheckedOut only, by orderId -> repartition by orderId -> place -> order-events
 * order-commands (bytes) -> decode -> invalid -> dead-letters
 *                                  -> valid -> (misplaced: repartition by orderId) -> decide -> order-events
 * decided changes -> state by customerId -> repartition by customerId -> customer index
 * products -> global catalog store
 * </pre>
 */
public final class OrderTopology {
    public static final String SERVICE = "order-stream";
    public static final String CHECKOUTS_BY_ORDER = "checkouts-by-order";
    public static final String COMMANDS_BY_ORDER = "order-commands-by-order";
    public static final String ORDERS_BY_CUSTOMER = "order-entries-by-customer";
    /** How order commands come in, over Kafka and HTTP. */
    public static final CommandChannel<OrderCommand> COMMANDS =
            new CommandChannel<>("order", Topics.ORDER_COMMANDS, JsonCodec.ORDER_COMMANDS, OrderCommand::orderId);

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

    /** The pipeline of the order aggregate: each event is forwarded with the order's state after it. */
    static AggregatePipeline<Order, OrderEvent, OrderChange> pipeline(Options options,
                                                                      DecisionObserver<OrderEvent> observer) {
        return new AggregatePipeline<>(OrderAggregate.INSTANCE, OrderStores.AGGREGATE, options.commandRetention(),
                observer, OrderChange::new);
    }

    /** The aggregate as the shared pipeline sees it, e.g. for the service's observer. */
    public static Aggregate<Order, OrderEvent> aggregate() {
        return OrderAggregate.INSTANCE;
    }

    /** The aggregate's own stores as a fold of its events, as a rebuild or an audit computes them. */
    public static AggregateFold<Order, OrderEvent> fold(FoldSpace space) {
        return new AggregateFold<>(OrderAggregate.INSTANCE, OrderStores.AGGREGATE, space);
    }

    public static Topology build(Options options, DecisionObserver<OrderEvent> observer) {
        var pipeline = pipeline(options, observer);
        StreamsBuilder builder = new StreamsBuilder();
        CatalogTable.declare(builder);
        pipeline.addStores(builder);
        builder.addStateStore(OrderStores.customers());

        KStream<String, OrderChange> placed = checkoutsByOrder(builder, options)
                .process(pipeline.deciding(CartEvent.CartCheckedOut::eventId, context -> {
                    Catalog catalog = CatalogTable.of(context);
                    return (checkout, order, at) -> OrderDecider.place(checkout, order, catalog, options.policy(), at);
                }), Named.as("order-placer"), pipeline.storeNames());
        KStream<String, OrderChange> decided = CommandFront
                .commands(builder, COMMANDS, SERVICE, COMMANDS_BY_ORDER, options.partitions())
                .process(pipeline.deciding(OrderCommand::commandId, context -> OrderDecider::decide),
                        Named.as("order-decider"), pipeline.storeNames());
        KStream<String, OrderChange> changes = placed.merge(decided, Named.as("order-changes-merge"));
        changes.mapValues(OrderChange::event, Named.as("order-change-event"))
                .to(Topics.ORDER_EVENTS.name(), TopicStreams.produced(Topics.ORDER_EVENTS, "order-events-sink"));
        customerIndex(changes, options);
        return builder.build();
    }

    /** Checkouts from {@code cart-events}, re-keyed by the order they ask for. */
    private static KStream<String, CartEvent.CartCheckedOut> checkoutsByOrder(StreamsBuilder builder,
                                                                             Options options) {
        return builder
                .stream(Topics.CART_EVENTS.name(), TopicStreams.consumed(Topics.CART_EVENTS, "cart-events-source"))
                .flatMap((cartId, event) -> event instanceof CartEvent.CartCheckedOut checkout
                                ? List.of(KeyValue.pair(checkout.orderId(), checkout)) : List.of(),
                        Named.as("checkout-by-order-id"))
                .repartition(Repartitioned.<String, CartEvent.CartCheckedOut>as(CHECKOUTS_BY_ORDER)
                        .withKeySerde(Serdes.String()).withValueSerde(new CheckoutSerde())
                        .withNumberOfPartitions(options.partitions()));
    }

    /**
     * Orders a customer placed, filed under the customer: a store partitioned by customerId. Only the entry
     * travels through the repartition topic, not the whole order with its lines.
     */
    private static void customerIndex(KStream<String, OrderChange> changes, Options options) {
        changes.filter((orderId, change) -> change.order().customerId() != null, Named.as("orders-with-customer"))
                .map((orderId, change) -> KeyValue.pair(change.order().customerId(),
                        CustomerOrder.of(change.order())), Named.as("order-by-customer-id"))
                .repartition(Repartitioned.<String, CustomerOrder>as(ORDERS_BY_CUSTOMER)
                        .withKeySerde(Serdes.String()).withValueSerde(new StoreSerde<>(CustomerOrder.class))
                        .withNumberOfPartitions(options.partitions()))
                .process(CustomerIndexer::new, Named.as("customer-indexer"), OrderStores.CUSTOMERS);
    }
}
