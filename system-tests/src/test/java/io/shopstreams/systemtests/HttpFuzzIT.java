package io.shopstreams.systemtests;

import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random and malformed requests against a real cart-stream instance on a real broker, over raw sockets: no
 * answer is a 5xx (but a 503 with {@code Retry-After}, or the long poll's 504 {@code TIMEOUT} for a request that
 * asked to wait), every request is answered or closed within a bound, slow and half-closed clients included, and
 * neither threads nor heap grow. The seed is printed; {@code -Dhttp.fuzz.seed=N} runs the same requests again.
 */
class HttpFuzzIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final long SEED = Long.getLong("http.fuzz.seed", System.nanoTime());
    private static final int REQUESTS = Integer.getInteger("http.fuzz.requests", 10_000);
    private static final int WARM_UP = 1_000;
    private static final int CLIENTS = 4;
    /** Each exchange must end within this; a slow client's own trickling is part of it. */
    private static final int BOUND_MILLIS = 10_000;
    /**
     * A client that stops sending half-way must be closed within this: the server's limits for a request to
     * arrive (sun.net.httpserver.maxReqTime) and for an idle connection (sun.net.httpserver.idleInterval) are
     * 30 s each, checked by a timer that may add up to 10 s more (measured: closed after 30.2 s and 40.0 s).
     */
    private static final int SLOW_BOUND_MILLIS = 50_000;
    /**
     * Heap after a full GC may grow by this much: the Kafka clients' buffers and the meters (one per route and
     * status class) are all created during the warm-up, so what is left is noise from the JIT and the broker;
     * a leak of 2 KiB per request would already be 20 MiB over the 10,000 requests.
     */
    private static final long HEAP_TOLERANCE_BYTES = 20L * 1024 * 1024;
    /**
     * At most this many threads started during the fuzz may still live: one per lazily started helper that a
     * request may be the first to need (e.g. a timer), never one per request or per connection.
     */
    private static final int THREAD_TOLERANCE = 2;

    private static ShopFixture shop;
    private static ServiceRuntime cart;

    @BeforeAll
    static void startCartStream() {
        shop = new ShopFixture(KAFKA.bootstrapServers());
        shop.product("sku-mug", "Mug", 1299, true);
        cart = shop.startCart("a", Map.of());
        ShopFixture.awaitRunning(cart);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void randomAndMalformedRequestsGetNo5xxNoHangAndLeakNothing() throws Exception {
        System.out.println("HTTP fuzz seed " + SEED + " (rerun with -Dhttp.fuzz.seed=" + SEED + ")");
        FuzzRequests requests = new FuzzRequests(SEED);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ThreadPoolExecutor clients = new ThreadPoolExecutor(CLIENTS + SlowClients.COUNT, CLIENTS + SlowClients.COUNT,
                0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        clients.prestartAllCoreThreads(); // the test's own threads are all there before the baseline
        try {
            run(clients, requests, 0, WARM_UP, failures);
            // The service's long-poll timer starts with the first long poll: let it exist before the baseline.
            RawHttp.exchange(cart.httpPort(), "GET /carts/none?minVersion=1&timeoutMs=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII), true, 0, 0, BOUND_MILLIS);
            long heapBefore = heapAfterGc();
            Set<String> threadsBefore = threadNames();

            List<CompletableFuture<Void>> slow = SlowClients.start(clients, cart.httpPort(), SLOW_BOUND_MILLIS, failures);
            long started = System.nanoTime();
            run(clients, requests, WARM_UP, WARM_UP + REQUESTS, failures);
            long fuzzMillis = (System.nanoTime() - started) / 1_000_000;
            CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).get(SLOW_BOUND_MILLIS + 10_000,
                    TimeUnit.MILLISECONDS);

            assertThat(failures).as("requests of seed %d that got a 5xx or hung", SEED).isEmpty();
            long heapAfter = heapAfterGc();
            System.out.printf("HTTP fuzz: %,d requests in %,d ms; heap after GC %,d -> %,d KiB, threads %d -> %d%n",
                    REQUESTS, fuzzMillis, heapBefore / 1024, heapAfter / 1024, threadsBefore.size(), threadNames().size());
            assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(HEAP_TOLERANCE_BYTES);
            // Threads of a finished request (e.g. a long poll's timer) may take a moment to end.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Set<String> added = new TreeSet<>(threadNames());
                added.removeAll(threadsBefore);
                added.removeIf(name -> name.startsWith("awaitility")); // this very wait's
                assertThat(added).as("threads started during the fuzz and still alive").hasSizeLessThanOrEqualTo(
                        THREAD_TOLERANCE);
            });
            assertThat(shop.get(cart, "/health").status()).as("the service answers after the fuzz").isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }
    }

    /** Requests {@code from} to {@code to} of the seed, on {@link #CLIENTS} clients at once. */
    private static void run(ExecutorService clients, FuzzRequests requests, int from, int to, List<String> failures)
            throws Exception {
        List<CompletableFuture<Void>> running = IntStream.range(0, CLIENTS).mapToObj(client ->
                CompletableFuture.runAsync(() -> {
                    for (int i = from + client; i < to; i += CLIENTS) {
                        check(requests.get(i), failures);
                    }
                }, clients)).toList();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    private static void check(FuzzRequests.Request request, List<String> failures) {
        RawHttp.Outcome outcome;
        try {
            outcome = RawHttp.exchange(cart.httpPort(), request.bytes(), request.halfClose(), 0, 0, BOUND_MILLIS);
        } catch (IOException e) {
            failures.add(request.preview() + " -> " + e);
            return;
        }
        if (!acceptable(request, outcome)) {
            failures.add(request.preview() + " -> " + outcome);
        }
        if (outcome.millis() > 1_000) {
            System.out.println("slow answer: " + request.preview() + " -> " + outcome.kind() + " " + outcome.status()
                    + " after " + outcome.millis() + " ms");
        }
    }

    static boolean acceptable(FuzzRequests.Request request, RawHttp.Outcome outcome) {
        if (outcome.kind() == RawHttp.Outcome.Kind.TIMED_OUT) {
            return false;
        }
        if (outcome.kind() == RawHttp.Outcome.Kind.CLOSED || outcome.status() < 500) {
            return true;
        }
        boolean retryable = outcome.status() == 503 && outcome.retryAfter() != null;
        boolean pollTimedOut = outcome.status() == 504 && request.longPoll() && outcome.body().contains("\"TIMEOUT\"");
        return retryable || pollTimedOut;
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Names and ids of the live threads: a pool that replaces a thread shows up as one added. */
    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(t -> t.getName() + "#" + t.getId())
                .collect(Collectors.toSet());
    }

    /**
     * Clients that trickle part of a request and then stop, or hold a connection without sending a byte, or
     * send a full request and half-close at once: each must be answered or closed within the bound.
     */
    static final class SlowClients {
        static final int COUNT = 6;

        private SlowClients() {
        }

        static List<CompletableFuture<Void>> start(ExecutorService pool, int port, int boundMillis,
                                                   List<String> failures) {
            byte[] partial = "GET /carts/cart-1 HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            byte[] post = ("POST /carts/cart-1/commands HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"type\"")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] whole = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            clients.add(slow(pool, "trickled request line and headers, then silence", () ->
                    RawHttp.exchange(port, partial, false, partial.length, 100, boundMillis), failures));
            clients.add(slow(pool, "a body that stops half-way", () ->
                    RawHttp.exchange(port, post, false, post.length, 50, boundMillis), failures));
            clients.add(slow(pool, "a connection that sends nothing", () ->
                    RawHttp.exchange(port, new byte[0], false, 0, 0, boundMillis), failures));
            clients.add(slow(pool, "partial headers, half-closed", () ->
                    RawHttp.exchange(port, partial, true, 0, 0, boundMillis), failures));
            clients.add(slow(pool, "a body that stops half-way, half-closed", () ->
                    RawHttp.exchange(port, post, true, 0, 0, boundMillis), failures));
            clients.add(slow(pool, "a whole request, half-closed", () ->
                    RawHttp.exchange(port, whole, true, 0, 0, boundMillis), failures));
            return clients;
        }

        private interface Exchange {
            RawHttp.Outcome run() throws IOException;
        }

        private static CompletableFuture<Void> slow(ExecutorService pool, String what, Exchange exchange,
                                                    List<String> failures) {
            return CompletableFuture.runAsync(() -> {
                try {
                    RawHttp.Outcome outcome = exchange.run();
                    System.out.println("slow client, " + what + ": " + outcome.kind() + " " + outcome.status()
                            + " after " + outcome.millis() + " ms");
                    if (outcome.kind() == RawHttp.Outcome.Kind.TIMED_OUT || outcome.status() >= 500) {
                        failures.add("slow client, " + what + " -> " + outcome);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, pool);
        }
    }
}
