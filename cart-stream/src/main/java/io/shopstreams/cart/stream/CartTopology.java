package io.shopstreams.cart.stream;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartDecider;
import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Catalog;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import io.shopstreams.service.aggregate.Aggregate;
import io.shopstreams.service.aggregate.AggregateFold;
import io.shopstreams.service.aggregate.AggregatePipeline;
import io.shopstreams.service.aggregate.CatalogTable;
import io.shopstreams.service.aggregate.CommandChannel;
import io.shopstreams.service.aggregate.CommandFront;
import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.service.aggregate.TopicStreams;
import io.shopstreams.service.replay.FoldSpace;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import java.time.Duration;

/**
 * The cart service's topology, the one that {@code CartService} runs and the tests drive:
 * <pre>
 * cart-commands (bytes) -> decode -> invalid -> dead-letters
 *                                 -> valid -> (misplaced: repartition by cartId) -> decide -> cart-events
 * order-events -> drop CommandRejected -> repartition by cartId -> follow order -> cart-events (CartReopened)
 * products -> global catalog store
 * </pre>
 * A command is decided on the task that owns its cartId whatever partitioner its producer used (librdkafka's
 * default differs from the Java client's): where it is read when that is its cart's partition, else after the
 * repartition topic ({@code CommandFront}).
 */
public final class CartTopology {
    public static final String SERVICE = "cart-stream";
    public static final String COMMANDS_BY_CART = "cart-commands-by-cart";
    public static final String ORDER_EVENTS_BY_CART = "order-events-by-cart";
    /** How cart commands come in, over Kafka and HTTP. */
    public static final CommandChannel<CartCommand> COMMANDS =
            new CommandChannel<>("cart", Topics.CART_COMMANDS, JsonCodec.CART_COMMANDS, CartCommand::cartId);

    /**
     * @param partitions       the partition count of both repartition topics, normally that of {@code cart-events},
     *                         so that commands and order events of one cart meet on one task
     * @param commandRetention how long the memory of a decided commandId lasts (the command topic's retention)
     */
    public record Options(int partitions, Duration commandRetention) {
        public static final Duration DEFAULT_COMMAND_RETENTION = Duration.ofDays(7);
    }

    private CartTopology() {
    }

    /** The pipeline of the cart aggregate: what the cart processors decide with, and what they forward. */
    static AggregatePipeline<Cart, CartEvent, CartEvent> pipeline(Options options,
                                                                  DecisionObserver<CartEvent> observer) {
        return new AggregatePipeline<>(CartAggregate.INSTANCE, CartStores.AGGREGATE, options.commandRetention(),
                observer, (event, cart) -> event);
    }

    /** The aggregate as the shared pipeline sees it, e.g. for the service's observer. */
    public static Aggregate<Cart, CartEvent> aggregate() {
        return CartAggregate.INSTANCE;
    }

    /** The aggregate's own stores as a fold of its events, as a rebuild or an audit computes them. */
    public static AggregateFold<Cart, CartEvent> fold(FoldSpace space) {
        return new AggregateFold<>(CartAggregate.INSTANCE, CartStores.AGGREGATE, space);
    }

    public static Topology build(Options options, DecisionObserver<CartEvent> observer) {
        var pipeline = pipeline(options, observer);
        StreamsBuilder builder = new StreamsBuilder();
        CatalogTable.declare(builder);
        pipeline.addStores(builder);
        builder.addStateStore(CartStores.orders());

        KStream<String, CartEvent> decided = CommandFront
                .commands(builder, COMMANDS, SERVICE, COMMANDS_BY_CART, options.partitions())
                .process(pipeline.deciding(CartCommand::commandId, context -> {
                    Catalog catalog = CatalogTable.of(context);
                    return (command, cart, at) -> CartDecider.decide(command, cart, catalog, at);
                }), Named.as("cart-decider"), pipeline.storeNames());
        KStream<String, CartEvent> reopened = orderEventsByCart(builder, options)
                .process(() -> new OrderEventFollower(pipeline), Named.as("cart-order-follower"),
                        CartStores.CARTS, CartStores.OUTCOMES, CartStores.ORDERS);
        decided.merge(reopened, Named.as("cart-events-merge"))
                .to(Topics.CART_EVENTS.name(), TopicStreams.produced(Topics.CART_EVENTS, "cart-events-sink"));
        return builder.build();
    }

    /** Order events that change an order's status, re-keyed by the cart they came from. */
    private static KStream<String, OrderEvent> orderEventsByCart(StreamsBuilder builder, Options options) {
        return builder
                .stream(Topics.ORDER_EVENTS.name(), TopicStreams.consumed(Topics.ORDER_EVENTS, "order-events-source"))
                .filter((orderId, event) -> !(event instanceof OrderEvent.CommandRejected),
                        Named.as("order-events-that-change-state"))
                .selectKey((orderId, event) -> event.cartId(), Named.as("order-event-by-cart-id"))
                .repartition(TopicStreams.repartitioned(Topics.ORDER_EVENTS, ORDER_EVENTS_BY_CART,
                        options.partitions()));
    }
}
