package io.shopstreams.chaos;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the plan at a steady rate for a fixed time, as a client would: an idempotent producer with
 * {@code acks=all}, every acknowledgement (or failure) noted in the {@link SentLog}. Runs on its own thread.
 */
final class LoadDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);

    private final LoadPlan plan;
    private final SentLog sent;
    private final int rate;
    private final Duration duration;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong produced = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    LoadDriver(String bootstrapServers, LoadPlan plan, SentLog sent, int rate, Duration duration) {
        this.plan = plan;
        this.sent = sent;
        this.rate = rate;
        this.duration = duration;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000), new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "chaos-load");
    }

    void start() {
        thread.start();
    }

    /** Records handed to the producer so far. */
    long produced() {
        return produced.get();
    }

    /** Waits for the plan's time to pass and every send to be acknowledged or failed. */
    void awaitEnd() throws InterruptedException {
        thread.join();
        producer.flush();
    }

    private void run() {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            while (!stopped && System.nanoTime() < end) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                while (produced.get() < due) {
                    send(plan.next());
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the load driver stopped after {} records", produced.get(), e);
        }
    }

    private void send(PlannedRecord record) {
        produced.incrementAndGet();
        producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()), (metadata, error) -> {
            if (error == null) {
                sent.acked(record, metadata.partition(), metadata.offset());
            } else {
                LOG.warn("send of record {} to {} failed: {}", record.seq(), record.topic(), error.toString());
                sent.failed(record);
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(10_000);
        producer.close(Duration.ofSeconds(10));
    }
}
