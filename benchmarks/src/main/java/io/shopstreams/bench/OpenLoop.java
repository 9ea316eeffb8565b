package io.shopstreams.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-loop latency: commands sent at a fixed rate by their intended send time, whether or not the service keeps
 * up, and each latency counted from that intended time to the moment its event is read committed from
 * {@code cart-events}. A sender that falls behind sends at once and the wait it caused is in the figures: no
 * coordinated omission.
 */
final class OpenLoop {
    /** Latencies in microseconds; {@code missing} events never seen within the wait. */
    record Result(double rate, Histogram micros, long missing) {
    }

    private static final Pattern COMMAND_ID = Pattern.compile("\"commandId\":\"([^\"]+)\"");

    private OpenLoop() {
    }

    /** @param visibility what to watch over HTTP while the loop runs, or null */
    static Result run(String bootstrap, String commandTopic, String eventTopic, CartCommandMix mix, double rate,
                      Duration wait, Visibility visibility) throws InterruptedException {
        Map<String, Long> intended = new ConcurrentHashMap<>();
        Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, eventTopic);
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            long start = System.nanoTime();
            long intervalNanos = (long) (1e9 / rate);
            Thread sender = new Thread(() -> {
                long next = start;
                List<CartCommandMix.Command> commands = mix.commands();
                for (int i = 0; i < commands.size(); i++) {
                    CartCommandMix.Command command = commands.get(i);
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        LockSupport.parkNanos(sleep);
                    }
                    if (visibility != null) {
                        visibility.sending(i, next);
                    }
                    intended.put(commandId(command.value()), next);
                    producer.send(new ProducerRecord<>(commandTopic, command.cartId(), command.value()));
                    next += intervalNanos;
                }
                producer.flush();
            }, "open-loop-sender");
            sender.start();
            long expected = mix.outcomes();
            long seen = 0;
            long deadline = start + intervalNanos * mix.commands().size() + wait.toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    Matcher id = COMMAND_ID.matcher(record.value());
                    Long sent = id.find() ? intended.remove(id.group(1)) : null;
                    if (sent != null) {
                        micros.recordValue(Math.min(micros.getHighestTrackableValue(), (now - sent) / 1000));
                        seen++;
                    }
                }
            }
            sender.join();
            if (visibility != null) {
                visibility.await();
            }
            return new Result(rate, micros, expected - seen);
        }
    }

    private static String commandId(byte[] value) {
        Matcher id = COMMAND_ID.matcher(new String(value, StandardCharsets.UTF_8));
        if (!id.find()) {
            throw new IllegalArgumentException("a command without a commandId");
        }
        return id.group(1);
    }

    /** Positioned at the end of the topic before the first send: only this run's events are read. */
    private static KafkaConsumer<String, String> consumer(String bootstrap, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
