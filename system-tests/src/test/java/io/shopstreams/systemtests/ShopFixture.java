package io.shopstreams.systemtests;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.shopstreams.service.ServiceSettings;
import io.shopstreams.service.tracing.Tracing;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.cart.CartService;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import io.shopstreams.order.OrderService;
import io.shopstreams.service.ServiceConfig;
import io.shopstreams.service.ServiceDefinition;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.topics.ApplyOptions;
import io.shopstreams.topics.TopicApplier;
import io.shopstreams.topics.TopicDeclarations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs real service instances against a real broker for one test class: applies the dev topics, loads a
 * catalog, starts and stops instances, produces raw command records and reads the HTTP APIs.
 */
final class ShopFixture implements AutoCloseable {
    private final String bootstrap;
    private final Path stateRoot;
    private final KafkaProducer<String, byte[]> producer;
    private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ServiceRuntime> running = new ArrayList<>();
    private SpanExporter spans;
    private final Map<String, String> kafkaEnv;
    private final Map<String, Object> clientConfig;

    ShopFixture(String bootstrap) {
        this(bootstrap, Map.of());
    }

    /**
     * @param kafkaEnv {@code KAFKA_*} variables (e.g. SASL settings) given to every instance; the fixture's own
     *                 clients use the properties the services make of them
     */
    ShopFixture(String bootstrap, Map<String, String> kafkaEnv) {
        this.bootstrap = bootstrap;
        this.kafkaEnv = Map.copyOf(kafkaEnv);
        try {
            this.stateRoot = Files.createTempDirectory("shop-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> client = new HashMap<>(ServiceConfig.load("fixture", kafkaEnv, Map.of()).kafkaProperties());
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.clientConfig = Map.copyOf(client);
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        try (Admin admin = Admin.create(clientConfig)) {
            new TopicApplier(admin).apply(TopicDeclarations.load("dev"), ApplyOptions.defaults());
        }
    }

    void product(String sku, String name, long priceCents, boolean active) {
        send(Topics.PRODUCTS.name(), sku, JsonCodec.PRODUCTS.encode(new Product(sku, name, priceCents, "EUR", active)));
    }

    RecordMetadata send(String topic, String key, String json) {
        return send(topic, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    RecordMetadata send(String topic, String key, byte[] value) {
        return send(topic, null, key, value);
    }

    /** Produces to an explicit partition, as a client with another partitioner (e.g. librdkafka's) may. */
    RecordMetadata send(String topic, Integer partition, String key, byte[] value) {
        return send(topic, partition, key, value, null);
    }

    /** Produces with an explicit record timestamp (null: the producer's clock). */
    RecordMetadata send(String topic, Integer partition, String key, byte[] value, Long timestamp) {
        return send(new ProducerRecord<>(topic, partition, timestamp, key, value));
    }

    /** Produces {@code record} as it is (e.g. with headers). */
    RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot produce to " + record.topic(), e);
        }
    }

    /** The settings of an instance that keeps one standby replica of each task. */
    static final Map<String, String> ONE_STANDBY = Map.of("NUM_STANDBY_REPLICAS", "1");

    /** Cart instances "a" and "b" with {@link #ONE_STANDBY}, both running. */
    List<ServiceRuntime> startTwoCartsWithStandbys() {
        ServiceRuntime first = startCart("a", ONE_STANDBY);
        ServiceRuntime second = startCart("b", ONE_STANDBY);
        awaitRunning(first, second);
        return List.of(first, second);
    }

    /** One {@code sku-mug} (the caller seeds the product) into each cart; returns once {@code reader} shows each. */
    void addOneMugToEach(List<String> carts, ServiceRuntime reader) {
        for (String cart : carts) {
            send(Topics.CART_COMMANDS.name(), cart,
                    "{\"type\":\"AddItem\",\"commandId\":\"add\",\"sku\":\"sku-mug\",\"quantity\":1}");
        }
        for (String cart : carts) {
            assertThat(get(reader, "/carts/" + cart + "?minVersion=1&timeoutMs=30000").status()).isEqualTo(200);
        }
    }

    /** Instances started from now on export every span to {@code exporter} as it ends. */
    void traceTo(SpanExporter exporter) {
        this.spans = exporter;
    }

    ServiceRuntime startCart(String instance, Map<String, String> extra) {
        return start(new CartService(), instance, extra);
    }

    ServiceRuntime startOrder(String instance, Map<String, String> extra) {
        return start(new OrderService(), instance, extra);
    }

    private ServiceRuntime start(ServiceDefinition service, String instance, Map<String, String> extra) {
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("STATE_DIR", stateRoot.resolve(service.name() + "-" + instance).toString());
        env.put("KAFKA_COMMIT_INTERVAL_MS", "100");
        env.putAll(kafkaEnv);
        env.putAll(extra);
        ServiceSettings settings = service.settings(env);
        ServiceRuntime runtime = ServiceRuntime.start(service, settings,
                spans == null ? settings.tracing() : Tracing.exportingTo(service.name(), instance, spans));
        running.add(runtime);
        return runtime;
    }

    static void awaitRunning(ServiceRuntime... runtimes) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ServiceRuntime runtime : runtimes) {
                if (runtime.streams().state() != KafkaStreams.State.RUNNING) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Client settings for tools that talk to the broker directly. */
    Map<String, Object> clientConfig() {
        return clientConfig;
    }

    /** Deletes one instance's whole state dir, as if its disk was lost. */
    void deleteState(String service, String instance) {
        deleteRecursively(stateRoot.resolve(service + "-" + instance));
    }

    void stop(ServiceRuntime runtime) {
        runtime.close();
        running.remove(runtime);
    }

    Response get(ServiceRuntime runtime, String path) {
        return call(runtime, "GET", path, null);
    }

    Response post(ServiceRuntime runtime, String path, String json) {
        return call(runtime, "POST", path, json);
    }

    Response call(ServiceRuntime runtime, String method, String path, String body) {
        return call(runtime, method, path, body, Map.of());
    }

    Response call(ServiceRuntime runtime, String method, String path, String body, Map<String, String> headers) {
        URI uri = URI.create(runtime.httpScheme() + "://127.0.0.1:" + runtime.httpPort() + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(70))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer with its body parsed as JSON. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JsonCodec.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /**
     * Two {@code sku-mug} (12.50, seeded by the caller) into cart-1 over HTTP, a checkout, then the order placed
     * for 25.00 as both services show it: the saga end to end.
     */
    void checkoutTwoMugsEndToEnd(ServiceRuntime cart, ServiceRuntime order) {
        assertThat(post(cart, "/carts/cart-1/commands",
                "{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":2}").status()).isEqualTo(202);
        assertThat(get(cart, "/carts/cart-1?minVersion=1&timeoutMs=30000").status()).isEqualTo(200);
        assertThat(post(cart, "/carts/cart-1/commands",
                "{\"type\":\"Checkout\",\"customerId\":\"cust-1\"}").status()).isEqualTo(202);
        java.util.concurrent.atomic.AtomicReference<JsonNode> view = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            view.set(get(cart, "/carts/cart-1").json());
            assertThat(view.get().path("order").path("status").asText()).as(view.get().toString())
                    .isEqualTo("PLACED");
        });
        String orderId = view.get().get("order").get("orderId").asText();
        assertThat(get(order, "/orders/" + orderId + "?minVersion=1&timeoutMs=30000").json()
                .get("totalCents").asLong()).isEqualTo(2500);
    }

    /** Calls the instances with this client from now on: one that trusts (and presents) test certificates. */
    void useHttpClient(HttpClient client) {
        this.http = client;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (ServiceRuntime runtime : List.copyOf(running)) {
            runtime.close();
        }
        producer.close(Duration.ofSeconds(5));
        deleteRecursively(stateRoot);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
