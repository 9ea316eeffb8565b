package io.shopstreams.cart.http;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.events.CartCommand;
import io.shopstreams.service.http.AggregateEndpoints;
import io.shopstreams.service.http.CommandSubmitter;
import io.shopstreams.service.http.RouteTable;
import io.shopstreams.service.http.QueryRouter;
import io.shopstreams.service.http.StoreAccess;
import io.shopstreams.service.http.VersionWaiters;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The cart endpoints of docs/contract.md, section 4, served from any instance. */
public final class CartHttp {
    private final AggregateEndpoints<Cart> carts;
    private final CommandSubmitter<CartCommand> submitter;

    public CartHttp(QueryRouter router, VersionWaiters waiters, CommandSubmitter<CartCommand> submitter) {
        this.carts = new AggregateEndpoints<>(router, waiters, "cart", CartStores.CARTS, CartStores.OUTCOMES,
                Cart::version, CartHttp::view, cart -> null);
        this.submitter = submitter;
    }

    public void register(RouteTable routes) {
        carts.register(routes, "carts", submitter);
    }

    /** The cart with its order's status, which lives in another store of the same partition. */
    private static Object view(Cart cart, StoreAccess access) {
        ReadOnlyKeyValueStore<String, CartOrder> orders =
                access.keyValue(CartStores.ORDERS);
        return CartView.of(cart, cart.orderId() == null ? null
                : orders.get(CartStores.orderKey(cart.cartId(), cart.orderId())));
    }
}
