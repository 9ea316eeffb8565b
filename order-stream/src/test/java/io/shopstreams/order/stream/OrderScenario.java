package io.shopstreams.order.stream;

import io.shopstreams.events.Product;

import static io.shopstreams.order.stream.OrderDriver.utf8;
import static io.shopstreams.order.stream.OrderMessages.CUSTOMER;
import static io.shopstreams.order.stream.OrderMessages.LAMP;
import static io.shopstreams.order.stream.OrderMessages.MUG;
import static io.shopstreams.order.stream.OrderMessages.OTHER_CUSTOMER;
import static io.shopstreams.order.stream.OrderMessages.TEA;
import static io.shopstreams.order.stream.OrderMessages.cancel;
import static io.shopstreams.order.stream.OrderMessages.checkout;
import static io.shopstreams.order.stream.OrderMessages.deliver;
import static io.shopstreams.order.stream.OrderMessages.line;
import static io.shopstreams.order.stream.OrderMessages.otherCartEvents;
import static io.shopstreams.order.stream.OrderMessages.pay;
import static io.shopstreams.order.stream.OrderMessages.ship;

/**
 * A mixed input log over several orders and two customers: placements and placement rejections, accepted and
 * refused commands, duplicates, commands for unknown orders and dead letters, for the tests that compare whole
 * runs (live state against the fold, determinism). Needs {@link OrderMessages#CATALOG}.
 */
final class OrderScenario {
    /** Placed, paid, shipped, delivered. */
    static final String DELIVERED = "order-delivered";
    /** Placed, paid, cancelled; refused a ship afterwards. */
    static final String CANCELLED = "order-cancelled";
    /** Of the other customer: placed, refused a payment of the wrong amount. */
    static final String PLACED = "order-placed";
    /** Rejected at placement: its tea was withdrawn before the checkout reached order-stream. */
    static final String REJECTED = "order-rejected";
    /** Rejected at placement: over the maximum total. */
    static final String TOO_HIGH = "order-too-high";
    /** Never placed: only commands, all refused. */
    static final String UNKNOWN = "order-unknown";

    private OrderScenario() {
    }

    static void play(OrderDriver driver) {
        otherCartEvents("cart-a").forEach(driver::cartEvent);
        driver.cartEvent(checkout("cart-a", DELIVERED, CUSTOMER, line(MUG, 2), line(TEA, 1)));
        driver.cartEvent(checkout("cart-b", CANCELLED, CUSTOMER, line(LAMP, 1)));
        driver.command(DELIVERED, ship("d0"));
        driver.command(DELIVERED, pay("d1", 2 * 1299 + 450));
        driver.cartEvent(checkout("cart-c", PLACED, OTHER_CUSTOMER, line(TEA, 3)));
        driver.command(UNKNOWN, pay("u1", 100));
        driver.command(CANCELLED, pay("x1", LAMP.priceCents()));
        driver.command(DELIVERED, pay("d1", 2 * 1299 + 450));
        driver.product(new Product(TEA.sku(), TEA.name(), TEA.priceCents(), TEA.currency(), false));
        driver.cartEvent(checkout("cart-d", REJECTED, OTHER_CUSTOMER, line(TEA, 1)));
        driver.command(PLACED, pay("p1", 1));
        driver.command(DELIVERED, ship("d2"));
        driver.rawCommand(utf8(DELIVERED), utf8("{\"type\":\"DeliverOrder\""));
        driver.command(CANCELLED, cancel("x2"));
        driver.command(CANCELLED, ship("x3"));
        driver.cartEvent(checkout("cart-a", DELIVERED, CUSTOMER, line(MUG, 2), line(TEA, 1)));
        driver.command(DELIVERED, deliver("d3"));
        driver.cartEvent(checkout("cart-e", TOO_HIGH, CUSTOMER, line(LAMP, 2), line(MUG, 1)));
        driver.command(REJECTED, cancel("r1"));
        driver.rawCartEvent("cart-f", utf8("{\"type\":\"CartCheckedOut\",\"orderId\":"));
        driver.command(UNKNOWN, deliver("u2"));
        driver.command(DELIVERED, cancel("d4"));
    }
}
