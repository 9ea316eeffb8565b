package io.shopstreams.cart;

import io.shopstreams.cart.http.CartHttp;
import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.cart.stream.CartTopology;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Topics;
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

/** The cart service as the shared runtime runs it. {@code main} is the runnable jar's entry point. */
public final class CartService implements ServiceDefinition {
    public static final int DEFAULT_HTTP_PORT = 7070;

    @Override
    public String name() {
        return CartTopology.SERVICE;
    }

    @Override
    public int defaultHttpPort() {
        return DEFAULT_HTTP_PORT;
    }

    @Override
    public Map<String, String> ownDefaults() {
        return Map.of("COMMAND_RETENTION_MS", Long.toString(CartTopology.Options.DEFAULT_COMMAND_RETENTION.toMillis()));
    }

    @Override
    public Parts build(ServiceContext context) {
        var observer = new MeteredObserver<>(CartTopology.aggregate(), context.waiters(),
                context.metrics().decisions());
        var submitter = new CommandSubmitter<>(context.kafka().commandProducer(), CartTopology.COMMANDS,
                context.tracing());
        return new Parts(topology(context.settings(), context.kafka().partitionsOf(Topics.CART_EVENTS.name()),
                        observer),
                List.of(DigestStore.keyValue(CartStores.CARTS), DigestStore.keyValue(CartStores.ORDERS),
                        DigestStore.outcomes(CartStores.OUTCOMES)),
                (api, router) -> new CartHttp(router, context.waiters(), submitter).register(api));
    }

    /**
     * The topology an instance runs, from its settings and the partition count of {@code cart-events} (read
     * from the cluster at start); public so that tests and docs describe exactly what runs.
     */
    public static Topology topology(ServiceSettings settings, int partitions, DecisionObserver<CartEvent> observer) {
        Duration retention = Duration.ofMillis(settings.config().longValue("COMMAND_RETENTION_MS", 60_000,
                Long.MAX_VALUE));
        return CartTopology.build(new CartTopology.Options(partitions, retention), observer);
    }

    public static void main(String[] args) {
        ServiceMain.run(new CartService(), args);
    }
}
