package io.shopstreams.order;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import io.shopstreams.order.domain.OrderPolicy;
import io.shopstreams.order.http.OrderHttp;
import io.shopstreams.order.stream.OrderObserver;
import io.shopstreams.order.stream.OrderStores;
import io.shopstreams.order.stream.OrderTopology;
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

/** The order service: configuration, start and shutdown. {@code main} is the runnable jar's entry point. */
public final class OrderService {
    public static final int DEFAULT_HTTP_PORT = 7071;

    private OrderService() {
    }

    public static Map<String, String> defaults() {
        Map<String, String> defaults = ServiceSettings.defaults(OrderTopology.SERVICE, DEFAULT_HTTP_PORT);
        defaults.put("COMMAND_RETENTION_MS", Long.toString(OrderTopology.Options.DEFAULT_COMMAND_RETENTION.toMillis()));
        defaults.put("ORDER_MAX_TOTAL_CENTS", Long.toString(OrderPolicy.DEFAULT.maxTotalCents()));
        return defaults;
    }

    /** Builds an instance from settings; the caller starts and closes it. */
    public static ServiceRuntime create(ServiceSettings settings, ServiceLauncher launcher) {
        var options = new OrderTopology.Options(
                launcher.partitionsOf(Topics.ORDER_EVENTS.name()),
                Duration.ofMillis(settings.config().longValue("COMMAND_RETENTION_MS", 60_000, Long.MAX_VALUE)),
                new OrderPolicy(settings.config().longValue("ORDER_MAX_TOTAL_CENTS", 0, Long.MAX_VALUE)));
        AtomicReference<ServiceRuntime> runtime = new AtomicReference<>();
        OrderObserver observer = new OrderObserver() {
            @Override
            public void decided(OrderEvent event) {
                ServiceRuntime current = runtime.get();
                current.waiters().updated(event.orderId(), event.version());
                count(current.decisions(), event);
            }

            @Override
            public void duplicate(String orderId, String causeId) {
                runtime.get().decisions().duplicate();
            }
        };
        ServiceRuntime created = new ServiceRuntime(settings, OrderTopology.build(options, observer),
                List.of(DigestStore.keyValue(OrderStores.ORDERS), DigestStore.keyValue(OrderStores.CUSTOMERS),
                        DigestStore.window(OrderStores.OUTCOMES)),
                (api, rt) -> new OrderHttp(rt.router(), rt.waiters(), new CommandSubmitter<>(
                        launcher.commandProducer(), Topics.ORDER_COMMANDS.name(), JsonCodec.ORDER_COMMANDS, "orderId"))
                        .register(api));
        runtime.set(created);
        return created;
    }

    private static void count(DecisionMetrics metrics, OrderEvent event) {
        if (event instanceof OrderEvent.CommandRejected rejected) {
            metrics.rejected(rejected.code());
        } else if (event instanceof OrderEvent.OrderRejected rejected) {
            metrics.orderRejected(rejected.code());
        } else {
            metrics.accepted();
        }
    }

    public static void main(String[] args) {
        ServiceLauncher.main(OrderTopology.SERVICE, args, defaults(), System.getenv(), OrderService::create);
    }

    /** For {@code shopctl dev} and tests: the settings an environment map gives. */
    public static ServiceSettings settings(Map<String, String> env) {
        return ServiceSettings.from(ServiceConfig.load(OrderTopology.SERVICE, env, defaults()));
    }
}
