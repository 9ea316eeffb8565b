package io.shopstreams.shopctl.dev;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.shopstreams.cart.CartService;
import io.shopstreams.order.OrderService;
import io.shopstreams.service.ServiceConfig;
import io.shopstreams.service.ServiceDefinition;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.shopctl.cli.CliFailure;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * cart-stream and order-stream in this JVM, configured as their runnable jars would be from the environment,
 * started and stopped side by side. {@link #close()} never throws.
 */
public final class DevServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevServices.class);
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(50);

    /** What the services are given: Kafka, their HTTP ports on 127.0.0.1, and where their state lives. */
    /** @param authEnv the HTTP authentication settings of both services ({@link DevAuth#env()}) */
    record Settings(String bootstrapServers, int cartPort, int orderPort, Path stateRoot, Optional<Path> clientConfig,
                    Map<String, String> authEnv) {
    }

    private final List<ServiceRuntime> running = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "shopctl-dev-services");
        thread.setDaemon(true);
        return thread;
    });

    private DevServices() {
    }

    /**
     * Starts both services at once ({@code KafkaStreams.start()} blocks until its global catalog store is loaded,
     * and neither service needs the other) and returns when both are RUNNING; on failure, stops both.
     */
    static DevServices start(Settings settings) {
        DevServices services = new DevServices();
        try {
            services.launch(settings);
            services.awaitRunning();
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** The HTTP base URL of each service, cart-stream first. */
    List<String> baseUrls() {
        List<String> urls = new ArrayList<>();
        running.forEach(service -> urls.add("http://" + service.settings().httpHost() + ":" + service.httpPort()));
        return urls;
    }

    /** Stops both services at once: each leaves its consumer group and closes its HTTP port. */
    @Override
    public void close() {
        CompletableFuture.allOf(running.stream()
                .map(service -> CompletableFuture.runAsync(() -> closeQuietly(service), threads))
                .toArray(CompletableFuture[]::new)).join();
        running.clear();
        threads.shutdown();
    }

    private void launch(Settings settings) {
        List<CompletableFuture<ServiceRuntime>> starting = List.of(
                CompletableFuture.supplyAsync(() -> launch(new CartService(), settings, settings.cartPort()), threads),
                CompletableFuture.supplyAsync(() -> launch(new OrderService(), settings, settings.orderPort()), threads));
        RuntimeException failure = null;
        for (CompletableFuture<ServiceRuntime> service : starting) {
            try {
                running.add(service.join());
            } catch (CompletionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static ServiceRuntime launch(ServiceDefinition service, Settings settings, int httpPort) {
        try {
            return ServiceRuntime.start(service, service.settings(env(service.name(), settings, httpPort)));
        } catch (ServiceConfig.ConfigException e) {
            throw CliFailure.failure(service.name() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw CliFailure.failure(service.name() + ": " + e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The environment a service's runnable jar would read (service-common's ServiceSettings). */
    private static Map<String, String> env(String service, Settings settings, int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers());
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("STATE_DIR", settings.stateRoot().resolve(service).toString());
        settings.clientConfig().ifPresent(file -> env.put(ServiceConfig.CONFIG_FILE, file.toString()));
        env.putAll(settings.authEnv());
        return env;
    }

    /** Waits (bounded) until every service's Kafka Streams is RUNNING. */
    private void awaitRunning() {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        for (ServiceRuntime service : running) {
            KafkaStreams.State state = service.streams().state();
            while (state != KafkaStreams.State.RUNNING) {
                if (!state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED) {
                    throw CliFailure.failure(service.settings().serviceName() + " stopped while starting (state "
                            + state + "); run with --verbose to see why");
                }
                if (System.nanoTime() > deadline) {
                    throw CliFailure.failure(service.settings().serviceName() + " did not reach RUNNING within "
                            + RUNNING_TIMEOUT.toSeconds() + " s (state " + state + ")");
                }
                sleep();
                state = service.streams().state();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failure("interrupted while waiting for the services to start", e);
        }
    }

    private static void closeQuietly(ServiceRuntime service) {
        try {
            service.close();
        } catch (RuntimeException e) {
            LOG.warn("could not stop {} cleanly: {}", service.settings().serviceName(), e.toString());
        }
    }
}
