package io.shopstreams.cart;

import io.shopstreams.cart.http.CartHttp;
import io.shopstreams.cart.stream.CartObserver;
import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.cart.stream.CartTopology;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topics;
import io.shopstreams.service.DecisionMetrics;
import io.shopstreams.service.DigestStore;
import io.shopstreams.service.ServiceConfig;
import io.shopstreams.service.ServiceLauncher;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.ServiceSettings;
import io.shopstreams.service.http.CommandSubmitter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The cart service: configuration, start and shutdown. {@code main} is the runnable jar's entry point. */
public final class CartService {
    public static final int DEFAULT_HTTP_PORT = 7070;

    private CartService() {
    }

    public static Map<String, String> defaults() {
        Map<String, String> defaults = ServiceSettings.defaults(CartTopology.SERVICE, DEFAULT_HTTP_PORT);
        defaults.put("COMMAND_RETENTION_MS", Long.toString(CartTopology.Options.DEFAULT_COMMAND_RETENTION.toMillis()));
        return defaults;
    }

    /** Builds an instance from settings; the caller starts and closes it. */
    public static ServiceRuntime create(ServiceSettings settings, ServiceLauncher launcher) {
        var options = new CartTopology.Options(
                launcher.partitionsOf(Topics.CART_EVENTS.name()),
                Duration.ofMillis(settings.config().longValue("COMMAND_RETENTION_MS", 60_000, Long.MAX_VALUE)));
        AtomicReference<ServiceRuntime> runtime = new AtomicReference<>();
        CartObserver observer = new CartObserver() {
            @Override
            public void decided(CartEvent event) {
                ServiceRuntime current = runtime.get();
                current.waiters().updated(event.cartId(), event.version());
                count(current.decisions(), event);
            }

            @Override
            public void duplicate(String cartId, String commandId) {
                runtime.get().decisions().duplicate();
            }
        };
        ServiceRuntime created = new ServiceRuntime(settings, CartTopology.build(options, observer),
                List.of(DigestStore.keyValue(CartStores.CARTS), DigestStore.keyValue(CartStores.ORDERS),
                        DigestStore.window(CartStores.OUTCOMES)),
                (api, rt) -> new CartHttp(rt.router(), rt.waiters(), new CommandSubmitter<>(
                        launcher.commandProducer(), Topics.CART_COMMANDS.name(), JsonCodec.CART_COMMANDS, "cartId"))
                        .register(api));
        runtime.set(created);
        return created;
    }

    private static void count(DecisionMetrics metrics, CartEvent event) {
        if (event instanceof CartEvent.CommandRejected rejected) {
            metrics.rejected(rejected.code());
        } else {
            metrics.accepted();
        }
    }

    public static void main(String[] args) {
        ServiceLauncher.main(CartTopology.SERVICE, args, defaults(), System.getenv(), CartService::create);
    }

    /** For {@code shopctl dev} and tests: the settings an environment map gives. */
    public static ServiceSettings settings(Map<String, String> env) {
        return ServiceSettings.from(ServiceConfig.load(CartTopology.SERVICE, env, defaults()));
    }
}
