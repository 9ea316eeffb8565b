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
