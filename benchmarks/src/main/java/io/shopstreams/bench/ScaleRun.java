package io.shopstreams.bench;

import io.shopstreams.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One instance holding many carts: how fast it takes them in, its memory, and how long a {@code kill -9} of it
 * costs, with and without transactional state stores (KIP-892). Each variant is its own application (own group,
 * state dir and changelogs) over the same commands, restarted on its state dir with a static membership, as an
 * operator runs it; restart-to-ready runs from the restart until {@code /ready} answers 200.
 */
final class ScaleRun {
    private final String bootstrap;
    private final Admin admin;
    private final Path workDir;
    private final Consumer<String> progress;

    ScaleRun(String bootstrap, Admin admin, Path workDir, Consumer<String> progress) {
        this.bootstrap = bootstrap;
        this.admin = admin;
        this.workDir = workDir;
        this.progress = progress;
    }

    void run(int carts, BenchReport report) throws Exception {
        // Each variant is a new application over all of cart-commands: the scale commands and the earlier ones.
        String topic = Topics.CART_COMMANDS.name();
        load(topic, carts);
        long total = endOffsets(topic);
        report.setup("scale run", String.format(java.util.Locale.ROOT, "one instance takes in all %,d records of %s,"
                + " %,d carts of one AddItem each among them, then is killed (kill -9) and restarted", total, topic, carts));
        for (boolean transactional : new boolean[] {false, true}) {
            String name = "scale-" + (transactional ? "transactional" : "plain");
            Map<String, String> env = new HashMap<>();
            int port = BenchRun.freePort();
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("APPLICATION_ID", "bench-" + name);
            env.put("INSTANCE_ID", name);
            env.put("HTTP_PORT", Integer.toString(port));
            env.put("APPLICATION_SERVER", "127.0.0.1:" + port);
            env.put("STATE_DIR", workDir.resolve(name + "-state").toString());
            env.put("TRANSACTIONAL_STATE_STORES", Boolean.toString(transactional));
            BenchRun.Starter starter = () -> ChildJvm.start(name, "io.shopstreams.cart.CartService",
                    java.util.List.of(), env, workDir.resolve(name + ".log"), java.util.List.of());
            String label = String.format(java.util.Locale.ROOT, "%,d carts, %s", carts,
                    transactional ? "transactional stores" : "plain stores");
            long start = System.nanoTime();
            ChildJvm app = starter.start();
            Drain.Result drained;
            long rss;
            try {
                drained = Drain.await(admin, "bench-" + name, topic, total, start, Duration.ofMinutes(30),
                        app::isAlive);
                rss = ChildJvm.peakRssBytes(app.handle());
            } finally {
                // kill -9: no checkpoint, no clean close, as in a crash.
                app.handle().destroyForcibly();
                app.handle().onExit().get();
            }
            long restart = System.nanoTime();
            try (ChildJvm again = starter.start()) {
                BenchRun.awaitReady(port, again, Duration.ofMinutes(30));
                double seconds = (System.nanoTime() - restart) / 1e9;
                progress.accept(String.format(java.util.Locale.ROOT, "%s: %.0f commands/s, peak RSS %d MiB, "
                        + "ready %.1f s after a kill -9", label, drained.recordsPerSecond(), rss >> 20, seconds));
                report.row(label + ": commands taken in (10–90 %)", drained.recordsPerSecond(), "commands/s");
                report.row(label + ": peak RSS", rss / (1024.0 * 1024.0), "MiB");
                report.row(label + ": restart to ready after kill -9", seconds, "s");
            }
        }
    }

    private long endOffsets(String topic) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions().forEach(p ->
                latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
        long sum = 0;
        for (var offset : admin.listOffsets(latest).all().get().values()) {
            sum += offset.offset();
        }
        return sum;
    }

    /** One AddItem per cart: every cart exists once the commands are in. */
    private void load(String topic, int carts) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int cart = 0; cart < carts; cart++) {
                producer.send(new ProducerRecord<>(topic, "scale-cart-" + cart, ("{\"type\":\"AddItem\",\"commandId\":"
                        + "\"s-" + cart + "\",\"sku\":\"sku-" + cart % 10 + "\",\"quantity\":1}")
                        .getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        progress.accept("loaded one AddItem for each of " + carts + " carts");
    }
}
