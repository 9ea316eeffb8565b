package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/: every overlay renders, every manifest is valid against the Kubernetes API schemas (deploy/validate),
 * and the properties the services rely on hold: stable names, probes, disruption budget, non-root, state on a
 * volume, static membership and the advertised address from the pod's name.
 */
class DeployManifestsTest {
    private static final Map<String, Integer> PORTS = Map.of("cart-stream", 7070, "order-stream", 7071);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "production-monitored", "production-https"})
    void everyManifestIsValidAgainstTheKubernetesSchemas(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);

        RenderedManifests.Run run = RenderedManifests.validate(manifests.all());

        assertThat(run.output()).doesNotContain("invalid");
        assertThat(run.output().lines()).hasSize(manifests.all().size()).allMatch(line -> line.startsWith("valid "));
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void theSchemaCheckRejectsAMistypedFieldAndAnUnknownKind() {
        ObjectMapper json = new ObjectMapper();
        JsonNode statefulSet = RenderedManifests.render("production").get("StatefulSet", "cart-stream").deepCopy();
        ((ObjectNode) statefulSet.get("spec")).put("replicas", "three");
        JsonNode unknown = json.createObjectNode().put("apiVersion", "example.com/v1").put("kind", "Gadget");

        RenderedManifests.Run run = RenderedManifests.validate(List.of(statefulSet, unknown));

        assertThat(run.output()).contains("invalid apps/v1 StatefulSet cart-stream: data/spec/replicas must be integer")
                .contains("invalid example.com/v1 Gadget");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachServiceIsAStatefulSetWithAHeadlessServiceAClientServiceAndABudget(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (String service : PORTS.keySet()) {
            JsonNode spec = manifests.get("StatefulSet", service).get("spec");
            JsonNode podLabels = spec.at("/template/metadata/labels");
            assertThat(spec.at("/selector/matchLabels").properties()).allMatch(l -> podLabels.get(l.getKey()).equals(l.getValue()));

            JsonNode headless = manifests.get("Service", spec.get("serviceName").asText()).get("spec");
            assertThat(headless.get("clusterIP").asText()).as(service).isEqualTo("None");
            assertThat(headless.get("publishNotReadyAddresses").asBoolean()).as(service).isTrue();
            assertThat(headless.get("selector")).isEqualTo(spec.at("/selector/matchLabels"));

            JsonNode client = manifests.get("Service", service).get("spec");
            assertThat(client.has("clusterIP")).as("%s: a normal Service, load-balanced over ready pods", service).isFalse();
            assertThat(client.get("selector")).isEqualTo(spec.at("/selector/matchLabels"));
            assertThat(client.at("/ports/0/port").asInt()).isEqualTo(PORTS.get(service));

            JsonNode budget = manifests.get("PodDisruptionBudget", service).get("spec");
            assertThat(budget.get("maxUnavailable").asInt()).isEqualTo(1);
            assertThat(budget.at("/selector/matchLabels")).isEqualTo(spec.at("/selector/matchLabels"));
            assertThat(spec.at("/updateStrategy/type").asText()).isEqualTo("RollingUpdate");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void probesAreStartupOnHealthReadinessOnReadyLivenessOnHealth(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (String service : PORTS.keySet()) {
            JsonNode container = container(manifests, service);
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
            assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(PORTS.get(service));
            JsonNode startup = container.get("startupProbe");
            assertThat(startup.get("periodSeconds").asInt() * startup.get("failureThreshold").asInt())
                    .as("%s: seconds to open the port, the 60 s wait for topics included", service)
                    .isGreaterThanOrEqualTo(120);
            // SHUTDOWN_TIMEOUT_MS + 11 s of HTTP drain and client closes + the preStop pause must fit the grace.
            int shutdownSeconds = Integer.parseInt(env(container).get("SHUTDOWN_TIMEOUT_MS")) / 1000;
            int grace = manifests.get("StatefulSet", service).at("/spec/template/spec/terminationGracePeriodSeconds").asInt();
            assertThat(grace).isGreaterThan(shutdownSeconds + 11 + 5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyPodRunsAsNonRootOnAReadOnlyRootWithItsStateOnItsOwnVolume(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        List<JsonNode> pods = new ArrayList<>();
        for (String service : PORTS.keySet()) {
            JsonNode spec = manifests.get("StatefulSet", service).get("spec");
            pods.add(spec.at("/template/spec"));
            String stateDir = env(container(manifests, service)).get("STATE_DIR");
            String claim = spec.at("/volumeClaimTemplates/0/metadata/name").asText();
            assertThat(mounts(container(manifests, service))).containsEntry(stateDir, claim);
            assertThat(spec.get("volumeClaimTemplates")).hasSize(1);
        }
        pods.add(manifests.get("Job", "shop-topics").at("/spec/template/spec"));
        for (JsonNode pod : pods) {
            JsonNode container = pod.at("/containers/0");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            // The image's USER is a name, which the kubelet cannot check for runAsNonRoot: the uid must be given.
            assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
            assertThat(mounts(container)).containsEntry("/tmp", "tmp");
            assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
            assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void identityComesFromThePodNameStandbysAreOnAndKafkaSettingsFromTheConfigMapAndSecret(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        String configMap = manifests.ofKind("ConfigMap").get(0).at("/metadata/name").asText();
        String secret = manifests.ofKind("Secret").get(0).at("/metadata/name").asText();
        for (String service : PORTS.keySet()) {
            JsonNode container = container(manifests, service);
            Map<String, String> env = env(container);
            String headless = manifests.get("StatefulSet", service).at("/spec/serviceName").asText();
            assertThat(container.at("/env/0/name").asText()).isEqualTo("POD_NAME");
            assertThat(container.at("/env/0/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
            assertThat(env.get("APPLICATION_SERVER"))
                    .isEqualTo("$(POD_NAME)." + headless + ".$(POD_NAMESPACE).svc:" + PORTS.get(service));
            assertThat(env).containsEntry("INSTANCE_ID", "$(POD_NAME)")
                    .containsEntry("SESSION_TIMEOUT_MS", "60000")
                    .containsEntry("NUM_STANDBY_REPLICAS", "1")
                    .containsEntry("HTTP_HOST", "0.0.0.0")
                    .containsEntry("HTTP_PORT", String.valueOf(PORTS.get(service)))
                    .containsEntry("CONFIG_FILE", "/etc/shop/kafka/client.properties");
            assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo(configMap);
            JsonNode pod = manifests.get("StatefulSet", service).at("/spec/template/spec");
            assertThat(pod.at("/volumes").findValuesAsText("secretName")).containsExactly(secret);
            assertThat(mounts(container)).containsEntry("/etc/shop/kafka", "kafka-client");
        }
        assertThat(manifests.get("Secret", secret).at("/data/client.properties").asText()).isNotEmpty();
        assertThat(manifests.get("ConfigMap", configMap).at("/data/KAFKA_BOOTSTRAP_SERVERS").asText()).isNotEmpty();
    }

    @Test
    void inProductionKafkaStreamsOwnTopicsAreReplicatedLikeTheProfilesTopics() {
        JsonNode data = RenderedManifests.render("production").ofKind("ConfigMap").stream()
                .filter(map -> map.at("/metadata/name").asText().startsWith("shop-kafka")).findFirst().orElseThrow()
                .at("/data");
        assertThat(data.at("/KAFKA_REPLICATION_FACTOR").asText()).isEqualTo("3");
        assertThat(data.at("/KAFKA_TOPIC_MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
    }

    @Test
    void theTopicsJobAppliesTheProfileOfItsOverlayWithTheSharedClientSettings() {
        assertThat(topicsArgs("dev")).containsSubsequence("topics", "apply", "--profile", "dev");
        assertThat(topicsArgs("production")).containsSubsequence("topics", "apply", "--profile", "production")
                .containsSubsequence("--bootstrap-servers", "$(KAFKA_BOOTSTRAP_SERVERS)")
                .containsSubsequence("--command-config", "/etc/shop/kafka/client.properties");
    }

    @Test
    void onlyTheMonitoredOverlayHasServiceMonitorsAndTheyScrapeEveryPodOnce() {
        assertThat(RenderedManifests.render("production").ofKind("ServiceMonitor")).isEmpty();
        RenderedManifests monitored = RenderedManifests.render("production-monitored");
        for (String service : PORTS.keySet()) {
            JsonNode spec = monitored.get("ServiceMonitor", service).get("spec");
            List<JsonNode> selected = monitored.ofKind("Service").stream().filter(s -> spec.at("/selector/matchLabels")
                    .properties().stream().allMatch(l -> s.at("/metadata/labels").path(l.getKey()).equals(l.getValue())))
                    .toList();
            assertThat(selected).as(service).hasSize(1);
            assertThat(selected.get(0).at("/spec/clusterIP").asText()).isEqualTo("None");
            assertThat(spec.at("/endpoints/0/path").asText()).isEqualTo("/metrics");
            assertThat(spec.at("/endpoints/0/port").asText()).isEqualTo("http");
        }
    }

    @Test
    void withHttpsEveryProbeSpeaksHttpsAndTheStoresAndTheirPasswordComeFromTheServicesSecret() {
        RenderedManifests https = RenderedManifests.render("production-https");
        for (String service : PORTS.keySet()) {
            JsonNode container = container(https, service);
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(container.at("/" + probe + "/httpGet/scheme").asText()).as(service + " " + probe)
                        .isEqualTo("HTTPS");
            }
            Map<String, String> env = env(container);
            assertThat(env).containsEntry("HTTP_TLS_KEYSTORE", "/etc/shop/tls/keystore.p12")
                    .containsEntry("HTTP_TLS_TRUSTSTORE", "/etc/shop/tls/truststore.p12")
                    .doesNotContainKey("HTTP_TLS_CLIENT_AUTH");
            List<String> passwordSecrets = new ArrayList<>();
            container.path("env").forEach(e -> {
                if (e.get("name").asText().endsWith("_PASSWORD")) {
                    assertThat(e.has("value")).as("a password is never in the manifest").isFalse();
                    passwordSecrets.add(e.at("/valueFrom/secretKeyRef/name").asText());
                }
            });
            assertThat(passwordSecrets).containsExactly(service + "-http-tls", service + "-http-tls");
            assertThat(mounts(container)).containsEntry("/etc/shop/tls", "http-tls");
            assertThat(https.get("StatefulSet", service).at("/spec/template/spec/volumes").findValuesAsText("secretName"))
                    .contains(service + "-http-tls");
        }
        // Without the component, plain HTTP (the probes' default scheme).
        assertThat(container(RenderedManifests.render("production"), "cart-stream").at("/readinessProbe/httpGet")
                .has("scheme")).isFalse();
    }

    @Test
    void theMonitoredOverlaysPrometheusRuleHoldsExactlyTheAlertRulesPrometheusIsTestedWith() throws Exception {
        assertThat(RenderedManifests.render("production").ofKind("PrometheusRule")).isEmpty();
        JsonNode rule = RenderedManifests.render("production-monitored").get("PrometheusRule", "shop-streams");
        JsonNode alerts = new ObjectMapper(new YAMLFactory())
                .readTree(RenderedManifests.ROOT.resolve("deploy/monitoring/alerts.yml").toFile());

        assertThat(rule.at("/spec/groups")).isEqualTo(alerts.get("groups"));
        assertThat(rule.at("/spec/groups/0/rules").findValuesAsText("alert")).containsExactly("ShopInstanceNotReady",
                "ShopConsumerLagGrowing", "ShopDeadLetters", "ShopStandbyMissing", "ShopStalls");
    }

    private static List<String> topicsArgs(String overlay) {
        JsonNode args = RenderedManifests.render(overlay).get("Job", "shop-topics").at("/spec/template/spec/containers/0/args");
        List<String> list = new ArrayList<>();
        args.forEach(a -> list.add(a.asText()));
        return list;
    }

    private static JsonNode container(RenderedManifests manifests, String service) {
        return manifests.get("StatefulSet", service).at("/spec/template/spec/containers/0");
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new TreeMap<>();
        container.path("env").forEach(e -> env.put(e.get("name").asText(), e.path("value").asText()));
        return env;
    }

    /** Mount path to volume name. */
    private static Map<String, String> mounts(JsonNode container) {
        Map<String, String> mounts = new TreeMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.get("mountPath").asText(), m.get("name").asText()));
        return mounts;
    }
}
