package io.shopstreams.order.http;

import io.shopstreams.events.OrderCommand;
import io.shopstreams.order.domain.CustomerOrder;
import io.shopstreams.order.domain.CustomerOrders;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.stream.OrderStores;
import io.shopstreams.service.http.AggregateEndpoints;
import io.shopstreams.service.http.CommandSubmitter;
import io.shopstreams.service.http.RouteTable;
import io.shopstreams.service.http.HttpRequest;
import io.shopstreams.service.http.HttpResponse;
import io.shopstreams.service.http.QueryRouter;
import io.shopstreams.service.http.VersionWaiters;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The order endpoints of docs/contract.md, section 4, served from any instance. */
public final class OrderHttp {
    private final QueryRouter router;
    private final AggregateEndpoints<Order> orders;
    private final CommandSubmitter<OrderCommand> submitter;

    public OrderHttp(QueryRouter router, VersionWaiters waiters, CommandSubmitter<OrderCommand> submitter) {
        this.router = router;
        this.orders = new AggregateEndpoints<>(router, waiters, "order", OrderStores.ORDERS, OrderStores.OUTCOMES,
                Order::version, (order, access) -> order, Order::customerId);
        this.submitter = submitter;
    }

    public void register(RouteTable routes) {
        // A customer may cancel its own order (the domain decides whether it still can); nothing else.
        orders.register(routes, "orders", submitter, command -> command instanceof OrderCommand.CancelOrder);
        routes.route("GET", "/customers/{customerId}/orders", this::customerOrders);
    }

    /** The customer index is partitioned by customerId, so it is routed by that key, not by an orderId. */
    private CompletionStage<HttpResponse> customerOrders(HttpRequest request) throws Exception {
        String customerId = CommandSubmitter.requireId("customerId", request.param("customerId"));
        return router.route(request, OrderStores.CUSTOMERS, customerId, Duration.ZERO, access -> {
            ReadOnlyKeyValueStore<String, CustomerOrder> entries =
                    access.keyValue(OrderStores.CUSTOMERS);
            List<CustomerOrder> found = new ArrayList<>();
            try (KeyValueIterator<String, CustomerOrder> scan =
                         entries.prefixScan(OrderStores.customerPrefix(customerId), new StringSerializer())) {
                scan.forEachRemaining(entry -> found.add(entry.value));
            }
            return CompletableFuture.completedFuture(HttpResponse.json(200, CustomerOrders.of(customerId, found)));
        });
    }
}
