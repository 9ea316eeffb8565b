package io.shopstreams.chaos;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Injects the scheduled faults while the load runs, each on its own thread so that a slow restart does not delay
 * the next fault, and measures each target's outage and restart-to-ready.
 */
final class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /** One injected fault, filled in as it unfolds. */
    static final class Injected {
        final Fault fault;
        final long atMillis;
        final long atEpochMillis = System.currentTimeMillis();
        volatile String target;
        volatile long outageMillis;
        volatile long restartToReadyMillis = -1;

        Injected(Fault fault, long atMillis) {
            this.fault = fault;
            this.atMillis = atMillis;
            this.target = fault.target();
        }
    }

    private final ShopCluster cluster;
    private final Map<String, ServiceInstance> instances;
    private final ChaosOptions options;
    private final Consumer<String> progress;
    private final List<Injected> injected = new ArrayList<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaos-fault");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread scheduler = new Thread(this::run, "chaos-faults");
    private volatile long loadStart;

    FaultInjector(ShopCluster cluster, Map<String, ServiceInstance> instances, ChaosOptions options,
                  Consumer<String> progress) {
        this.cluster = cluster;
        this.instances = instances;
        this.options = options;
        this.progress = progress;
    }

    void start(long loadStartMillis) {
        loadStart = loadStartMillis;
        scheduler.start();
    }

    /** Waits until every fault is injected and every target is back, bounded by the restart timeout. */
    List<Injected> awaitEnd() throws InterruptedException {
        scheduler.join();
        workers.shutdown();
        workers.awaitTermination(READY_TIMEOUT.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        synchronized (injected) {
            return List.copyOf(injected);
        }
    }

    private void run() {
        try {
            for (Fault fault : Fault.schedule(options)) {
                long wait = loadStart + fault.at().toMillis() - Monotonic.millis();
                if (wait > 0) {
                    TimeUnit.MILLISECONDS.sleep(wait);
                }
                Injected record = new Injected(fault, Monotonic.millis());
                synchronized (injected) {
                    injected.add(record);
                }
                workers.submit(() -> inject(record));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Void inject(Injected record) throws Exception {
        Fault fault = record.fault;
        if (fault.kind() == Fault.Kind.SERVICE_KILL) {
            ServiceInstance instance = instances.get(fault.target());
            progress.accept("fault: kill -9 " + instance.name());
            instance.kill();
            TimeUnit.MILLISECONDS.sleep(options.restartDelay().toMillis());
            record.outageMillis = Monotonic.millis() - record.atMillis;
            instance.start();
            instance.awaitReady(READY_TIMEOUT).ifPresent(ready -> record.restartToReadyMillis = ready.toMillis());
            progress.accept("recovered: " + instance.name() + " ready " + record.restartToReadyMillis + " ms after its restart");
        } else if (fault.kind() == Fault.Kind.BROKER_KILL) {
            boolean combined = cluster.kafka().controllerIds().isEmpty();
            Map<Integer, Long> led = partitionsLed();
            int node = combined ? activeController() : busiest(led);
            record.target = "broker-" + node + " (" + (combined ? "active controller, " : "") + "leader of "
                    + led.getOrDefault(node, 0L) + " partitions)";
            killAndRestart(record, node, options.brokerDown());
        } else if (fault.kind() == Fault.Kind.CONTROLLER_KILL) {
            int node = activeController();
            record.target = "controller-" + node + " (active controller)";
            killAndRestart(record, node, options.controllerDown());
        } else {
            progress.accept("fault: network partition of " + fault.target() + " from the brokers");
            cluster.partition();
            TimeUnit.MILLISECONDS.sleep(options.partitionFor().toMillis());
            cluster.heal();
            record.outageMillis = Monotonic.millis() - record.atMillis;
            record.restartToReadyMillis = 0;
            progress.accept("healed: partition of " + fault.target() + " after " + record.outageMillis + " ms");
        }
        return null;
    }

    private void killAndRestart(Injected record, int node, Duration down) throws InterruptedException {
        progress.accept("fault: kill -9 " + record.target);
        cluster.kafka().killNode(node);
        TimeUnit.MILLISECONDS.sleep(down.toMillis());
        record.outageMillis = Monotonic.millis() - record.atMillis;
        long restart = Monotonic.millis();
        cluster.kafka().restartNode(node);
        record.restartToReadyMillis = Monotonic.millis() - restart;
        progress.accept("recovered: node " + node + " back after " + record.restartToReadyMillis + " ms");
    }

    /** The broker leading the most partitions (the lowest id of a tie): the loss that stalls the most writers. */
    private static int busiest(Map<Integer, Long> led) {
        return led.entrySet().stream()
                .max(Map.Entry.<Integer, Long>comparingByValue()
                        .thenComparing(Map.Entry.<Integer, Long>comparingByKey().reversed()))
                .map(Map.Entry::getKey).orElse(0);
    }

    private int activeController() throws ExecutionException, InterruptedException {
        try (Admin admin = cluster.admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get().leaderId();
        }
    }

    /** Per broker, how many partitions it leads; empty if the cluster cannot say. */
    private Map<Integer, Long> partitionsLed() {
        try (Admin admin = cluster.admin()) {
            Collection<TopicDescription> topics = admin.describeTopics(admin.listTopics().names().get())
                    .allTopicNames().get().values();
            return topics.stream().flatMap(topic -> topic.partitions().stream())
                    .filter(partition -> partition.leader() != null)
                    .collect(Collectors.groupingBy(partition -> partition.leader().id(), Collectors.counting()));
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("cannot count the partitions each broker leads: {}", e.toString());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }
}
