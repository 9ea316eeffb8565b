package io.shopstreams.chaos;

import io.shopstreams.service.BoundedWait;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One chaos run end to end: cluster, services, load, probe and faults, then the drain and the checks. Every
 * process it starts is stopped before {@link #run()} returns or throws (and by shutdown hooks if the JVM exits).
 */
final class ChaosRun {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    private static final int PARTITIONS = 6;
    private static final Duration READY = Duration.ofMinutes(3);
    private static final Duration DRAIN = Duration.ofMinutes(2);
    /** Kafka Streams' exactly-once transaction timeout is 10 s: a transaction open three times as long hangs. */
    private static final Duration HANGING = Duration.ofSeconds(30);
    private static final Duration RUNBOOK_EVERY = Duration.ofSeconds(10);

    private final ChaosOptions options;
    private final Consumer<String> progress;

    ChaosRun(ChaosOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    ChaosReport run() throws Exception {
        progress.accept("starting " + ShopCluster.BROKERS + " brokers" + (options.settings().dedicatedControllers()
                ? " and " + ShopCluster.CONTROLLERS + " controllers" : " (also the controllers)") + " in "
                + options.workDir());
        try (ShopCluster cluster = ShopCluster.start(options.workDir().resolve("kafka"), options.settings())) {
            cluster.prepare(Catalog.PRODUCTS);
            Map<String, ServiceInstance> instances = instances(cluster);
            try {
                return withServices(cluster, instances);
            } finally {
                instances.values().forEach(ServiceInstance::kill);
            }
        } finally {
            ChildProcesses.killAll();
        }
    }

    private Map<String, ServiceInstance> instances(ShopCluster cluster) throws InterruptedException {
        Map<String, ServiceInstance> instances = new LinkedHashMap<>();
        ClassDataSharing classData = new ClassDataSharing(options.workDir().resolve("class-data"));
        for (String name : Fault.KILL_ORDER) {
            Service service = name.startsWith("cart") ? Service.CART : Service.ORDER;
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", name.equals(Fault.PARTITIONED) ? cluster.proxiedBootstrapServers()
                    : cluster.bootstrapServers());
            env.put("NUM_STANDBY_REPLICAS", "1");
            // Changelogs and repartitions as durable as the production profile (deploy/overlays/production).
            env.put("KAFKA_REPLICATION_FACTOR", Integer.toString(ShopCluster.BROKERS));
            env.put("KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2");
            env.put("SESSION_TIMEOUT_MS", Long.toString(options.settings().sessionTimeout().toMillis()));
            if (service == Service.ORDER) {
                env.put("ORDER_MAX_TOTAL_CENTS", Long.toString(Catalog.MAX_ORDER_TOTAL_CENTS));
            }
            env.putAll(options.settings().serviceEnv());
            boolean firstOfItsService = instances.values().stream().noneMatch(other -> other.service() == service);
            instances.put(name, new ServiceInstance(name, service, ShopCluster.freePort(),
                    options.workDir().resolve(name), env, classData, firstOfItsService));
        }
        instances.values().forEach(ServiceInstance::start);
        for (ServiceInstance instance : instances.values()) {
            if (instance.awaitReady(READY).isEmpty()) {
                throw new IllegalStateException(instance + " not ready within " + READY + "; see " + instance.logFile());
            }
        }
        progress.accept("4 service instances ready: " + instances.keySet());
        // Before the load, so that it takes nothing from the run; restarts are what it is for.
        Thread cartArchive = new Thread(() -> dumpQuietly(classData, Service.CART), "class-data-cart");
        cartArchive.start();
        dumpQuietly(classData, Service.ORDER);
        cartArchive.join();
        progress.accept("class data archives written for the restarts");
        return instances;
    }

    private static void dumpQuietly(ClassDataSharing classData, Service service) {
        try {
            classData.dump(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ChaosReport withServices(ShopCluster cluster, Map<String, ServiceInstance> instances) throws Exception {
        SentLog sent = new SentLog();
        try (EventLog log = new EventLog(cluster.bootstrapServers(), PARTITIONS);
             StallMeter stalls = new StallMeter(sent, log.timeline());
             QueryProbe probe = new QueryProbe(log, new ArrayList<>(instances.values()), options.seed());
             LoadDriver load = new LoadDriver(cluster.bootstrapServers(),
                     new LoadPlan(options.seed(), options.carts(), 3L * options.rate()), sent, options.rate(),
                     options.duration())) {
            log.start();
            stalls.start();
            probe.start();
            FaultInjector faults = new FaultInjector(cluster, instances, options, progress);
            long loadStart = Monotonic.millis();
            load.start();
            faults.start(loadStart);
            Progress.report(progress, options.duration(), loadStart, load, sent, log);
            load.awaitEnd();
            List<FaultInjector.Injected> injected = faults.awaitEnd();
            progress.accept("load done: " + load.produced() + " records; draining");
            List<String> hanging = new ArrayList<>();
            boolean drained;
            try (Admin admin = cluster.admin()) {
                drained = drain(sent, log, () -> abortHanging(admin, hanging));
            }
            progress.accept(drained ? "drained" : "not drained within " + DRAIN + ": checking what is there");
            Map<String, Boolean> digests = Digests.compare(instances.values(), progress);
            return Figures.report(options, load.produced(), sent, log, probe.answers(), injected, digests, stalls,
                    loadStart, PARTITIONS, hanging);
        }
    }

    /**
     * The runbook's step for a restore that does not move: abort the transactions left open on a partition (found
     * after brokers and instances were killed: without it the task whose changelog holds one is never restored).
     * Each abort is reported; a run that needed one is not a clean run.
     */
    private void abortHanging(Admin admin, List<String> aborted) {
        try {
            for (HangingTransactions.Hanging hanging : HangingTransactions.find(admin, HANGING)) {
                progress.accept("hanging transaction, aborting it: " + hanging);
                HangingTransactions.abort(admin, hanging);
                aborted.add(hanging.toString());
            }
        } catch (ExecutionException e) {
            LOG.warn("cannot look for hanging transactions: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Until every acknowledged command has an outcome and the saga has answered, bounded by {@link #DRAIN};
     * {@code runbook} runs every {@link #RUNBOOK_EVERY} meanwhile.
     */
    private boolean drain(SentLog sent, EventLog log, Runnable runbook) throws InterruptedException {
        long[] nextRunbook = {Monotonic.millis() + RUNBOOK_EVERY.toMillis()};
        return BoundedWait.within(DRAIN, Duration.ofMillis(500), () -> {
            if (Monotonic.millis() >= nextRunbook[0]) {
                runbook.run();
                nextRunbook[0] = Monotonic.millis() + RUNBOOK_EVERY.toMillis();
            }
            boolean decided = log.timeline().decided(Service.CART) >= sent.ackedCommands(Service.CART)
                    && log.timeline().decided(Service.ORDER) >= sent.ackedCommands(Service.ORDER);
            boolean lettered = log.deadLetters().size() >= sent.malformed().size();
            LogVerdict verdict = decided && lettered ? LogCheck.check(sent, log) : null;
            return verdict != null && verdict.sagaViolations() == 0;
        });
    }
}
