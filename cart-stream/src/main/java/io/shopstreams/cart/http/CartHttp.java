package io.shopstreams.cart.http;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.cart.domain.CommandOutcome;
import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.events.CartCommand;
import io.shopstreams.service.http.CommandSubmitter;
import io.shopstreams.service.http.HttpApi;
import io.shopstreams.service.http.HttpRequest;
import io.shopstreams.service.http.HttpResponse;
import io.shopstreams.service.http.QueryRouter;
import io.shopstreams.service.http.StoreAccess;
import io.shopstreams.service.http.VersionWaiters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The cart endpoints of CONTRACT section 4, served from any instance. */
public final class CartHttp {
    /** Long polls wait at most this long, whatever the client asks. */
    public static final long MAX_TIMEOUT_MS = 60_000;
    static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final QueryRouter router;
    private final VersionWaiters waiters;
    private final CommandSubmitter<CartCommand> submitter;

    public CartHttp(QueryRouter router, VersionWaiters waiters, CommandSubmitter<CartCommand> submitter) {
        this.router = router;
        this.waiters = waiters;
        this.submitter = submitter;
    }

    public void register(HttpApi api) {
        api.route("GET", "/carts/{cartId}", this::getCart);
        api.route("POST", "/carts/{cartId}/commands",
                request -> submitter.submit(request.param("cartId"), request.body()));
        api.route("GET", "/carts/{cartId}/commands/{commandId}", this::getOutcome);
    }

    private CompletionStage<HttpResponse> getCart(HttpRequest request) throws Exception {
        String cartId = CommandSubmitter.requireId("cartId", request.param("cartId"));
        long minVersion = request.longParam("minVersion", 0, 0, Long.MAX_VALUE);
        long timeoutMs = request.longParam("timeoutMs", DEFAULT_TIMEOUT_MS, 0, MAX_TIMEOUT_MS);
        Duration extraWait = Duration.ofMillis(minVersion > 0 ? timeoutMs : 0);
        return router.route(request, CartStores.CARTS, cartId, extraWait, access -> {
            HttpResponse now = readCart(access, cartId, minVersion);
            if (now != null) {
                return CompletableFuture.completedFuture(now);
            }
            // Not there yet: wait for the stream thread to write this cart, then read again.
            return waiters.await(cartId, minVersion, timeoutMs).thenApply(reached -> {
                HttpResponse after = readCart(access, cartId, minVersion);
                return after != null ? after : HttpResponse.error(504, "TIMEOUT",
                        "cart " + cartId + " did not reach version " + minVersion + " within " + timeoutMs + " ms");
            });
        });
    }

    /** The cart's view, 404 when unknown; null when a long poll must go on waiting. */
    private static HttpResponse readCart(StoreAccess access, String cartId, long minVersion) {
        ReadOnlyKeyValueStore<String, Cart> carts = access.store(CartStores.CARTS, QueryableStoreTypes.keyValueStore());
        Cart cart = carts.get(cartId);
        long version = cart == null ? 0 : cart.version();
        if (minVersion > 0 && version < minVersion) {
            return null;
        }
        if (cart == null) {
            return HttpResponse.error(404, "CART_NOT_FOUND", "no cart " + cartId);
        }
        ReadOnlyKeyValueStore<String, CartOrder> orders =
                access.store(CartStores.ORDERS, QueryableStoreTypes.keyValueStore());
        return HttpResponse.json(200, CartView.of(cart, orders.get(cartId)));
    }

    private CompletionStage<HttpResponse> getOutcome(HttpRequest request) throws Exception {
        String cartId = CommandSubmitter.requireId("cartId", request.param("cartId"));
        String commandId = CommandSubmitter.requireId("commandId", request.param("commandId"));
        // Outcomes live on the same task as the cart, so the cart store's metadata routes them.
        return router.route(request, CartStores.CARTS, cartId, Duration.ZERO, access -> {
            ReadOnlyWindowStore<String, CommandOutcome> outcomes =
                    access.store(CartStores.OUTCOMES, QueryableStoreTypes.windowStore());
            try (WindowStoreIterator<CommandOutcome> found =
                         outcomes.fetch(CartStores.outcomeKey(cartId, commandId), Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
                if (!found.hasNext()) {
                    return CompletableFuture.completedFuture(HttpResponse.error(404, "COMMAND_NOT_FOUND",
                            "command " + commandId + " of cart " + cartId + " is not decided (yet)"));
                }
                CommandOutcome outcome = found.next().value;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("commandId", outcome.commandId());
                body.put("status", outcome.status().name());
                body.put("code", outcome.code());
                body.put("reason", outcome.reason());
                body.put("version", outcome.version());
                return CompletableFuture.completedFuture(HttpResponse.json(200, body));
            }
        });
    }
}
