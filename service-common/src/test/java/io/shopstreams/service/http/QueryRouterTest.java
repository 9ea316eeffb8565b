package io.shopstreams.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.events.JsonCodec;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When no copy of a key can answer (streams not started, or stopped: no owner, no standby known), the router
 * answers 503 with {@code Retry-After}, without reading any store and without forwarding.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QueryRouterTest {
    private static final String STORE = "things";

    @TempDir
    Path stateDir;

    private KafkaStreams streams;
    private final AtomicInteger localReads = new AtomicInteger();
    private final AtomicInteger forwards = new AtomicInteger();
    private QueryRouter router;

    @BeforeEach
    void streamsThatAreNotRunning() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("things-in", Materialized.as(STORE));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-router-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        Topology topology = builder.build();
        streams = new KafkaStreams(topology, props);
        router = new QueryRouter(streams, new StreamsCopies(streams, topology), new HostInfo("127.0.0.1", 1),
                Duration.ofSeconds(1), 0,
                forwards::incrementAndGet);
    }

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void answers_503_with_retry_after_while_streams_have_not_started() throws Exception {
        assertUnavailable(route(request(Map.of())));
    }

    @Test
    void answers_503_with_retry_after_once_streams_stopped() throws Exception {
        streams.close();

        assertUnavailable(route(request(Map.of())));
    }

    @Test
    void answers_503_with_retry_after_to_a_forwarded_request_it_cannot_serve_either() throws Exception {
        assertUnavailable(route(request(Map.of(QueryRouter.FORWARDED_HEADER.toLowerCase(), List.of("127.0.0.1:2"),
                QueryRouter.ALLOW_STALE_HEADER.toLowerCase(), List.of("true")))));
    }

    private void assertUnavailable(HttpResponse response) throws Exception {
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "1")
                .doesNotContainKey(QueryRouter.STALE_HEADER);
        JsonNode body = JsonCodec.mapper().readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(body.get("message").asText()).contains("no instance owns " + STORE);
        assertThat(localReads).as("no store read").hasValue(0);
        assertThat(forwards).as("no forward").hasValue(0);
    }

    private HttpResponse route(HttpRequest request) throws Exception {
        return router.route(request, STORE, "thing-1", Duration.ZERO, access -> {
            localReads.incrementAndGet();
            return java.util.concurrent.CompletableFuture.completedFuture(HttpResponse.json(200, Map.of()));
        }).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static HttpRequest request(Map<String, List<String>> headers) {
        return new HttpRequest("GET", "/things/thing-1", null, Map.of("id", "thing-1"), Map.of(), headers,
                new byte[0], Caller.TRUSTED);
    }
}
