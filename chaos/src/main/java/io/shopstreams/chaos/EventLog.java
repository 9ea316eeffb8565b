package io.shopstreams.chaos;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committed event log as the harness sees it, read all along with a {@code read_committed} consumer of its
 * own (no group, every partition from the beginning), independent of the services: the events of every aggregate
 * in order, the dead letters, and when each record became visible, for the stall, takeover and throughput
 * figures ({@link CommitTimeline}). Thread-safe: one thread writes, any may read.
 */
final class EventLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private static final List<String> TOPICS = List.of(Topics.CART_EVENTS.name(), Topics.ORDER_EVENTS.name(),
            Topics.DEAD_LETTERS.name());

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<CartEvent>> carts = new ConcurrentHashMap<>();
    private final Map<String, List<OrderEvent>> orders = new ConcurrentHashMap<>();
    private final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    private final List<String> undecodable = new ArrayList<>();
    private final Map<Service, List<String>> existing = Map.of(Service.CART, new ArrayList<>(),
            Service.ORDER, new ArrayList<>());
    private final CommitTimeline timeline = new CommitTimeline();
    private final Thread thread = new Thread(this::run, "chaos-event-log");
    private volatile boolean closed;

    EventLog(String bootstrapServers, int partitions) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> assigned = new ArrayList<>();
        for (String topic : TOPICS) {
            for (int partition = 0; partition < partitions; partition++) {
                assigned.add(new TopicPartition(topic, partition));
            }
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
    }

    void start() {
        thread.start();
    }

    CommitTimeline timeline() {
        return timeline;
    }

    /** The events of one cart in log order, a copy; empty for a cart without events. */
    List<CartEvent> cart(String cartId) {
        List<CartEvent> events = carts.getOrDefault(cartId, List.of());
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    List<OrderEvent> order(String orderId) {
        List<OrderEvent> events = orders.getOrDefault(orderId, List.of());
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    Map<String, List<CartEvent>> carts() {
        return carts;
    }

    Map<String, List<OrderEvent>> orders() {
        return orders;
    }

    List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    List<String> undecodable() {
        synchronized (undecodable) {
            return List.copyOf(undecodable);
        }
    }

    /** The id of a random aggregate of {@code service} that has a committed event, or null while none has. */
    String randomExisting(Service service, Random random) {
        List<String> ids = existing.get(service);
        synchronized (ids) {
            return ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
        }
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    accept(record);
                }
            }
        } catch (WakeupException | InterruptException e) {
            LOG.debug("event log reader stopped");
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("the event log reader failed", e);
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(Topics.DEAD_LETTERS.name())) {
            synchronized (deadLetters) {
                deadLetters.add(record);
            }
            return;
        }
        Service service = Service.ofEventTopic(record.topic());
        String key = new String(record.key(), StandardCharsets.UTF_8);
        try {
            if (service == Service.CART) {
                CartEvent event = JsonCodec.CART_EVENTS.decode(record.value());
                append(carts, service, key, event, event.version() == 1 && !(event instanceof CartEvent.CommandRejected));
                timeline.committed(service, record.partition(), event.commandId(),
                        event.occurredAt().toEpochMilli());
            } else {
                OrderEvent event = JsonCodec.ORDER_EVENTS.decode(record.value());
                append(orders, service, key, event, event.version() == 1 && !(event instanceof OrderEvent.CommandRejected));
                timeline.committed(service, record.partition(), event.commandId(),
                        event.occurredAt().toEpochMilli());
            }
        } catch (InvalidMessageException e) {
            synchronized (undecodable) {
                undecodable.add(record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
            }
        }
    }

    /** @param created whether the event is the aggregate's version 1, from which on a query must find it */
    private <E> void append(Map<String, List<E>> byId, Service service, String id, E event, boolean created) {
        List<E> events = byId.computeIfAbsent(id, key -> new ArrayList<>());
        synchronized (events) {
            events.add(event);
        }
        if (created) {
            List<String> ids = existing.get(service);
            synchronized (ids) {
                ids.add(id);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(5000);
        consumer.close(Duration.ofSeconds(5));
    }
}
