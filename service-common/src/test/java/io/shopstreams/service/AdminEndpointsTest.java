package io.shopstreams.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shopstreams.service.http.ApiServer;
import io.shopstreams.service.http.HttpLimits;
import io.shopstreams.service.http.HttpMetrics;
import io.shopstreams.service.http.RouteTable;
import io.shopstreams.service.http.HttpAuth;
import io.shopstreams.service.http.HttpTls;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows Kafka Streams' state: an instance whose streams are not RUNNING (here: not started yet, as
 * while it restores or rebalances) answers 503 on {@code /ready}, while {@code /health} stays 200.
 */
class AdminEndpointsTest {
    @TempDir
    Path stateDir;

    private KafkaStreams streams;
    private ApiServer api;
    private ProcessingWatch watch;
    private volatile Map<String, Uuid> catalogIds = Map.of();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Topology topology = builder.build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "admin-endpoints-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(topology, props);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RouteTable routes = new RouteTable();
        RestoreTracker restores = new RestoreTracker(() -> { });
        watch = new ProcessingWatch(streams, restores, new RecoverySettings("",
                Duration.ofSeconds(10), false, Duration.ofSeconds(30), Duration.ZERO), java.util.Set::of,
                () -> catalogIds, registry, () -> { });
        new AdminEndpoints(streams, topology, registry, restores, watch::check, watch::restartReason,
                List.of(DigestStore.keyValue("a-store")), new HostInfo("127.0.0.1", 0), HttpAuth.NONE, HttpTls.OFF)
                .register(routes);
        api = new ApiServer(routes, new HttpLimits(1024), HttpAuth.NONE, HttpMetrics.NONE);
        api.start("127.0.0.1", 0, 2);
    }

    @AfterEach
    void stop() {
        api.close();
        streams.close();
    }

    @Test
    void an_instance_whose_streams_are_not_running_is_alive_but_not_ready() throws Exception {
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.CREATED);

        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"state\":\"CREATED\"", "\"ready\":false",
                "\"reason\":\"Kafka Streams is CREATED\"", "\"restoring\"");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/topology").body()).contains("Sub-topology");
    }

    @Test
    void a_catalog_topic_recreated_under_the_instance_makes_it_down_until_restarted() throws Exception {
        Uuid built = Uuid.randomUuid();
        watch.catalogBuiltFrom(Map.of("products", built));
        catalogIds = Map.of("products", built);
        watch.lookAtTopics();
        assertThat(get("/health").statusCode()).isEqualTo(200);

        catalogIds = Map.of("products", Uuid.randomUuid());
        watch.lookAtTopics();

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"DOWN\"",
                "catalog topics deleted and created again under the running instance: [products]");
        assertThat(get("/ready").body()).contains("Kafka Streams is CREATED; catalog topics deleted and created "
                + "again under the running instance: [products]");
        // The topic's id stays the new one from now on: the instance stays down, it does not flap back.
        watch.lookAtTopics();
        assertThat(get("/health").statusCode()).isEqualTo(503);
    }

    @Test
    void the_digest_is_refused_with_retry_after_until_streams_run() throws Exception {
        HttpResponse<String> digest = get("/admin/digest");

        assertThat(digest.statusCode()).isEqualTo(503);
        assertThat(digest.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void the_local_digest_is_refused_with_retry_after_while_its_stores_are_not_queryable() throws Exception {
        HttpResponse<String> digest = get("/admin/digest?scope=local");

        assertThat(digest.statusCode()).isEqualTo(503);
        assertThat(digest.headers().firstValue("Retry-After")).contains("1");
        assertThat(digest.body()).contains("\"error\":\"UNAVAILABLE\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
