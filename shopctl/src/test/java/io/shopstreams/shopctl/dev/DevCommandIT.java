package io.shopstreams.shopctl.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.kafka.embedded.BootstrapServers;
import io.shopstreams.kafka.embedded.WithKafka;
import io.shopstreams.shopctl.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shopctl dev} run on a thread as a user runs it, driven with shopctl and HTTP, stopped like Ctrl-C. */
@WithKafka
class DevCommandIT {
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final long STOP_WITHIN_MS = 60_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static Cli.Background startDev(String... args) {
        Cli.Background dev = new Cli.Background(args);
        await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> dev.out().contains("ready in") || !dev.isAlive());
        assertThat(dev.out()).as("dev did not get ready; err:\n" + dev.err()).contains("ready in");
        return dev;
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return JsonCodec.mapper().readTree(response.body());
    }

    private static String cartAdd(String bootstrap, String cart) {
        Cli.Result added = Cli.run("cart", "add", cart, "espresso-beans-1kg", "--qty", "2",
                "--bootstrap-servers", bootstrap);
        assertThat(added.exitCode()).as(added.toString()).isZero();
        return added.out().strip();
    }

    private static void assertEspressoLine(JsonNode cart) {
        JsonNode item = cart.get("items").get(0);
        assertThat(item.get("sku").asText()).isEqualTo("espresso-beans-1kg");
        assertThat(item.get("name").asText()).isEqualTo("Espresso beans, 1 kg");
        assertThat(item.get("unitPriceCents").asLong()).isEqualTo(2490);
        assertThat(item.get("quantity").asInt()).isEqualTo(2);
        assertThat(cart.get("totalCents").asLong()).isEqualTo(4980);
        assertThat(cart.get("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void onAGivenClusterItServesCartsPricedFromTheDemoCatalogAndStopsCleanly(@BootstrapServers String bootstrap)
            throws Exception {
        int cartPort = freePort();
        int orderPort = freePort();
        Cli.Background dev = startDev("dev", "--bootstrap-servers", bootstrap,
                "--cart-port", Integer.toString(cartPort), "--order-port", Integer.toString(orderPort));
        String cart = "cart-dev-" + UUID.randomUUID();
        Path stateDir;
        try {
            assertThat(dev.out()).contains("using Kafka at " + bootstrap, "http://127.0.0.1:" + cartPort,
                    "http://127.0.0.1:" + orderPort, "-X partitioner=murmur2_random");
            Matcher state = Pattern.compile("service state in (\\S+), deleted on exit").matcher(dev.out());
            assertThat(state.find()).isTrue();
            stateDir = Path.of(state.group(1));
            assertThat(stateDir).isDirectory();

            String commandId = cartAdd(bootstrap, cart);

            assertEspressoLine(getJson("http://127.0.0.1:" + cartPort + "/carts/" + cart
                    + "?minVersion=1&timeoutMs=20000"));
            assertThat(getJson("http://127.0.0.1:" + cartPort + "/carts/" + cart + "/commands/" + commandId)
                    .get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(getJson("http://127.0.0.1:" + orderPort + "/ready").get("state").asText()).isEqualTo("RUNNING");
        } finally {
            assertThat(dev.stop(STOP_WITHIN_MS)).isZero();
        }
        assertThat(dev.out()).contains("shopctl dev: stopping", "shopctl dev: stopped");
        assertThat(dev.err()).isEmpty();
        assertThat(stateDir).doesNotExist();
    }

    private HttpResponse<String> call(String method, String url, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String printed(Cli.Background dev, String variable) {
        Matcher token = Pattern.compile("export " + variable + "=(\\S+)").matcher(dev.out());
        assertThat(token.find()).as(variable + " in\n" + dev.out()).isTrue();
        return token.group(1);
    }

    @Test
    void withJwtAuthTheTokensItPrintsCarryTheirRoles(@BootstrapServers String bootstrap) throws Exception {
        int cartPort = freePort();
        int orderPort = freePort();
        Cli.Background dev = startDev("dev", "--auth", "jwt", "--bootstrap-servers", bootstrap,
                "--cart-port", Integer.toString(cartPort), "--order-port", Integer.toString(orderPort));
        String cart = "http://127.0.0.1:" + cartPort + "/carts/cart-jwt-" + UUID.randomUUID();
        String order = "http://127.0.0.1:" + orderPort;
        String add = "{\"type\":\"AddItem\",\"sku\":\"espresso-beans-1kg\",\"quantity\":2}";
        try {
            assertThat(dev.out()).contains("-H \"Authorization: Bearer $SHOP_READ\"");
            assertThat(call("POST", cart + "/commands", null, add).statusCode()).isEqualTo(401);
            assertThat(call("POST", cart + "/commands", printed(dev, "SHOP_READ"), add).statusCode()).isEqualTo(403);
            assertThat(call("POST", cart + "/commands", printed(dev, "CART_WRITE"), add).statusCode()).isEqualTo(202);

            HttpResponse<String> read = call("GET", cart + "?minVersion=1&timeoutMs=20000", printed(dev, "SHOP_READ"),
                    null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertEspressoLine(JsonCodec.mapper().readTree(read.body()));

            String customer = printed(dev, "CUSTOMER_TOKEN");
            assertThat(call("GET", order + "/customers/alice/orders", customer, null).statusCode()).isEqualTo(200);
            assertThat(call("GET", order + "/customers/bob/orders", customer, null).statusCode()).isEqualTo(403);
            assertThat(call("GET", order + "/admin/digest", printed(dev, "SHOP_ADMIN"), null).statusCode())
                    .isEqualTo(200);
            assertThat(call("GET", order + "/admin/digest", printed(dev, "ORDER_WRITE"), null).statusCode())
                    .isEqualTo(403);
        } finally {
            assertThat(dev.stop(STOP_WITHIN_MS)).isZero();
        }
    }

    @Test
    void withItsOwnBrokerAndADataDirARestartFindsTheSameTopicsAndState(@TempDir Path dataDir) throws Exception {
        String kafkaPort = Integer.toString(freePort());
        int cartPort = freePort();
        String[] args = {"dev", "--kafka-port", kafkaPort, "--data-dir", dataDir.toString(),
                "--cart-port", Integer.toString(cartPort), "--order-port", Integer.toString(freePort())};
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String cart = "cart-restart-" + UUID.randomUUID();

        Cli.Background first = startDev(args);
        try {
            assertThat(first.out()).contains("starting Kafka on " + bootstrap, "data in " + dataDir.toAbsolutePath()
                    + ", kept", "--bootstrap-servers " + bootstrap);
            cartAdd(bootstrap, cart);
            assertEspressoLine(getJson("http://127.0.0.1:" + cartPort + "/carts/" + cart
                    + "?minVersion=1&timeoutMs=20000"));
        } finally {
            assertThat(first.stop(STOP_WITHIN_MS)).isZero();
        }
        assertThat(Files.list(dataDir)).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("kafka", "state");

        Cli.Background second = startDev(args);
        try {
            assertThat(second.out()).contains("topics (profile dev): 0 change(s)");
            JsonNode restored = getJson("http://127.0.0.1:" + cartPort + "/carts/" + cart);
            assertEspressoLine(restored);
            assertThat(restored.get("version").asLong()).isEqualTo(1);
        } finally {
            assertThat(second.stop(STOP_WITHIN_MS)).isZero();
        }
    }
}
