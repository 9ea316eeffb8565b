package io.shopstreams.bench;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartDecider;
import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a client sees an open-loop command's effect over HTTP: for a sample of the commands that change their
 * cart, a long poll {@code GET /carts/{id}?minVersion=v} sent at the command's intended send time, and for a
 * sample of the checkouts {@code GET /orders/{orderId}?minVersion=1} (the order decided by order-stream).
 * The version each command yields is known beforehand by deciding the mix with the service's own rules; the
 * latency runs from the intended send time to the answer, as for committed events.
 */
final class Visibility {
    /** A command whose effect is watched: its cart, the cart version it yields, the order it places if any. */
    private record Watch(String cartId, long version, String orderId) {
    }

    private static final Duration LONG_POLL = Duration.ofSeconds(60);

    private final Map<Integer, Watch> watches = new HashMap<>();
    private final String cartBase;
    private final String orderBase;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Histogram cartMicros = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final Histogram orderMicros = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final List<CompletableFuture<Void>> polls = new ArrayList<>();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param perSecond how many commands of each kind to watch per second of the loop, at most
     * @param orderBase the order-stream instance to ask, or null to watch carts only
     */
    Visibility(CartCommandMix mix, double rate, int perSecond, String cartBase, String orderBase) {
        this.cartBase = cartBase;
        this.orderBase = orderBase;
        Map<String, Cart> carts = new HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        Map<Integer, Watch> changes = new java.util.TreeMap<>();
        Map<Integer, Watch> checkouts = new java.util.TreeMap<>();
        List<CartCommandMix.Command> commands = mix.commands();
        for (int i = 0; i < commands.size(); i++) {
            CartCommandMix.Command command = commands.get(i);
            CartCommand decoded = JsonCodec.CART_COMMANDS.decode(command.value());
            if (!seen.add(command.cartId() + "/" + decoded.commandId())) {
                continue;
            }
            Cart before = carts.getOrDefault(command.cartId(), Cart.empty(command.cartId()));
            CartEvent event = CartDecider.decide(decoded, before, CartCommandMix.CATALOG, Instant.EPOCH).get(0);
            Cart after = CartDecider.evolve(before, event);
            carts.put(command.cartId(), after);
            if (after.version() == before.version()) {
                continue;
            }
            if (event instanceof CartEvent.CartCheckedOut checkedOut && orderBase != null) {
                checkouts.put(i, new Watch(command.cartId(), after.version(), checkedOut.orderId()));
            } else {
                changes.put(i, new Watch(command.cartId(), after.version(), null));
            }
        }
        double seconds = commands.size() / rate;
        sample(changes, seconds, perSecond);
        sample(checkouts, seconds, perSecond);
    }

    /** Keeps about {@code perSecond} of {@code candidates} per second of the loop, evenly spread. */
    private void sample(Map<Integer, Watch> candidates, double seconds, int perSecond) {
        long every = Math.max(1, Math.round(candidates.size() / (seconds * perSecond)));
        int n = 0;
        for (Map.Entry<Integer, Watch> candidate : candidates.entrySet()) {
            if (n++ % every == 0) {
                watches.put(candidate.getKey(), candidate.getValue());
            }
        }
    }

    /** Called by the sender at command {@code index}'s intended send time ({@code System.nanoTime()}). */
    void sending(int index, long intendedNanos) {
        Watch watch = watches.get(index);
        if (watch == null) {
            return;
        }
        String url = watch.orderId() == null
                ? cartBase + "/carts/" + watch.cartId() + "?minVersion=" + watch.version()
                : orderBase + "/orders/" + watch.orderId() + "?minVersion=1";
        Histogram into = watch.orderId() == null ? cartMicros : orderMicros;
        HttpRequest get = HttpRequest.newBuilder(URI.create(url + "&timeoutMs=" + LONG_POLL.toMillis()))
                .timeout(LONG_POLL.plusSeconds(5)).build();
        CompletableFuture<Void> poll = http.sendAsync(get, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    long micros = (System.nanoTime() - intendedNanos) / 1000;
                    if (failure != null || response.statusCode() != 200) {
                        failed.incrementAndGet();
                        failures.merge(failure != null ? failure.getClass().getSimpleName() + ": "
                                + failure.getMessage() : "HTTP " + response.statusCode(), 1, Integer::sum);
                        return null;
                    }
                    synchronized (into) {
                        into.recordValue(Math.min(into.getHighestTrackableValue(), micros));
                    }
                    return null;
                });
        synchronized (polls) {
            polls.add(poll);
        }
    }

    /** Waits for every poll sent; then the histograms are complete. */
    void await() {
        List<CompletableFuture<Void>> sent;
        synchronized (polls) {
            sent = List.copyOf(polls);
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    Histogram cartMicros() {
        return cartMicros;
    }

    Histogram orderMicros() {
        return orderMicros;
    }

    /** Polls that did not end in a 200: a timeout, a 503, an instance that did not answer. */
    long failed() {
        return failed.get();
    }

    /** Why polls failed: an exception or a status, with how many times each. */
    Map<String, Integer> failures() {
        return new java.util.TreeMap<>(failures);
    }

    int watched() {
        return watches.size();
    }
}
