package io.shopstreams.order;

import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import io.shopstreams.order.domain.OrderPolicy;
import io.shopstreams.order.http.OrderHttp;
import io.shopstreams.order.stream.OrderStores;
import io.shopstreams.order.stream.OrderTopology;
import io.shopstreams.service.DigestStore;
import io.shopstreams.service.ServiceContext;
import io.shopstreams.service.ServiceDefinition;
import io.shopstreams.service.ServiceMain;
import io.shopstreams.service.ServiceSettings;
import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.service.aggregate.MeteredObserver;
import io.shopstreams.service.http.CommandSubmitter;

import org.apache.kafka.streams.Topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The order service as the shared runtime runs it. {@code main} is the runnable jar's entry point. */
public final class OrderService implements ServiceDefinition {
    public static final int DEFAULT_HTTP_PORT = 7071;

    @Override
    public String name() {
        return OrderTopology.SERVICE;
    }

    @Override
    public int defaultHttpPort() {
        return DEFAULT_HTTP_PORT;
    }

    @Override
    public Map<String, String> ownDefaults() {
        return Map.of(
                "COMMAND_RETENTION_MS", Long.toString(OrderTopology.Options.DEFAULT_COMMAND_RETENTION.toMillis()),
                "ORDER_MAX_TOTAL_CENTS", Long.toString(OrderPolicy.DEFAULT.maxTotalCents()));
    }

    @Override
    public Parts build(ServiceContext context) {
        var observer = new MeteredObserver<>(OrderTopology.aggregate(), context.waiters(),
                context.metrics().decisions());
        var submitter = new CommandSubmitter<>(context.kafka().commandProducer(), OrderTopology.COMMANDS,
                context.tracing());
        return new Parts(topology(context.settings(), context.kafka().partitionsOf(Topics.ORDER_EVENTS.name()),
                        observer),
                List.of(DigestStore.keyValue(OrderStores.ORDERS), DigestStore.keyValue(OrderStores.CUSTOMERS),
                        DigestStore.outcomes(OrderStores.OUTCOMES)),
                (api, router) -> new OrderHttp(router, context.waiters(), submitter).register(api));
    }

    /**
     * The topology an instance runs, from its settings and the partition count of {@code order-events} (read
     * from the cluster at start); public so that tests and docs describe exactly what runs.
     */
    public static Topology topology(ServiceSettings settings, int partitions, DecisionObserver<OrderEvent> observer) {
        var config = settings.config();
        Duration retention = Duration.ofMillis(config.longValue("COMMAND_RETENTION_MS", 60_000, Long.MAX_VALUE));
        OrderPolicy policy = new OrderPolicy(config.longValue("ORDER_MAX_TOTAL_CENTS", 0, Long.MAX_VALUE));
        return OrderTopology.build(new OrderTopology.Options(partitions, retention, policy), observer);
    }

    public static void main(String[] args) {
        ServiceMain.run(new OrderService(), args);
    }
}
