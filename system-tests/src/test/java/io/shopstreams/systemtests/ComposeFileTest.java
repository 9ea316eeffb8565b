package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked against the contract instead:
 * the services, their environment, ports, the topics job and the health checks.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final JsonNode compose = read(ROOT.resolve("docker-compose.yml"));
    private final JsonNode services = compose.get("services");

    @Test
    void usesAComposeFormatThatDockerCompose129Validates() {
        assertThat(compose.get("version").asText()).isIn("3.7", "3.8", "3.9");
    }

    @Test
    void runsAKraftKafkaFromTheOfficialImage() {
        JsonNode kafka = services.get("kafka");
        // The image of the Kafka version the project builds on (kafka.version in the root pom).
        assertThat(kafka.get("image").asText()).isEqualTo("apache/kafka:4.4.0");
        assertThat(env(kafka)).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    }

    @Test
    void appliesTheTopicsOnceWithShopctl() {
        String command = String.join(" ", strings(services.get("topics").get("command")));
        assertThat(command).contains("shopctl.jar topics apply").contains("--bootstrap-servers kafka:9092");
        assertThat(services.get("topics").get("restart").asText()).isEqualTo("on-failure");
    }

    @Test
    void runsTwoInstancesOfEachServiceWithDistinctAdvertisedAddressesAndStandbys() {
        Map<String, String> advertised = new TreeMap<>();
        for (String name : List.of("cart-1", "cart-2", "order-1", "order-2")) {
            JsonNode service = services.get(name);
            assertThat(service).as(name).isNotNull();
            Map<String, String> env = env(service);
            assertThat(env).as(name)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("HTTP_HOST", "0.0.0.0")
                    .containsEntry("NUM_STANDBY_REPLICAS", "1")
                    .containsKey("STATE_DIR");
            advertised.put(name, env.get("APPLICATION_SERVER"));
            assertThat(env.get("APPLICATION_SERVER")).as(name).isEqualTo(name + ":" + env.get("HTTP_PORT"));
        }
        assertThat(advertised.values()).doesNotHaveDuplicates();
        assertThat(env(services.get("cart-1")).get("HTTP_PORT")).isEqualTo("7070");
        assertThat(env(services.get("order-1")).get("HTTP_PORT")).isEqualTo("7071");
        assertThat(strings(services.get("order-1").get("command"))).containsExactly("/app/order-stream.jar");
    }

    @Test
    void publishesEveryInstancesHttpPortOnce() {
        List<String> published = new ArrayList<>();
        for (String name : List.of("cart-1", "cart-2", "order-1", "order-2")) {
            List<String> ports = strings(services.get(name).get("ports"));
            assertThat(ports).as(name).hasSize(1);
            published.add(ports.get(0).split(":")[0]);
        }
        assertThat(published).containsExactlyInAnyOrder("7070", "7072", "7071", "7073");
    }

    @Test
    void keepsEachInstancesStateInANamedVolumeAndChecksReadiness() {
        for (String name : List.of("cart-1", "cart-2", "order-1", "order-2")) {
            JsonNode service = services.get(name);
            String volume = strings(service.get("volumes")).get(0);
            assertThat(volume).isEqualTo(name + "-state:/var/lib/shop");
            assertThat(compose.get("volumes").has(name + "-state")).isTrue();
            String port = env(service).get("HTTP_PORT");
            assertThat(String.join(" ", strings(service.get("healthcheck").get("test"))))
                    .contains("http://localhost:" + port + "/ready");
        }
    }

    @Test
    void putsHaproxyInFrontOfTheReadyInstancesOfEachService() throws IOException {
        JsonNode lb = services.get("lb");
        assertThat(strings(lb.get("ports"))).containsExactly("8070:8070", "8071:8071");
        assertThat(strings(lb.get("volumes")))
                .containsExactly("./deploy/monitoring/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
        String haproxy = Files.readString(ROOT.resolve("deploy/monitoring/haproxy.cfg"));
        assertThat(haproxy).contains("option httpchk GET /ready", "http-check expect status 200",
                "server cart-1 cart-1:7070 check", "server cart-2 cart-2:7070 check",
                "server order-1 order-1:7071 check", "server order-2 order-2:7071 check");
    }

    @Test
    void prometheusScrapesEveryInstanceWithTheAlertRulesAndGrafanaGetsTheDashboard() {
        JsonNode prometheus = read(ROOT.resolve("deploy/monitoring/prometheus.yml"));
        Map<String, List<String>> targets = new TreeMap<>();
        prometheus.get("scrape_configs").forEach(job -> targets.put(job.get("job_name").asText(),
                strings(job.get("static_configs").get(0).get("targets"))));
        assertThat(targets).containsExactly(Map.entry("cart-stream", List.of("cart-1:7070", "cart-2:7070")),
                Map.entry("order-stream", List.of("order-1:7071", "order-2:7071")));
        assertThat(strings(prometheus.get("rule_files"))).containsExactly("/etc/prometheus/alerts.yml");
        assertThat(strings(services.get("prometheus").get("volumes")))
                .contains("./deploy/monitoring/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat(strings(services.get("grafana").get("volumes"))).containsExactly(
                "./deploy/monitoring/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/monitoring/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        JsonNode dashboard = read(ROOT.resolve("deploy/monitoring/grafana/dashboards/shop-streams.json"));
        assertThat(dashboard.get("uid").asText()).isEqualTo("shop-streams");
        dashboard.get("panels").forEach(panel -> assertThat(panel.get("targets").get(0).get("expr").asText())
                .as(panel.get("title").asText()).isNotBlank());
    }

    @Test
    void buildsOneImageWhoseRuntimeStageRunsAsANonRootUser() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("AS build").contains("eclipse-temurin:17-jre").contains("USER shop");
        assertThat(dockerfile).contains("/app/cart-stream.jar").contains("order-stream.jar").contains("shopctl.jar");
    }

    private static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new TreeMap<>();
        service.get("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** SnakeYAML (Jackson's YAML parser) resolves anchors and merge keys the way Compose does. */
    private static JsonNode read(Path file) {
        try {
            Object yaml = new org.yaml.snakeyaml.Yaml().load(Files.readString(file));
            return new ObjectMapper().valueToTree(yaml);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
