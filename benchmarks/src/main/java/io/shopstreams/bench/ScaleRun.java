package io.shopstreams.bench;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.EmbeddedKafkaCluster;
import io.shopstreams.topics.ApplyOptions;
import io.shopstreams.topics.TopicApplier;
import io.shopstreams.topics.TopicDeclarations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
 * One instance holding many carts: how fast it takes them in, its memory, how long a {@code kill -9} of it
 * costs, with and without transactional state stores (KIP-892), and a full rebuild of its stores from the
 * events. Each variant is restarted on its state dir with a static membership, as an operator runs it;
 * restart-to-ready runs from the restart until {@code /ready} answers 200.
 */
final class ScaleRun {
    /** Issue 11's bound on the CLI's heap: the rebuild folds on disk, so it must do with this much. */
    private static final String REPLAY_HEAP = "-Xmx256m";
    private static final int LOAD_ATTEMPTS = 3;

    private final BenchOptions options;
    private final Path workDir;
    private final Consumer<String> progress;
    private String bootstrap;
    private Admin admin;

    ScaleRun(BenchOptions options, Consumer<String> progress) {
        this.options = options;
        this.workDir = options.workDir();
        this.progress = progress;
    }

    /**
     * On a broker of its own holding only the scale commands: the plain variant, then a rebuild of its stores
     * from its events (its {@code cart-events} then hold the events of that one application, as a real log),
     * then the transactional variant over the same commands.
     */
    void run(int carts, BenchReport report) throws Exception {
        String topic = Topics.CART_COMMANDS.name();
        report.setup("scale run", String.format(java.util.Locale.ROOT, "on a broker of its own, one instance takes"
                + " in %,d carts of one AddItem each, then is killed (kill -9) and restarted", carts));
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().nodes(1).brokerProperties(options.brokerConfig())
                .mode(EmbeddedKafkaCluster.Mode.CHILD_PROCESSES).dataDir(workDir.resolve("kafka-scale")).start();
             Admin scaleAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     kafka.bootstrapServers()))) {
            bootstrap = kafka.bootstrapServers();
            admin = scaleAdmin;
            new TopicApplier(admin).apply(TopicDeclarations.load("dev"), ApplyOptions.defaults());
            load(topic, carts);
            long total = CommittedLog.endOffsets(admin, topic);
            variant("scale-plain", false, carts, total, report);
            replay("bench-scale-plain", report);
            variant("scale-transactional", true, carts, total, report);
        }
    }

    private void variant(String name, boolean transactional, int carts, long total, BenchReport report)
            throws Exception {
        String topic = Topics.CART_COMMANDS.name();
        int port = BenchRun.freePort();
        Map<String, String> env = options.serviceEnvironment(bootstrap, port, name + "-state",
                Map.of("APPLICATION_ID", "bench-" + name, "INSTANCE_ID", name,
                        "TRANSACTIONAL_STATE_STORES", Boolean.toString(transactional)));
        BenchRun.Starter starter = () -> ChildJvm.start(name, "io.shopstreams.cart.CartService",
                java.util.List.of(), env, workDir.resolve(name + ".log"), java.util.List.of());
        String label = String.format(java.util.Locale.ROOT, "%,d carts, %s", carts,
                transactional ? "transactional stores" : "plain stores");
        long eventsBefore = CommittedLog.count(bootstrap, Topics.CART_EVENTS.name());
        long start = System.nanoTime();
        ChildJvm app = starter.start();
        Drain.Result drained;
        long rss;
        try {
            drained = Drain.await(admin, "bench-" + name, new Drain.Target(topic, total, 0), start,
                    Duration.ofMinutes(30), app::isAlive, () -> ChildJvm.cpuSeconds(app.handle()));
            rss = ChildJvm.peakRssBytes(app.handle());
        } finally {
            // kill -9: no checkpoint, no clean close, as in a crash.
            app.handle().destroyForcibly();
            app.handle().onExit().get();
        }
        long beforeKill = CommittedLog.count(bootstrap, Topics.CART_EVENTS.name()) - eventsBefore;
        long restart = System.nanoTime();
        try (ChildJvm again = starter.start()) {
            BenchRun.awaitReady(port, again, Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - restart) / 1e9;
            long afterRestart = CommittedLog.count(bootstrap, Topics.CART_EVENTS.name()) - eventsBefore;
            // One AddItem each, all decided before the kill: one more committed event per cart, no more, no less.
            if (beforeKill != carts || afterRestart != carts) {
                throw new IllegalStateException(label + ": " + carts + " AddItems, but " + beforeKill
                        + " committed events before the kill and " + afterRestart + " after the restart; "
                        + eventLog());
            }
            progress.accept(String.format(java.util.Locale.ROOT, "%s: %.0f commands/s, peak RSS %d MiB, "
                    + "ready %.1f s after a kill -9", label, drained.recordsPerSecond(), rss >> 20, seconds));
            report.row(label + ": commands taken in (10–90 %)", drained.recordsPerSecond(), "commands/s");
            report.row(label + ": peak RSS", rss / (1024.0 * 1024.0), "MiB");
            report.row(label + ": restart to ready after kill -9", seconds, "s");
        }
    }

    /**
     * Per partition of cart-events: its end, its last stable offset, the transactions open on it; then the
     * committed records per partition of commands and events, to tell a lost event from a lost command.
     */
    private String eventLog() throws Exception {
        String topic = Topics.CART_EVENTS.name();
        java.util.List<org.apache.kafka.common.TopicPartition> partitions = new java.util.ArrayList<>();
        admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        var end = admin.listOffsets(latest).all().get();
        var stable = admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get();
        var producers = admin.describeProducers(partitions).all().get();
        StringBuilder text = new StringBuilder();
        for (var partition : partitions) {
            text.append(partition).append(": end ").append(end.get(partition).offset()).append(", stable ")
                    .append(stable.get(partition).offset());
            producers.get(partition).activeProducers().stream()
                    .filter(producer -> producer.currentTransactionStartOffset().isPresent())
                    .forEach(producer -> text.append(", open transaction of producer ").append(producer.producerId())
                            .append(" from ").append(producer.currentTransactionStartOffset().getAsLong()));
            text.append("; ");
        }
        Map<Integer, Integer> commands = new java.util.TreeMap<>();
        Map<Integer, Integer> events = new java.util.TreeMap<>();
        CommittedLog.forEach(bootstrap, Topics.CART_COMMANDS.name(),
                record -> commands.merge(record.partition(), 1, Integer::sum));
        CommittedLog.forEach(bootstrap, Topics.CART_EVENTS.name(),
                record -> events.merge(record.partition(), 1, Integer::sum));
        return text.append("committed commands per partition ").append(commands).append(", events ").append(events)
                .toString();
    }

    /**
     * {@code shopctl replay cart}'s rebuild of one scale application's stores, in its own JVM, against a raw
     * {@code read_committed} consumer reading the same topics in this one. The rebuild must read every record
     * the consumer read and hold one cart per cartId the events name.
     */
    private void replay(String application, BenchReport report) throws Exception {
        long start = System.nanoTime();
        long[] records = {0};
        java.util.Set<String> cartIds = new java.util.HashSet<>();
        CommittedLog.forEach(bootstrap, java.util.List.of(Topics.CART_EVENTS.name(), Topics.ORDER_EVENTS.name()),
                record -> {
                    records[0]++;
                    if (record.topic().equals(Topics.CART_EVENTS.name())) {
                        cartIds.add(record.key());
                    }
                });
        double raw = records[0] / ((System.nanoTime() - start) / 1e9);
        Path log = workDir.resolve("replay.log");
        String result;
        long rss;
        try (ChildJvm replay = ChildJvm.start("replay", ReplayApp.class.getName(),
                java.util.List.of(bootstrap, application), Map.of(), log, java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(REPLAY_HEAP),
                        options.recording(workDir.resolve("replay.jfr")).stream()).toList())) {
            progress.accept("rebuilding " + application + " from " + records[0] + " events with " + replay);
            int exit = replay.waitFor(Duration.ofMinutes(30));
            rss = replay.peakRssSeen();
            java.util.List<String> lines = java.nio.file.Files.readAllLines(log);
            result = lines.stream().filter(line -> line.startsWith(ReplayApp.RESULT)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the rebuild ended with " + exit + " and no result;"
                            + " the end of " + log + ":\n" + String.join("\n",
                            lines.subList(Math.max(0, lines.size() - 15), lines.size()))));
        }
        Map<String, Long> figures = new HashMap<>();
        for (String pair : result.substring(ReplayApp.RESULT.length()).trim().split(" ")) {
            figures.put(pair.substring(0, pair.indexOf('=')), Long.parseLong(pair.substring(pair.indexOf('=') + 1)));
        }
        if (figures.get("events") != records[0] || figures.get("carts") != cartIds.size()) {
            throw new IllegalStateException("the rebuild read " + figures.get("events") + " events into "
                    + figures.get("carts") + " carts; the topics hold " + records[0] + " events of " + cartIds.size()
                    + " carts");
        }
        double rate = records[0] / (figures.get("millis") / 1000.0);
        String label = String.format(java.util.Locale.ROOT, "replay cart (full rebuild), %,d carts", cartIds.size());
        progress.accept(String.format(java.util.Locale.ROOT, "%s: %.0f events/s (raw consumer %.0f/s), peak heap %d"
                + " MiB, peak RSS %d MiB", label, rate, raw, figures.get("peakHeap") >> 20, rss >> 20));
        report.setup("replay", String.format(java.util.Locale.ROOT, "shopctl replay cart's rebuild of %s, in its own"
                + " JVM (%s): %,d events read, %,d carts written", application, REPLAY_HEAP, records[0],
                cartIds.size()));
        report.row(label + ": events folded and written", rate, "events/s",
                "raw read_committed consumer, same topics", raw);
        // Deleting and recreating the changelogs is a fixed cost of a few seconds, whatever the number of carts.
        report.row(label + ": events folded and written, the changelogs' deletion and re-creation left out",
                records[0] / ((figures.get("foldMillis") + figures.get("writeMillis")) / 1000.0), "events/s",
                "raw read_committed consumer, same topics", raw);
        report.setup("replay phases", String.format(java.util.Locale.ROOT, "folding %.1f s, wiping the changelogs"
                + " %.1f s, writing them %.1f s, of %.1f s", figures.get("foldMillis") / 1000.0,
                figures.get("wipeMillis") / 1000.0, figures.get("writeMillis") / 1000.0,
                figures.get("millis") / 1000.0));
        report.row(label + ": peak heap", figures.get("peakHeap") / (1024.0 * 1024.0), "MiB");
        report.row(label + ": peak RSS", rss / (1024.0 * 1024.0), "MiB");
    }

    /**
     * The catalog, then one AddItem per cart: every cart exists once the commands are in. A fresh broker has
     * left a partition's batches unsent for the whole delivery timeout (twice, both times its first
     * partition): those records go again from a new producer, at most {@value #LOAD_ATTEMPTS} times. A
     * command that did arrive the first time has no second outcome (same commandId), a catalog record is a
     * table update.
     */
    private void load(String topic, int carts) {
        java.util.List<ProducerRecord<String, byte[]>> pending = new java.util.ArrayList<>();
        for (String sku : CartCommandMix.SKUS) {
            pending.add(new ProducerRecord<>(Topics.PRODUCTS.name(), sku,
                    JsonCodec.PRODUCTS.encode(CartCommandMix.CATALOG.find(sku).orElseThrow())));
        }
        for (int cart = 0; cart < carts; cart++) {
            pending.add(new ProducerRecord<>(topic, "scale-cart-" + cart, ("{\"type\":\"AddItem\",\"commandId\":"
                    + "\"s-" + cart + "\",\"sku\":\"sku-" + cart % 10 + "\",\"quantity\":1}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // A stuck partition shows within 40 s instead of the default 120 s.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 40_000);
        Exception cause = null;
        for (int attempt = 1; attempt <= LOAD_ATTEMPTS && !pending.isEmpty(); attempt++) {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new ByteArraySerializer())) {
                Sends<String, byte[]> sends = new Sends<>(producer);
                pending.forEach(sends::send);
                pending = sends.flushForRetry();
                cause = sends.firstFailure();
            }
            if (!pending.isEmpty()) {
                progress.accept(pending.size() + " records not delivered (" + cause + "); sending them again");
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " records not delivered after " + LOAD_ATTEMPTS
                    + " attempts", cause);
        }
        progress.accept("loaded one AddItem for each of " + carts + " carts");
    }
}
