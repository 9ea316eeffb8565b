package io.shopstreams.cart.stream;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import io.shopstreams.service.stream.CommandDecoder;
import io.shopstreams.service.stream.DeadLetterWriter;
import io.shopstreams.service.stream.Decoded;
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
 * The cart service's topology, the one that {@code CartService} runs and the tests drive:
 * <pre>
 * cart-commands (bytes) -> decode -> invalid -> dead-letters
 *                                 -> valid -> repartition by cartId -> decide -> cart-events
 * order-events -> drop CommandRejected -> repartition by cartId -> follow order -> cart-events (CartReopened)
 * products -> global catalog store
 * </pre>
 * Every command goes through the repartition topic, so it is decided on the task that owns its cartId
 * whatever partitioner its producer used (librdkafka's default differs from the Java client's).
 */
public final class CartTopology {
    public static final String SERVICE = "cart-stream";
    public static final String COMMANDS_BY_CART = "cart-commands-by-cart";
    public static final String ORDER_EVENTS_BY_CART = "order-events-by-cart";

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

    public static Topology build(Options options, CartObserver observer) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(Topics.PRODUCTS.name(),
                Consumed.with(Serdes.String(), Topics.PRODUCTS.valueSerde()).withName("products-source"),
                Materialized.<String, Product, KeyValueStore<Bytes, byte[]>>as(CartStores.PRODUCTS)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.PRODUCTS.valueSerde()));
        builder.addStateStore(CartStores.carts());
        builder.addStateStore(CartStores.orders());
        builder.addStateStore(CartStores.outcomes(options.commandRetention()));

        KStream<String, CartEvent> decided = commands(builder, options)
                .process(() -> new CartCommandProcessor(observer), Named.as("cart-decider"),
                        CartStores.CARTS, CartStores.OUTCOMES);
        KStream<String, CartEvent> reopened = orderEventsByCart(builder, options)
                .process(() -> new OrderEventFollower(observer), Named.as("cart-order-follower"),
                        CartStores.CARTS, CartStores.OUTCOMES, CartStores.ORDERS);
        decided.merge(reopened, Named.as("cart-events-merge"))
                .to(Topics.CART_EVENTS.name(), Produced.with(Serdes.String(), Topics.CART_EVENTS.valueSerde())
                        .withName("cart-events-sink"));
        return builder.build();
    }

    /** Valid commands, re-keyed and repartitioned by cartId; everything else to dead-letters. */
    private static KStream<String, CartCommand> commands(StreamsBuilder builder, Options options) {
        Map<String, KStream<byte[], Decoded<KeyedCommand<CartCommand>>>> branches = builder
                .stream(Topics.CART_COMMANDS.name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("cart-commands-source"))
                .processValues(() -> new CommandDecoder<>(JsonCodec.CART_COMMANDS, CartCommand::cartId, "cartId"),
                        Named.as("cart-command-decoder"))
                .split(Named.as("cart-commands-"))
                .branch((key, decoded) -> decoded.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        branches.get("cart-commands-invalid")
                .process(() -> new DeadLetterWriter<byte[], KeyedCommand<CartCommand>>(SERVICE),
                        Named.as("cart-command-dead-letters"))
                .to(Topics.DEAD_LETTERS.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("cart-dead-letters-sink"));
        return branches.get("cart-commands-valid")
                .map((key, decoded) -> KeyValue.pair(decoded.value().aggregateId(), decoded.value().command()),
                        Named.as("cart-command-by-cart-id"))
                .repartition(Repartitioned.<String, CartCommand>as(COMMANDS_BY_CART)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.CART_COMMANDS.valueSerde())
                        .withNumberOfPartitions(options.partitions()));
    }

    /** Order events that change an order's status, re-keyed by the cart they came from. */
    private static KStream<String, OrderEvent> orderEventsByCart(StreamsBuilder builder, Options options) {
        return builder
                .stream(Topics.ORDER_EVENTS.name(),
                        Consumed.with(Serdes.String(), Topics.ORDER_EVENTS.valueSerde()).withName("order-events-source"))
                .filter((orderId, event) -> !(event instanceof OrderEvent.CommandRejected),
                        Named.as("order-events-that-change-state"))
                .selectKey((orderId, event) -> event.cartId(), Named.as("order-event-by-cart-id"))
                .repartition(Repartitioned.<String, OrderEvent>as(ORDER_EVENTS_BY_CART)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.ORDER_EVENTS.valueSerde())
                        .withNumberOfPartitions(options.partitions()));
    }
}
