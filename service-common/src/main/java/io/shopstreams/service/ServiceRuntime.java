package io.shopstreams.service;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shopstreams.service.http.HttpApi;
import io.shopstreams.service.http.QueryRouter;
import io.shopstreams.service.http.VersionWaiters;
import io.shopstreams.service.replay.RebuildEpochs;
import io.shopstreams.service.stream.DeadLetterExceptionHandler;
import io.shopstreams.service.stream.DeadLetterMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one service instance: its Kafka Streams topology and its HTTP port, from a {@link ServiceSettings}.
 * Shared by both services so that config, routing, health, metrics and shutdown behave the same in each.
 */
public final class ServiceRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

    private final ServiceSettings settings;
    private final Topology topology;
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;
    private final VersionWaiters waiters;
    private final DecisionMetrics decisions;
    private final HttpApi http;
    private final QueryRouter router;
    private final RestoreTracker restores = new RestoreTracker();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<AutoCloseable> resources = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The parts a service adds: its routes, given the router and the runtime's shared pieces. */
    @FunctionalInterface
    public interface Routes {
        void register(HttpApi api, ServiceRuntime runtime);
    }

    public ServiceRuntime(ServiceSettings settings, Topology topology, List<DigestStore> digestStores, Routes routes) {
        this.settings = settings;
        this.topology = topology;
        Properties streamsProps = streamsProperties(settings);
        streamsProps.put(DeadLetterMetrics.REGISTRY_CONFIG, registry);
        this.streams = new KafkaStreams(topology, streamsProps);
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        this.waiters = new VersionWaiters(settings.maxLongPolls());
        this.decisions = new DecisionMetrics(registry);
        HostInfo self = settings.applicationServer();
        this.router = new QueryRouter(streams, self, settings.forwardTimeout(), settings.standbyMaxLag(),
                () -> registry.counter("shop_queries_forwarded_total").increment());
        this.http = new HttpApi(settings.maxBodyBytes(), settings.httpAuth(), this::timeRequest);
        new AdminEndpoints(streams, topology, registry, restores, digestStores, self, settings.httpAuth())
                .register(http);
        routes.register(http, this);
        streams.setStateListener((next, previous) -> LOG.info("{}: {} -> {}", settings.serviceName(), previous, next));
        streams.setGlobalStateRestoreListener(restores);
        streams.setUncaughtExceptionHandler(exception -> {
            // Input errors never get here (they are dead letters); this is infrastructure, so retry on a fresh thread.
            LOG.error("stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        streamsMetrics.bindTo(registry);
        registry.gauge("shop_long_polls_waiting", waiters, VersionWaiters::waiting);
    }

    /** {@code shop_http_requests_seconds{route,status}}: routes are patterns and statuses classes, never raw values. */
    private void timeRequest(String route, int status, long nanos) {
        Timer.builder("shop_http_requests")
                .description("HTTP requests answered, by route pattern and status class; long polls included")
                .tags("route", route, "status", (status / 100) + "xx")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The Kafka Streams configuration of a service instance, dead-letter handlers included. Public so that
     * topology tests drive the production topology under exactly the production configuration.
     */
    public static Properties streamsProperties(ServiceSettings settings) {
        Properties props = new Properties();
        // The catalog's global consumer otherwise waits 500 ms at the end of every partition it restores, so a
        // start took seconds longer than it needs to; a passed-through setting still wins.
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
        props.putAll(settings.kafkaProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                settings.applicationServer().host() + ":" + settings.applicationServer().port());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.numStandbyReplicas());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        // Bad catalog records are dead letters too, not a stopped global thread.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(DeadLetterExceptionHandler.SERVICE_CONFIG, settings.serviceName());
        return props;
    }

    /** Starts streams and the HTTP port; returns at once (streams go on starting in the background). */
    public void start() {
        try {
            http.start(settings.httpHost(), settings.httpPort(), settings.httpThreads());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.httpHost() + ":" + settings.httpPort(), e);
        }
        LOG.info("{} listening on http://{}:{} (advertised as {}:{}, {}), Kafka at {}", settings.serviceName(),
                settings.httpHost(), http.port(), settings.applicationServer().host(),
                settings.applicationServer().port(), settings.httpAuth(), settings.bootstrapServers());
        discardStateFromBeforeARebuild();
        streams.start();
    }

    /**
     * docs/contract.md, section 5: a full rebuild runs against the cluster alone, so an instance must notice by itself
     * that its local state predates the latest rebuild of its service, and discard it before serving anything.
     */
    private void discardStateFromBeforeARebuild() {
        Path stateDir = Path.of(settings.stateDir());
        long cluster = RebuildEpochs.read(settings.clientConfig(), settings.applicationId());
        long local = RebuildEpochs.local(stateDir, settings.applicationId());
        if (cluster != local) {
            LOG.info("local state of {} was built under rebuild epoch {}, the cluster is at {}: discarding it",
                    settings.applicationId(), local, cluster);
            streams.cleanUp();
            RebuildEpochs.recordLocal(stateDir, settings.applicationId(), cluster);
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    public QueryRouter router() {
        return router;
    }

    public VersionWaiters waiters() {
        return waiters;
    }

    /** Counters of decided commands, for the service's observer. */
    public DecisionMetrics decisions() {
        return decisions;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public ServiceSettings settings() {
        return settings;
    }

    /** Closes {@code resource} after streams and HTTP when this runtime closes. */
    public void closeWith(AutoCloseable resource) {
        resources.add(resource);
    }

    public Topology topology() {
        return topology;
    }

    public int httpPort() {
        return http.port();
    }

    /** Blocks until {@link #close()} ran, e.g. from a SIGTERM hook. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops streams (leaving the group, bounded by the shutdown timeout), then HTTP. Idempotent. */
    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        synchronized (this) {
            if (stopped.getCount() == 0) {
                return;
            }
            LOG.info("{} shutting down", settings.serviceName());
            // HTTP first: other instances' forwards then fail fast and go to a standby, instead of reaching
            // an instance whose streams are half closed.
            http.close();
            boolean clean = streams.close(CloseOptions
                    .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(settings.shutdownTimeout()));
            waiters.close();
            streamsMetrics.close();
            registry.close();
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("could not close {}: {}", resource, e.getMessage());
                }
            }
            LOG.info("{} stopped{}", settings.serviceName(), clean ? "" : " (streams did not close in time)");
            stopped.countDown();
        }
    }
}
