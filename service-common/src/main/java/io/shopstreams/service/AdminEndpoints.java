package io.shopstreams.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shopstreams.service.http.RouteTable;
import io.shopstreams.service.http.HttpAuth;
import io.shopstreams.service.http.HttpTls;
import io.shopstreams.service.http.HttpResponse;
import io.shopstreams.service.http.QueryRouter;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static java.util.concurrent.CompletableFuture.completedFuture;

/** {@code /health}, {@code /ready}, {@code /metrics}, {@code /topology} and {@code /admin/digest}. */
final class AdminEndpoints {
    private final KafkaStreams streams;
    private final Topology topology;
    private final PrometheusMeterRegistry registry;
    private final RestoreTracker restores;
    private final Supplier<StallDetector.Verdict> readiness;
    private final Supplier<String> restartReason;
    private final List<DigestStore> digestStores;
    private final HostInfo self;
    private final HttpAuth auth;
    private final HttpTls tls;
    private final HttpClient client;

    /** @param restartReason why only a new process helps, or null: {@code /health} answers 503 then */
    AdminEndpoints(KafkaStreams streams, Topology topology, PrometheusMeterRegistry registry, RestoreTracker restores,
                   Supplier<StallDetector.Verdict> readiness, Supplier<String> restartReason,
                   List<DigestStore> digestStores, HostInfo self, HttpAuth auth, HttpTls tls) {
        this.restartReason = restartReason;
        this.tls = tls;
        this.client = tls.clientBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.streams = streams;
        this.topology = topology;
        this.registry = registry;
        this.restores = restores;
        this.readiness = readiness;
        this.digestStores = digestStores;
        this.self = self;
        this.auth = auth;
    }

    void register(RouteTable routes) {
        routes.route("GET", "/health", request -> {
            KafkaStreams.State state = streams.state();
            String restart = restartReason.get();
            boolean alive = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                    && restart == null;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", alive ? "UP" : "DOWN");
            body.put("state", state.name());
            if (restart != null) {
                body.put("reason", restart);
            }
            return completedFuture(HttpResponse.json(alive ? 200 : 503, body));
        });
        routes.route("GET", "/ready", request -> {
            KafkaStreams.State state = streams.state();
            StallDetector.Verdict verdict = readiness.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("state", state.name());
            body.put("ready", verdict.ready());
            if (!verdict.ready()) {
                body.put("reason", verdict.reason());
            }
            body.put("restoring", restores.progress());
            return completedFuture(HttpResponse.json(verdict.ready() ? 200 : 503, body));
        });
        routes.route("GET", "/metrics", request -> completedFuture(
                HttpResponse.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape())));
        routes.route("GET", "/topology", request -> completedFuture(
                HttpResponse.text(200, "text/plain; charset=utf-8", topology.describe().toString())));
        routes.route("GET", "/admin/digest", request -> request.queryParam("scope").map("local"::equals).orElse(false)
                ? completedFuture(localDigestAnswer())
                : clusterDigest());
    }

    /** 200 with this instance's fingerprints; 503 while its stores are not queryable (rebalancing, restoring). */
    private HttpResponse localDigestAnswer() {
        try {
            return HttpResponse.json(200, Map.of("stores", localDigest()));
        } catch (InvalidStateStoreException e) {
            return HttpResponse.error(503, "UNAVAILABLE", "the stores are not queryable here now: " + e.getMessage())
                    .withHeader("Retry-After", "1");
        }
    }

    /** Fingerprints of this instance's active partitions. */
    private Map<String, Map<String, Object>> localDigest() {
        Map<String, Map<String, Object>> stores = new TreeMap<>();
        for (DigestStore store : digestStores) {
            StoreDigest digest = new StoreDigest();
            var kv = streams.store(StoreQueryParameters.fromNameAndType(store.name(),
                    QueryableStoreTypes.<String, Object>keyValueStore()));
            try (KeyValueIterator<String, Object> all = kv.all()) {
                all.forEachRemaining(entry -> digest.add(entry.key, store.value().apply(entry.value)));
            }
            stores.put(store.name(), fingerprint(digest));
        }
        return stores;
    }

    /** One store's {@code {count, digest}}, keys sorted. */
    private static Map<String, Object> fingerprint(StoreDigest digest) {
        return new TreeMap<>(Map.of("count", digest.count(), "digest", digest.hex()));
    }

    private CompletableFuture<Map<String, Map<String, Object>>> localDigestPart() {
        try {
            return completedFuture(localDigest());
        } catch (InvalidStateStoreException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Sums every instance's local digest; 503 unless all instances answer and the group is stable. Keys are
     * sorted, so that the same digests are the same text on every instance.
     */
    private CompletableFuture<HttpResponse> clusterDigest() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return completedFuture(HttpResponse.error(503, "UNAVAILABLE", "the service is " + streams.state())
                    .withHeader("Retry-After", "1"));
        }
        List<CompletableFuture<Map<String, Map<String, Object>>>> parts = new ArrayList<>();
        for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
            parts.add(instance.hostInfo().equals(self) ? localDigestPart() : remoteDigest(instance.hostInfo()));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            if (failure != null) {
                return HttpResponse.error(503, "UNAVAILABLE", "an instance did not answer: " + failure.getMessage())
                        .withHeader("Retry-After", "1");
            }
            Map<String, StoreDigest> sums = new TreeMap<>();
            for (var part : parts) {
                part.join().forEach((store, digest) -> sums.computeIfAbsent(store, s -> new StoreDigest()).add(
                        ((Number) digest.get("count")).longValue(), StoreDigest.parseHex((String) digest.get("digest"))));
            }
            Map<String, Object> stores = new TreeMap<>();
            sums.forEach((store, digest) -> stores.put(store, fingerprint(digest)));
            return HttpResponse.json(200, new TreeMap<>(Map.of("stores", stores, "instances", parts.size())));
        });
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<Map<String, Map<String, Object>>> remoteDigest(HostInfo host) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create(tls.url(host, "/admin/digest?scope=local")))
                .timeout(Duration.ofSeconds(30))
                .header(QueryRouter.FORWARDED_HEADER, self.host() + ":" + self.port())
                .GET();
        // The other instances protect /admin/* with the same token as this one.
        auth.authorization().ifPresent(value -> builder.header("Authorization", value));
        HttpRequest request = builder.build();
        return client.sendAsync(request, BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(host + " answered " + response.statusCode());
            }
            try {
                Map<String, Object> body = io.shopstreams.events.JsonCodec.mapper().readValue(response.body(), Map.class);
                return (Map<String, Map<String, Object>>) body.get("stores");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(host + " answered no digest", e);
            }
        });
    }
}
