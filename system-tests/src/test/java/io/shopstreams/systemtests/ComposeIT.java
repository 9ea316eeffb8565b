package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker-compose.yml as a user runs it ({@code docker-compose up --build}), where a Docker engine answers;
 * skipped elsewhere, as on this project's CI machines, which have none. A checkout through the load balancer
 * becomes an order, Prometheus scrapes all four instances and Grafana serves the provisioned dashboard, each at
 * the port the README gives.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeIT {
    private static final Duration START = Duration.ofMinutes(10);

    @Container
    static final ComposeContainer SHOP = new ComposeContainer(RenderedManifests.ROOT.resolve("docker-compose.yml")
            .toFile())
            .withBuild(true)
            .withLocalCompose(true)
            .withExposedService("lb", 8070, Wait.forHttp("/ready").forStatusCode(200).withStartupTimeout(START))
            .withExposedService("lb", 8071, Wait.forHttp("/ready").forStatusCode(200).withStartupTimeout(START))
            .withExposedService("prometheus", 9090, Wait.forHttp("/-/ready").withStartupTimeout(START))
            .withExposedService("grafana", 3000, Wait.forHttp("/api/health").withStartupTimeout(START));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aCheckoutThroughTheLoadBalancerBecomesAnOrderWhileEveryInstanceIsScrapedAndTheDashboardServed()
            throws Exception {
        // The compose file publishes the broker's external listener on localhost:9092.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PRODUCTS.name(), "sku-mug",
                    JsonCodec.PRODUCTS.encode(new Product("sku-mug", "Mug", 1250, "EUR", true)))).get();
        }
        String carts = url("lb", 8070);
        String orders = url("lb", 8071);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(post(carts + "/carts/cart-compose/commands",
                    "{\"type\":\"AddItem\",\"commandId\":\"add-1\",\"sku\":\"sku-mug\",\"quantity\":2}").statusCode())
                    .isEqualTo(202);
            assertThat(json(get(carts + "/carts/cart-compose?minVersion=1&timeoutMs=5000")).path("totalCents")
                    .asLong()).as("priced from the catalog").isEqualTo(2500);
        });
        assertThat(post(carts + "/carts/cart-compose/commands",
                "{\"type\":\"Checkout\",\"customerId\":\"cust-compose\"}").statusCode()).isEqualTo(202);
        String[] orderId = new String[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode cart = json(get(carts + "/carts/cart-compose"));
            assertThat(cart.path("order").path("status").asText()).as(cart.toString()).isEqualTo("PLACED");
            orderId[0] = cart.path("order").path("orderId").asText();
        });
        assertThat(json(get(orders + "/orders/" + orderId[0] + "?minVersion=1&timeoutMs=30000")).path("totalCents")
                .asLong()).isEqualTo(2500);

        String prometheus = url("prometheus", 9090);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                json(get(prometheus + "/api/v1/query?query=sum%20by%20(job)%20(up)")).at("/data/result").toString())
                .contains("\"job\":\"cart-stream\"},\"value\":[", "\"job\":\"order-stream\"},\"value\":[")
                .doesNotContain("\"0\"]", "\"1\"]"));
        assertThat(get(url("grafana", 3000) + "/api/search?query=shop-streams").body())
                .contains("\"title\":\"shop-streams\"");
    }

    private static String url(String service, int port) {
        return "http://" + SHOP.getServiceHost(service, port) + ":" + SHOP.getServicePort(service, port);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JsonCodec.mapper().readTree(response.body());
    }
}
