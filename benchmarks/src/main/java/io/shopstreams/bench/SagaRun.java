package io.shopstreams.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The order side, after cart-stream decided the cart commands: order-stream started as a user starts it turns
 * every checkout on {@code cart-events} into an order (the saga's first step), then decides a mix of order
 * commands (pay, ship, deliver, cancel, a few re-sends) for the orders placed, in the same process. Each phase
 * drains its input topic and is checked against the log: one order event per checkout, one per order command
 * that is not a re-send.
 */
final class SagaRun {
    private static final ObjectMapper MAPPER = JsonCodec.mapper();
    private static final int RESEND_EVERY = 50;
    /** What order-stream answers a checkout with. */
    private static final java.util.Set<String> DECIDED = java.util.Set.of("OrderPlaced", "OrderRejected");

    private final String bootstrap;
    private final Admin admin;
    private final ProcessHandle broker;
    private final BenchRun.Starter orderStream;
    private final Consumer<String> progress;

    SagaRun(String bootstrap, Admin admin, ProcessHandle broker, BenchRun.Starter orderStream,
            Consumer<String> progress) {
        this.bootstrap = bootstrap;
        this.admin = admin;
        this.broker = broker;
        this.orderStream = orderStream;
        this.progress = progress;
    }

    /**
     * @param baseline Kafka Streams' count on the cart commands of the same run, records/s
     * @return the rate order-stream read {@code cart-events} at, events/s: its share of the saga's load
     */
    double run(double baseline, BenchReport report) throws Exception {
        long checkouts = count(Topics.CART_EVENTS.name(), "CartCheckedOut"::equals);
        int partitions = CommittedLog.partitions(admin, Topics.CART_EVENTS.name());

        long cartEvents = CommittedLog.endOffsets(admin, Topics.CART_EVENTS.name());
        // One process for both phases: on the 12,000 order commands of a 100,000-command run, a fresh JVM spent
        // more CPU compiling than deciding (its C2 compiler thread above its stream thread).
        try (ChildJvm app = orderStream.start()) {
            Drain.Result placed = BenchRun.drain(admin, broker, "order-stream, checkouts", "order-stream",
                    new Drain.Target(Topics.CART_EVENTS.name(), cartEvents, partitions), report, app, progress,
                    // Checkouts are re-keyed by orderId on the way: committed cart-events are not yet orders.
                    () -> count(Topics.ORDER_EVENTS.name(), DECIDED::contains) >= checkouts);
            OrderLog log = orderLog();
            List<Placed> orders = log.placed();
            long decided = log.decided();
            if (decided != checkouts) {
                throw new IllegalStateException(checkouts + " checkouts on cart-events, but " + decided
                        + " orders placed or rejected on order-events");
            }
            report.setup("checkouts", checkouts + " on cart-events; " + orders.size() + " orders placed, "
                    + (decided - orders.size()) + " rejected, one each, as expected");
            // cart-events holds every cart event; order-stream reads them all and keeps the checkouts.
            report.row("order-stream, checkouts turned into orders (the saga's first step)",
                    placed.recordsPerSecond() * checkouts / cartEvents, "checkouts/s");

            long eventsBefore = log.events();
            List<ProducerRecord<String, byte[]>> commands = orderCommands(orders);
            long resends = (orders.size() + RESEND_EVERY - 1) / RESEND_EVERY;
            send(commands);
            Drain.Result decidedCommands = BenchRun.drain(admin, broker, "order-stream, order commands",
                    "order-stream", new Drain.Target(Topics.ORDER_COMMANDS.name(), commands.size(), 0), report,
                    app, progress, () -> count(Topics.ORDER_EVENTS.name(), type -> true) - eventsBefore
                            >= commands.size() - resends);
            long outcomes = count(Topics.ORDER_EVENTS.name(), type -> true) - eventsBefore;
            // A re-send carries the commandId of the command it repeats, so it has no outcome of its own.
            if (outcomes != commands.size() - resends) {
                throw new IllegalStateException(commands.size() + " order commands (" + resends + " re-sends) yielded "
                        + outcomes + " order events");
            }
            report.setup("order commands", commands.size() + " (" + resends + " exact re-sends) over " + orders.size()
                    + " orders: pay all, then ship and deliver a third, cancel a third; " + outcomes + " events");
            report.row("order-stream, order commands decided (exactly_once_v2)", decidedCommands.recordsPerSecond(),
                    "commands/s", "Kafka Streams count (cart commands)", baseline);
            return placed.recordsPerSecond();
        }
    }

    private record Placed(String orderId, long totalCents) {
    }

    /** What {@code order-events} holds: the orders placed, the checkouts decided, all events. */
    private record OrderLog(List<Placed> placed, long decided, long events) {
    }

    /** One read of {@code order-events}. */
    private OrderLog orderLog() {
        List<Placed> placed = new ArrayList<>();
        long[] decidedAndEvents = {0, 0};
        CommittedLog.forEach(bootstrap, Topics.ORDER_EVENTS.name(), record -> {
            JsonNode event = tree(record.value());
            String type = event.path("type").asText();
            decidedAndEvents[0] += DECIDED.contains(type) ? 1 : 0;
            decidedAndEvents[1]++;
            if ("OrderPlaced".equals(type)) {
                placed.add(new Placed(event.path("orderId").asText(), event.path("totalCents").asLong()));
            }
        });
        return new OrderLog(placed, decidedAndEvents[0], decidedAndEvents[1]);
    }

    /**
     * Every order paid; then a third shipped and delivered, a third cancelled; every
     * {@value #RESEND_EVERY}th payment sent twice. One producer, keyed by orderId, so each order's commands
     * arrive in order.
     */
    private static List<ProducerRecord<String, byte[]>> orderCommands(List<Placed> orders) {
        List<ProducerRecord<String, byte[]>> commands = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            Placed order = orders.get(i);
            String pay = "{\"type\":\"PayOrder\",\"commandId\":\"pay-" + i + "\",\"amountCents\":"
                    + order.totalCents() + ",\"paymentRef\":\"ref-" + i + "\"}";
            commands.add(record(order, pay));
            if (i % RESEND_EVERY == 0) {
                commands.add(record(order, pay));
            }
            switch (i % 3) {
                case 0 -> {
                    commands.add(record(order, "{\"type\":\"ShipOrder\",\"commandId\":\"ship-" + i
                            + "\",\"carrier\":\"dhl\",\"trackingId\":\"t-" + i + "\"}"));
                    commands.add(record(order, "{\"type\":\"DeliverOrder\",\"commandId\":\"deliver-" + i + "\"}"));
                }
                case 1 -> commands.add(record(order, "{\"type\":\"CancelOrder\",\"commandId\":\"cancel-" + i
                        + "\",\"reason\":\"changed my mind\"}"));
                default -> {
                }
            }
        }
        return commands;
    }

    private static ProducerRecord<String, byte[]> record(Placed order, String json) {
        return new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), order.orderId(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private void send(List<ProducerRecord<String, byte[]>> commands) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            Sends<String, byte[]> sends = new Sends<>(producer);
            commands.forEach(sends::send);
            sends.flush();
        }
    }

    /** Committed records of {@code topic} whose {@code type} is one {@code types} accepts. */
    private long count(String topic, java.util.function.Predicate<String> types) {
        long[] count = {0};
        CommittedLog.forEach(bootstrap, topic, record -> {
            if (types.test(tree(record.value()).path("type").asText())) {
                count[0]++;
            }
        });
        return count[0];
    }

    private static JsonNode tree(byte[] value) {
        try {
            return MAPPER.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
