package io.shopstreams.bench;

import io.shopstreams.cart.CartService;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.EmbeddedKafkaCluster;
import io.shopstreams.order.OrderService;
import io.shopstreams.service.ServiceRuntime;
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
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The benchmark harness: a real broker, both services in this JVM, and three measurements end to end —
 * command throughput (records produced to {@code cart-commands} until all their events are committed),
 * checkout-to-order latency through the saga, and query throughput/latency over HTTP — plus memory.
 * Prints a table for the README. Numbers are for comparison on one machine, not absolute claims.
 */
@Command(name = "shop-benchmark", mixinStandardHelpOptions = true,
        description = "Measures command throughput, saga latency, query latency and memory on a real broker.")
public final class ShopBenchmark implements Callable<Integer> {
    @Option(names = "--commands", defaultValue = "20000", description = "AddItem commands to decide (default ${DEFAULT-VALUE})")
    int commands;

    @Option(names = "--carts", defaultValue = "2000", description = "carts they are spread over (default ${DEFAULT-VALUE})")
    int carts;

    @Option(names = "--checkouts", defaultValue = "500", description = "carts checked out for the saga phase (default ${DEFAULT-VALUE})")
    int checkouts;

    @Option(names = "--query-seconds", defaultValue = "15", description = "length of the query phase (default ${DEFAULT-VALUE})")
    int querySeconds;

    @Option(names = "--query-threads", defaultValue = "8", description = "concurrent HTTP clients (default ${DEFAULT-VALUE})")
    int queryThreads;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2", description = "exactly_once_v2 or at_least_once")
    String guarantee;

    private static final List<String> SKUS = List.of("sku-0", "sku-1", "sku-2", "sku-3", "sku-4",
            "sku-5", "sku-6", "sku-7", "sku-8", "sku-9");

    public static void main(String[] args) {
        System.exit(new CommandLine(new ShopBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path state = Files.createTempDirectory("shop-bench-");
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                new TopicApplier(admin).apply(TopicDeclarations.load("dev"), ApplyOptions.defaults());
            }
            try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                for (int i = 0; i < SKUS.size(); i++) {
                    producer.send(new ProducerRecord<>(Topics.PRODUCTS.name(), SKUS.get(i),
                            JsonCodec.PRODUCTS.encode(new Product(SKUS.get(i), "Product " + i, 100 + i, "EUR", true))));
                }
                producer.flush();
                ServiceRuntime cart = ServiceRuntime.start(new CartService(),
                        new CartService().settings(env(bootstrap, 7170, state, "cart")));
                ServiceRuntime order = ServiceRuntime.start(new OrderService(),
                        new OrderService().settings(env(bootstrap, 7171, state, "order")));
                try (cart; order) {
                    awaitRunning(cart, order);
                    report(measure(bootstrap, producer, cart));
                }
            }
        } finally {
            try (var paths = Files.walk(state)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return 0;
    }

    private List<String[]> measure(String bootstrap, KafkaProducer<String, byte[]> producer, ServiceRuntime cart)
            throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (EventCounter cartEvents = new EventCounter(bootstrap, Topics.CART_EVENTS.name())) {
            long started = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                String cartId = "cart-" + (i % carts);
                String json = "{\"type\":\"AddItem\",\"commandId\":\"add-" + i + "\",\"sku\":\""
                        + SKUS.get((i / carts) % SKUS.size()) + "\",\"quantity\":1}";
                producer.send(new ProducerRecord<>(Topics.CART_COMMANDS.name(), cartId, json.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
            double produced = (System.nanoTime() - started) / 1e9;
            long done = cartEvents.awaitCount(commands, Duration.ofMinutes(10));
            double seconds = (done - started) / 1e9;
            rows.add(row("commands decided end to end (" + guarantee + ")",
                    String.format(Locale.ROOT, "%,.0f commands/s (%,d in %.1f s; produced in %.1f s)",
                            commands / seconds, commands, seconds, produced)));
        }
        try (EventCounter orderEvents = new EventCounter(bootstrap, Topics.ORDER_EVENTS.name())) {
            long started = System.nanoTime();
            for (int i = 0; i < checkouts; i++) {
                String json = "{\"type\":\"Checkout\",\"commandId\":\"co-" + i + "\",\"customerId\":\"cust-" + (i % 50) + "\"}";
                producer.send(new ProducerRecord<>(Topics.CART_COMMANDS.name(), "cart-" + i, json.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
            long done = orderEvents.awaitCount(checkouts, Duration.ofMinutes(10));
            double seconds = (done - started) / 1e9;
            rows.add(row("checkouts through the saga to OrderPlaced",
                    String.format(Locale.ROOT, "%,.0f orders/s (%,d in %.1f s)", checkouts / seconds, checkouts, seconds)));
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < carts; i++) {
            urls.add("http://127.0.0.1:" + cart.httpPort() + "/carts/cart-" + i);
        }
        QueryLoad.Result queries = QueryLoad.run(urls, queryThreads, Duration.ofSeconds(querySeconds));
        rows.add(row("GET /carts/{id}, " + queryThreads + " clients, one instance",
                String.format(Locale.ROOT, "%,.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d errors",
                        queries.perSecond(), queries.p50Micros() / 1000.0, queries.p99Micros() / 1000.0, queries.errors())));
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        rows.add(row("heap after GC (broker + both services in one JVM)",
                String.format(Locale.ROOT, "%,d MiB", (runtime.totalMemory() - runtime.freeMemory()) >> 20)));
        rows.add(row("process RSS", rss()));
        return rows;
    }

    private static String[] row(String what, String figure) {
        return new String[] {what, figure};
    }

    private static void report(List<String[]> rows) {
        System.out.println();
        System.out.println("| what | figure |");
        System.out.println("|---|---|");
        rows.forEach(r -> System.out.println("| " + r[0] + " | " + r[1] + " |"));
    }

    private static String rss() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring(6).trim()).findFirst().orElse("n/a");
    }

    private Map<String, String> env(String bootstrap, int port, Path state, String name) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("STATE_DIR", state.resolve(name).toString());
        env.put("PROCESSING_GUARANTEE", guarantee);
        env.put("HTTP_THREADS", Integer.toString(Math.max(16, queryThreads * 2)));
        return env;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void awaitRunning(ServiceRuntime... runtimes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (ServiceRuntime runtime : runtimes) {
            while (runtime.streams().state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("services did not reach RUNNING within 60 s");
                }
                Thread.sleep(50);
            }
        }
    }
}
