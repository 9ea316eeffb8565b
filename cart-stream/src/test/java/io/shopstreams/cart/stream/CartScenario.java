package io.shopstreams.cart.stream;

import io.shopstreams.events.EventIds;

import static io.shopstreams.cart.stream.CartDriver.utf8;
import static io.shopstreams.cart.stream.CartMessages.HAT;
import static io.shopstreams.cart.stream.CartMessages.MUG;
import static io.shopstreams.cart.stream.CartMessages.RETIRED;
import static io.shopstreams.cart.stream.CartMessages.TEA;
import static io.shopstreams.cart.stream.CartMessages.addItem;
import static io.shopstreams.cart.stream.CartMessages.changeQuantity;
import static io.shopstreams.cart.stream.CartMessages.checkout;
import static io.shopstreams.cart.stream.CartMessages.clearCart;
import static io.shopstreams.cart.stream.CartMessages.orderPaid;
import static io.shopstreams.cart.stream.CartMessages.orderPlaced;
import static io.shopstreams.cart.stream.CartMessages.orderRejected;
import static io.shopstreams.cart.stream.CartMessages.removeItem;

/**
 * A mixed input log over several carts: accepted and rejected commands, duplicates, dead letters and the saga,
 * for the tests that compare whole runs (replay and determinism). Needs {@link CartMessages#CATALOG}.
 */
final class CartScenario {
    static final String SAGA = "cart-saga";
    static final String PLAIN = "cart-plain";
    static final String ONLY_REJECTED = "cart-only-rejected";

    private CartScenario() {
    }

    static void play(CartDriver driver) {
        driver.command(SAGA, addItem("s1", MUG.sku(), 1));
        driver.command(PLAIN, addItem("p1", HAT.sku(), 2));
        driver.command(SAGA, addItem("s2", TEA.sku(), 2));
        driver.command(ONLY_REJECTED, removeItem("r1", MUG.sku()));
        driver.command(SAGA, changeQuantity("s3", TEA.sku(), 3));
        driver.command(PLAIN, addItem("p2", MUG.sku(), 1));
        driver.command(SAGA, addItem("s2", TEA.sku(), 2));
        driver.rawCommand(utf8(SAGA), utf8("not a command"));
        driver.command(SAGA, checkout("s4"));
        String firstOrder = EventIds.orderIdFor(SAGA, "s4");
        driver.command(SAGA, addItem("s5", MUG.sku(), 1));
        driver.orderEvent(orderRejected(firstOrder, SAGA));
        driver.orderEvent(orderRejected(firstOrder, SAGA));
        driver.command(PLAIN, clearCart("p3"));
        driver.command(ONLY_REJECTED, addItem("r2", RETIRED.sku(), 1));
        driver.command(SAGA, removeItem("s6", MUG.sku()));
        driver.command(PLAIN, addItem("p4", TEA.sku(), 4));
        driver.command(SAGA, checkout("s7"));
        String secondOrder = EventIds.orderIdFor(SAGA, "s7");
        driver.orderEvent(orderPlaced(secondOrder, SAGA));
        driver.orderEvent(orderPaid(secondOrder, SAGA));
        driver.command(ONLY_REJECTED, checkout("r3"));
    }
}
