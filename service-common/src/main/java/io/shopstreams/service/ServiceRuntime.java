package io.shopstreams.service;

import io.shopstreams.service.http.ApiServer;
import io.shopstreams.service.http.HttpLimits;
import io.shopstreams.service.http.HttpTls;
import io.shopstreams.service.http.QueryRouter;
import io.shopstreams.service.http.RouteTable;
import io.shopstreams.service.http.StreamsCopies;
import io.shopstreams.service.replay.RebuildEpochs;
import io.shopstreams.service.stream.BoundedRocksDbMemory;
import io.shopstreams.service.stream.DeadLetterExceptionHandler;
import io.shopstreams.service.stream.DeadLetterMetrics;
import io.shopstreams.service.tracing.Tracing;
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
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one service instance: its Kafka Streams topology and its HTTP port. Shared by both services so that
 * config, routing, health, metrics and shutdown behave the same in each.
 */
public final class ServiceRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);
    /** The exit code of an instance that stopped itself after a processing stall (EX_SOFTWARE). */
    public static final int EXIT_STALLED = 70;
    private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TOPIC_RECHECK = Duration.ofSeconds(2);

    private final ServiceContext context;
    private final ServiceSettings settings;
    private final Topology topology;
    private final KafkaStreams streams;
    private final ApiServer http;
    private final HttpTls tls;
    private final RestoreTracker restores;
    private final ProcessingWatch watch;
    private final Set<String> topics;
    private final Set<String> catalogs;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ServiceRuntime(ServiceContext context, ServiceDefinition.Parts parts) {
        this.context = context;
        this.settings = context.settings();
        this.topology = parts.topology();
        Properties streamsProps = streamsProperties(settings);
        streamsProps.put(DeadLetterMetrics.REGISTRY_CONFIG, context.metrics().registry());
        streamsProps.put(Tracing.CONFIG, context.tracing());
        this.streams = new KafkaStreams(topology, streamsProps);
        HostInfo self = settings.applicationServer();
        StreamsCopies copies = new StreamsCopies(streams, topology);
        this.restores = new RestoreTracker(copies::changed);
        HttpTls tls = settings.httpTls();
        QueryRouter router = new QueryRouter(streams, copies, self, settings.forwardTimeout(),
                settings.standbyMaxLag(), context.metrics().queries(), tls);
        // A stall past STALL_EXIT_MS: leave the group, then exit non-zero so that the supervisor restarts us.
        this.topics = TopologyTopics.external(topology);
        this.catalogs = TopologyTopics.catalogs(topology);
        this.watch = new ProcessingWatch(streams, restores, RecoverySettings.from(settings.config()),
                () -> context.kafka().missingTopics(topics, TOPIC_CHECK_TIMEOUT),
                () -> context.kafka().topicIds(catalogs, TOPIC_CHECK_TIMEOUT), context.metrics().registry(),
                () -> new Thread(() -> {
                    close();
                    Runtime.getRuntime().halt(EXIT_STALLED);
                }, settings.serviceName() + "-stall-exit").start());
        copies.contactFrom(watch::outOfTouch);
        RouteTable routes = new RouteTable();
        new AdminEndpoints(streams, topology, context.metrics().registry(), restores, watch::check, watch::restartReason,
                parts.digestStores(), self, settings.httpAuth(), tls).register(routes);
        parts.routes().register(routes, router);
        this.http = new ApiServer(routes, new HttpLimits(settings.maxBodyBytes()), settings.httpAuth(),
                context.metrics().http(), tls);
        this.tls = tls;
        streams.setStateListener((next, previous) -> {
            copies.changed();
            LOG.info("{}: {} -> {}", settings.serviceName(), previous, next);
        });
        streams.setGlobalStateRestoreListener(restores);
        streams.setUncaughtExceptionHandler(exception -> {
            // Input errors never get here (they are dead letters); this is infrastructure, so retry on a fresh thread.
            copies.changed();
            watch.threadFailed(exception);
            LOG.error("stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        context.metrics().bind(streams, context.waiters(), settings.numStandbyReplicas());
    }

    /**
     * Builds and starts an instance of {@code service}; returns at once (streams go on starting in the
     * background). Whatever was built is closed again when the start fails.
     */
    public static ServiceRuntime start(ServiceDefinition service, ServiceSettings settings) {
        return start(service, settings, settings.tracing());
    }

    /** As {@link #start(ServiceDefinition, ServiceSettings)}, with spans going to {@code tracing} (tests). */
    public static ServiceRuntime start(ServiceDefinition service, ServiceSettings settings, Tracing tracing) {
        ServiceContext context = ServiceContext.create(settings, tracing);
        ServiceRuntime runtime;
        try {
            runtime = new ServiceRuntime(context, service.build(context));
        } catch (RuntimeException e) {
            closeContext(context);
            throw e;
        }
        try {
            runtime.start();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * The Kafka Streams configuration of a service instance, dead-letter handlers included. Public so that
     * topology tests drive the production topology under exactly the production configuration.
     */
    public static Properties streamsProperties(ServiceSettings settings) {
        Properties props = new Properties();
        // The catalog's global consumer otherwise waits 500 ms at the end of every partition it restores. It
        // keeps this setting once running, though, and at 10 ms its empty fetches (100/s per instance) took a
        // share of the brokers' CPU that starved the transactions under chaos; 100 ms costs a start at most
        // 100 ms per catalog partition. A passed-through setting still wins.
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
        // The same for the restore consumer: a changelog partition added while a fetch to its broker waits at the
        // end of the partitions already caught up is fetched only when that fetch returns, so a restart's
        // restore went on in 500 ms steps (chaos runs' logs: 1.2 s for six tasks of ~350 records each).
        props.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
        RecoverySettings.from(settings.config()).addTo(props);
        // A task reads several topics (commands, misplaced commands, the other service's events), mostly with
        // all but one empty. Kafka Streams' default (0) then checks every empty one's fetch lag before each record
        // and formats its log lines whether or not they are logged: 8 % of cart-stream's stream thread in a
        // profile. -1 processes what is fetched; what it gives up is waiting for a lagging topic in order to
        // interleave topics by timestamp, which no decision here relies on: a cart's or an order's commands come
        // in order on one partition, and the other service's events arrive whenever that service emits them.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, ServiceSettings.numStreamThreads(settings.config()));
        long rocksDbBytes = ServiceSettings.rocksDbMemoryBytes(settings.config());
        if (rocksDbBytes > 0) {
            props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
            props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, rocksDbBytes);
        }
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

    private void start() {
        try {
            http.start(settings.httpHost(), settings.httpPort(), settings.httpThreads());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.httpHost() + ":" + settings.httpPort(), e);
        }
        LOG.info("{} listening on {}://{}:{} (advertised as {}:{}, {}), Kafka at {}", settings.serviceName(),
                tls.scheme(), settings.httpHost(), http.port(), settings.applicationServer().host(),
                settings.applicationServer().port(), settings.httpAuth(), settings.bootstrapServers());
        watch.start();
        Set<String> missing = context.kafka().missingTopics(topics, TOPIC_CHECK_TIMEOUT);
        if (missing.isEmpty()) {
            startStreams();
            return;
        }
        // Kafka Streams started without its catalog topic fails its global thread for good, and one started
        // without a command topic fails its stream threads: wait, not ready (/ready names the topics), instead.
        LOG.warn("{} waits for missing topics before it starts processing: {}", settings.serviceName(), missing);
        Thread waiter = new Thread(this::startStreamsOnceTopicsExist, settings.serviceName() + "-await-topics");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void startStreamsOnceTopicsExist() {
        try {
            // start() has just found topics missing: wait before each further look.
            do {
                Thread.sleep(TOPIC_RECHECK.toMillis());
            } while (stopped.getCount() > 0 && !context.kafka().missingTopics(topics, TOPIC_CHECK_TIMEOUT).isEmpty());
            synchronized (this) {
                if (stopped.getCount() > 0) {
                    LOG.info("{}: every topic it needs exists now; starting", settings.serviceName());
                    startStreams();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The topics went away again in between; the instance stays not ready and STALL_EXIT_MS applies.
            if (stopped.getCount() > 0) {
                LOG.error("{} could not start processing", settings.serviceName(), e);
            }
        }
    }

    private void startStreams() {
        discardStateFromBeforeARebuild();
        discardStateOfRecreatedCatalogs();
        streams.start();
    }

    /** See {@link CatalogTopicIds}: also a catalog topic recreated while the instance was down. */
    private void discardStateOfRecreatedCatalogs() {
        Path file = CatalogTopicIds.file(Path.of(settings.stateDir()), settings.applicationId());
        java.util.Map<String, org.apache.kafka.common.Uuid> builtFrom = CatalogTopicIds.read(file);
        java.util.Map<String, org.apache.kafka.common.Uuid> now = context.kafka().topicIds(catalogs, TOPIC_CHECK_TIMEOUT);
        Set<String> recreated = CatalogTopicIds.recreated(builtFrom, now);
        if (!recreated.isEmpty()) {
            LOG.warn("{}: catalog topics {} were deleted and created again since the local state was built from "
                    + "them: discarding it", settings.serviceName(), recreated);
            streams.cleanUp();
            builtFrom.clear();
        }
        // Ids the cluster did not tell now stay as recorded; the watch learns them on its next look.
        builtFrom.putAll(now);
        CatalogTopicIds.write(file, builtFrom);
        watch.catalogBuiltFrom(builtFrom);
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

    public ServiceSettings settings() {
        return settings;
    }

    public Topology topology() {
        return topology;
    }

    /** {@code http} or {@code https}: how this instance's port is called. */
    public String httpScheme() {
        return tls.scheme();
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
            watch.close();
            boolean clean = streams.close(CloseOptions
                    .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(settings.shutdownTimeout()));
            closeContext(context);
            LOG.info("{} stopped{}", settings.serviceName(), clean ? "" : " (streams did not close in time)");
            stopped.countDown();
        }
    }

    private static void closeContext(ServiceContext context) {
        context.waiters().close();
        context.metrics().close();
        context.kafka().close();
        context.tracing().close();
    }
}
