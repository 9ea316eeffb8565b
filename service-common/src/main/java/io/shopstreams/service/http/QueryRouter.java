package io.shopstreams.service.http;

import io.shopstreams.service.tracing.Tracing;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Any instance answers for any key (docs/contract.md, section 4): keys whose active task is here are read locally,
 * others are forwarded to the owner found through Kafka Streams metadata and {@code application.server}.
 * When the owner cannot answer, a caught-up standby answers instead, marked with {@value #STALE_HEADER};
 * with none, 503 and {@code Retry-After}. A forwarded request is never forwarded again (no loops). A local
 * miss is answered 404 only when {@link MissCheck} trusts it; otherwise 503, so that a 404 always means the key
 * does not exist.
 */
public final class QueryRouter {
    public static final String FORWARDED_HEADER = "X-Shop-Forwarded";
    public static final String ALLOW_STALE_HEADER = "X-Shop-Allow-Stale";
    public static final String STALE_HEADER = "X-Shop-Stale";
    public static final String SERVED_BY_HEADER = "X-Shop-Served-By";

    private static final Logger LOG = LoggerFactory.getLogger(QueryRouter.class);
    private static final String RETRY_AFTER_SECONDS = "1";
    /** How long a local copy may be briefly unregistered (task recycling) before the answer is 503. */
    private static final Duration LOCAL_RETRY = Duration.ofMillis(500);

    private final LocalCopies copies;
    private final HostInfo self;
    private final HttpClient client;
    private final HttpTls tls;
    private final Duration forwardTimeout;
    private final long maxStandbyLag;
    private final QueryMetrics metrics;
    private final StoreViews views;

    public QueryRouter(KafkaStreams streams, LocalCopies copies, HostInfo self, Duration forwardTimeout,
                       long maxStandbyLag, QueryMetrics metrics) {
        this(streams, copies, self, forwardTimeout, maxStandbyLag, metrics, HttpTls.OFF);
    }

    public QueryRouter(KafkaStreams streams, LocalCopies copies, HostInfo self, Duration forwardTimeout,
                       long maxStandbyLag, QueryMetrics metrics, HttpTls tls) {
        this.tls = tls;
        this.copies = copies;
        this.self = self;
        this.forwardTimeout = forwardTimeout;
        this.maxStandbyLag = maxStandbyLag;
        this.metrics = metrics;
        this.views = new StoreViews(streams, copies::generation);
        this.client = tls.clientBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    public HostInfo self() {
        return self;
    }

    /**
     * Answers {@code request} for {@code key} of {@code store}: locally, or from the instance that holds it.
     *
     * @param extraWait how much longer than the usual forward timeout the answer may take (long polls)
     */
    public CompletionStage<HttpResponse> route(HttpRequest request, String store, String key, Duration extraWait,
                                               LocalQuery local) throws Exception {
        KeyQueryMetadata metadata = copies.metadata(store, key);
        if (metadata == null) {
            return CompletableFuture.completedFuture(unavailable("no instance owns " + store + " for this key right now"));
        }
        if (request.header(FORWARDED_HEADER).isPresent()) {
            boolean allowStale = request.header(ALLOW_STALE_HEADER).isPresent();
            return serveLocally(store, key, metadata, allowStale, local, System.nanoTime());
        }
        CompletionStage<HttpResponse> active = metadata.activeHost().equals(self)
                ? serveLocally(store, key, metadata, false, local, System.nanoTime())
                : forward(metadata.activeHost(), request, false, extraWait);
        // Any server-side failure of the owner (it may be shutting down) is a reason to ask a standby.
        return active.thenCompose(response -> response.status() >= 500 && response.status() != 504
                ? fromStandby(request, store, key, metadata, extraWait, local)
                : CompletableFuture.completedFuture(response));
    }

    /**
     * Reads the local copy; while its store is briefly unregistered or its lag unknown (a rebalance recycling a
     * standby task into the active one), tries again every 50 ms until {@code retryUntil} (a
     * {@code System.nanoTime()}). A miss is checked by {@link MissCheck} once the read is done.
     */
    private CompletionStage<HttpResponse> serveLocally(String store, String key, KeyQueryMetadata metadata,
                                                       boolean stale, LocalQuery local, long retryUntil) {
        int partition = metadata.partition();
        if (stale) {
            return copies.lag(store, partition).thenCompose(lag -> {
                if (lag.isPresent() && lag.getAsLong() <= maxStandbyLag) {
                    return read(store, key, metadata, true, local, retryUntil);
                }
                return System.nanoTime() < retryUntil ? later(() -> serveLocally(store, key, metadata, true, local,
                        retryUntil)) : CompletableFuture.completedFuture(unavailable("the standby copy here is not caught up"));
            });
        }
        return read(store, key, metadata, false, local, retryUntil);
    }

    private CompletionStage<HttpResponse> read(String store, String key, KeyQueryMetadata metadata, boolean stale,
                                               LocalQuery local, long retryUntil) {
        int partition = metadata.partition();
        MissCheck check = MissCheck.begin(copies, store, key, partition, stale, metadata);
        try {
            CompletionStage<HttpResponse> answer = local.query(new StoreAccess(views, partition, stale))
                    .thenCompose(response -> response.status() == 404 ? trusted(response, check)
                            : CompletableFuture.completedFuture(response))
                    .exceptionallyCompose(QueryRouter::unavailableWhenGone);
            return stale ? answer.thenApply(r -> r.withHeader(STALE_HEADER, "true")) : answer;
        } catch (InvalidStateStoreException | IllegalStateException e) {
            if (System.nanoTime() < retryUntil) {
                return later(() -> serveLocally(store, key, metadata, stale, local, retryUntil));
            }
            return CompletableFuture.completedFuture(unavailable("the store is not queryable here now: " + e.getMessage()));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The miss itself when {@code check} trusts it, else 503: a 404 tells a client the key does not exist. */
    private static CompletionStage<HttpResponse> trusted(HttpResponse miss, MissCheck check) {
        return check.distrust().thenApply(distrust -> distrust.map(reason -> {
            LOG.debug("a miss is not trusted: {}", reason);
            return unavailable(reason);
        }).orElse(miss));
    }

    /** A long poll that re-reads after a rebalance took its store away answers 503, not 500. */
    private static CompletionStage<HttpResponse> unavailableWhenGone(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof InvalidStateStoreException
                ? CompletableFuture.completedFuture(unavailable("the store is not queryable here now: " + cause.getMessage()))
                : CompletableFuture.failedFuture(cause);
    }

    private static CompletionStage<HttpResponse> later(java.util.function.Supplier<CompletionStage<HttpResponse>> next) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> next.get());
    }

    private CompletionStage<HttpResponse> fromStandby(HttpRequest request, String store, String key,
                                                      KeyQueryMetadata metadata, Duration extraWait, LocalQuery local) {
        List<HostInfo> standbys = new ArrayList<>(metadata.standbyHosts());
        // Here counts too when here is the owner still restoring: a task just promoted from standby holds a
        // copy that is all but current, and may answer marked stale.
        boolean here = standbys.remove(self) || metadata.activeHost().equals(self);
        CompletionStage<HttpResponse> chain = here
                ? serveLocally(store, key, metadata, true, local, System.nanoTime() + LOCAL_RETRY.toNanos())
                : CompletableFuture.completedFuture(
                        unavailable("neither the owner nor a caught-up standby can answer now"));
        for (HostInfo standby : standbys) {
            chain = chain.thenCompose(previous -> previous.status() >= 500 && previous.status() != 504
                    ? forward(standby, request, true, extraWait)
                    : CompletableFuture.completedFuture(previous));
        }
        return chain;
    }

    private CompletionStage<HttpResponse> forward(HostInfo host, HttpRequest request, boolean allowStale,
                                                  Duration extraWait) {
        metrics.forwarded();
        String target = tls.url(host, request.path() + (request.rawQuery() == null ? "" : "?" + request.rawQuery()));
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(target))
                .timeout(forwardTimeout.plus(extraWait))
                .header(FORWARDED_HEADER, self.host() + ":" + self.port())
                .method(request.method(), request.body().length == 0
                        ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(request.body()));
        request.header("authorization").ifPresent(value -> builder.header("Authorization", value));
        request.header("content-type").ifPresent(value -> builder.header("Content-Type", value));
        request.header(Tracing.TRACEPARENT).ifPresent(value -> builder.header(Tracing.TRACEPARENT, value));
        if (allowStale) {
            builder.header(ALLOW_STALE_HEADER, "true");
        }
        return client.sendAsync(builder.build(), BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    var headers = new java.util.LinkedHashMap<String, String>();
                    response.headers().firstValue("content-type").ifPresent(v -> headers.put("Content-Type", v));
                    response.headers().firstValue(STALE_HEADER).ifPresent(v -> headers.put(STALE_HEADER, v));
                    response.headers().firstValue("retry-after").ifPresent(v -> headers.put("Retry-After", v));
                    headers.put(SERVED_BY_HEADER, host.host() + ":" + host.port());
                    return new HttpResponse(response.statusCode(), headers, response.body());
                })
                .exceptionally(failure -> {
                    LOG.info("instance {}:{} did not answer: {}", host.host(), host.port(), failure.getMessage());
                    return unavailable("instance " + host.host() + ":" + host.port() + " did not answer");
                });
    }

    private static HttpResponse unavailable(String message) {
        return HttpResponse.error(503, "UNAVAILABLE", message).withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
}
