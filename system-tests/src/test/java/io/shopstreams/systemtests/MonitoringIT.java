package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring assets against a real Prometheus (Debian's {@code prometheus} package; skipped where it is not
 * installed): the scrape of three running instances (two cart, one order), every query of the Grafana dashboard
 * returning series through Prometheus' HTTP API, every alert rule of deploy/monitoring/alerts.yml loaded and
 * evaluated without error, and every metric those rules read present.
 */
class MonitoringIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path MONITORING = ROOT.resolve("deploy/monitoring");
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    /** Words of PromQL that look like metric names. */
    private static final Set<String> PROMQL = Set.of("sum", "min", "max", "by", "and", "or", "rate", "increase",
            "deriv", "histogram_quantile", "count", "avg", "without", "on", "group_left", "unless");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void everyDashboardQueryAndAlertRuleWorksOnARealPrometheus() throws Exception {
        assumeThat(Files.isExecutable(PROMETHEUS)).as("Prometheus is not installed (apt-get install prometheus)")
                .isTrue();
        assertThat(run(PROMTOOL.toString(), "check", "rules", MONITORING.resolve("alerts.yml").toString()))
                .as("promtool check rules").isZero();
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers())) {
            shop.product("sku-mug", "Mug", 1250, true);
            Map<String, String> standby = Map.of("NUM_STANDBY_REPLICAS", "1");
            ServiceRuntime cartA = shop.startCart("a", standby);
            ServiceRuntime cartB = shop.startCart("b", standby);
            ServiceRuntime order = shop.startOrder("a", Map.of());
            ShopFixture.awaitRunning(cartA, cartB, order);
            traffic(shop, cartA, cartB);

            int port = ShopFixture.freePort();
            Path config = Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                    "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                    "rule_files: ['" + MONITORING.resolve("alerts.yml") + "']",
                    "scrape_configs:",
                    "  - job_name: cart-stream",
                    "    static_configs: [{targets: ['127.0.0.1:" + cartA.httpPort() + "', '127.0.0.1:"
                            + cartB.httpPort() + "']}]",
                    "  - job_name: order-stream",
                    "    static_configs: [{targets: ['127.0.0.1:" + order.httpPort() + "']}]", ""));
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                String api = "http://127.0.0.1:" + port;
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                    JsonNode targets = get(api + "/api/v1/targets").get("data").get("activeTargets");
                    assertThat(targets).hasSize(3).allSatisfy(target ->
                            assertThat(target.get("health").asText()).as(target.toString()).isEqualTo("up"));
                });
                // More traffic while Prometheus scrapes, so that every rate has two samples with a change.
                traffic(shop, cartA, cartB);

                List<String> queries = dashboardQueries();
                assertThat(queries).hasSizeGreaterThanOrEqualTo(12);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    traffic(shop, cartA, cartB);
                    List<String> empty = new ArrayList<>();
                    for (String query : queries) {
                        JsonNode answer = query(api, query);
                        if (!answer.get("status").asText().equals("success") || answer.get("data").get("result").isEmpty()) {
                            empty.add(query + " -> " + answer);
                        }
                    }
                    assertThat(empty).as("dashboard queries without series").isEmpty();
                });

                JsonNode rules = get(api + "/api/v1/rules").get("data").get("groups").get(0).get("rules");
                assertThat(rules).hasSize(5).allSatisfy(rule ->
                        assertThat(rule.get("health").asText()).as(rule.toString()).isEqualTo("ok"));
                Set<String> metrics = new TreeSet<>();
                rules.forEach(rule -> metrics.addAll(metricNames(rule.get("query").asText())));
                assertThat(metrics).contains("shop_ready", "shop_dead_letters_total", "shop_tasks",
                        "kafka_consumer_fetch_manager_records_lag_max");
                for (String metric : metrics) {
                    assertThat(query(api, "count(" + metric + ")").get("data").get("result"))
                            .as("series of " + metric + ", read by an alert rule").isNotEmpty();
                }
                // The dead letter of the traffic fires its alert: the rules do not only parse.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        get(api + "/api/v1/alerts").get("data").get("alerts").toString()).contains("ShopDeadLetters"));
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    /**
     * deploy/monitoring/haproxy.cfg, the compose file's load balancer, on a real HAProxy (Debian's package; skipped
     * where it is not installed) in front of two cart instances: every key is answered through it, both instances
     * take traffic, a stopped instance is taken out and the other answers every key, and a service with no ready
     * instance is a 503 from the balancer.
     */
    @Test
    void theLoadBalancerServesEveryKeyThroughBothInstancesAndOnlyThroughReadyOnes() throws Exception {
        assumeThat(Files.isExecutable(HAPROXY)).as("HAProxy is not installed (apt-get install haproxy)").isTrue();
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers())) {
            shop.product("sku-mug", "Mug", 1250, true);
            Map<String, String> standby = Map.of("NUM_STANDBY_REPLICAS", "1");
            ServiceRuntime cartA = shop.startCart("lb-a", standby);
            ServiceRuntime cartB = shop.startCart("lb-b", standby);
            ShopFixture.awaitRunning(cartA, cartB);
            int cartPort = ShopFixture.freePort();
            int orderPort = ShopFixture.freePort();
            int nothing = ShopFixture.freePort();
            Map<String, String> local = new java.util.LinkedHashMap<>();
            local.put("bind :8070", "bind 127.0.0.1:" + cartPort);
            local.put("bind :8071", "bind 127.0.0.1:" + orderPort);
            local.put("cart-1:7070", "127.0.0.1:" + cartA.httpPort());
            local.put("cart-2:7070", "127.0.0.1:" + cartB.httpPort());
            local.put("order-1:7071", "127.0.0.1:" + nothing);
            local.put("order-2:7071", "127.0.0.1:" + nothing);
            String config = Files.readString(MONITORING.resolve("haproxy.cfg"));
            for (Map.Entry<String, String> address : local.entrySet()) {
                assertThat(config).as("haproxy.cfg").contains(address.getKey());
                config = config.replace(address.getKey(), address.getValue());
            }
            Path file = Files.writeString(dir.resolve("haproxy.cfg"), config);
            assertThat(run(HAPROXY.toString(), "-c", "-q", "-f", file.toString())).as("haproxy -c").isZero();
            Process haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            try {
                String carts = "http://127.0.0.1:" + cartPort;
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> status(carts + "/ready") == 200);
                List<String> ids = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "cart-lb-" + i).toList();
                for (String id : ids) {
                    assertThat(post(carts + "/carts/" + id + "/commands",
                            "{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":1}")).isEqualTo(202);
                }
                for (String id : ids) {
                    assertThat(get(carts + "/carts/" + id + "?minVersion=1&timeoutMs=30000").get("version").asLong())
                            .as(id).isEqualTo(1);
                }
                for (ServiceRuntime instance : List.of(cartA, cartB)) {
                    assertThat(shop.get(instance, "/metrics").body()).as("round robin reaches both instances")
                            .containsPattern("shop_http_requests_seconds_count\\{[^}]*route=\"POST /carts/\\{cartId}/commands\"[^}]*status=\"2xx\"");
                }

                shop.stop(cartA);
                // Out of the balancer after two failed checks; meanwhile the other one rebalances, then answers all.
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    for (String id : ids) {
                        assertThat(status(carts + "/carts/" + id)).as(id).isEqualTo(200);
                    }
                });
                assertThat(status("http://127.0.0.1:" + orderPort + "/orders/order-1")).as("no order instance is ready")
                        .isEqualTo(503);
            } finally {
                haproxy.destroy();
                if (!haproxy.waitFor(20, TimeUnit.SECONDS)) {
                    haproxy.destroyForcibly();
                }
            }
        }
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Commands accepted and rejected, a malformed one, reads local and forwarded, a checkout. */
    private static void traffic(ShopFixture shop, ServiceRuntime cartA, ServiceRuntime cartB) {
        for (int i = 0; i < 6; i++) {
            String cart = "cart-mon-" + i;
            assertThat(shop.post(cartA, "/carts/" + cart + "/commands",
                    "{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":1}").status()).isEqualTo(202);
            shop.post(cartB, "/carts/" + cart + "/commands", "{\"type\":\"AddItem\",\"sku\":\"sku-none\",\"quantity\":1}");
            shop.get(cartB, "/carts/" + cart + "?minVersion=1&timeoutMs=10000");
        }
        shop.send(Topics.CART_COMMANDS.name(), "cart-mon-bad", "not json");
        shop.post(cartA, "/carts/cart-mon-0/commands", "{\"type\":\"Checkout\",\"customerId\":\"cust-mon\"}");
    }

    private List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = JsonCodec.mapper().readTree(MONITORING.resolve("grafana/dashboards/shop-streams.json")
                .toFile());
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target ->
                queries.add(target.get("expr").asText().replace("$__rate_interval", "1m"))));
        return queries;
    }

    /** The metric names in {@code expr}: identifiers that are not PromQL, not label names, not in strings. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "").replaceAll("(by|without|on)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*").matcher(bare);
        while (matcher.find()) {
            if (!PROMQL.contains(matcher.group()) && matcher.group().contains("_")) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    private JsonNode query(String api, String promql) throws Exception {
        return get(api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JsonCodec.mapper().readTree(response.body());
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
