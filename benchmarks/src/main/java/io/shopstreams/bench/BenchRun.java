package io.shopstreams.bench;

import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.EmbeddedKafkaCluster;
import io.shopstreams.service.BoundedWait;
import io.shopstreams.service.http.QueryRouter;
import io.shopstreams.topics.ApplyOptions;
import io.shopstreams.topics.TopicApplier;
import io.shopstreams.topics.TopicDeclarations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One benchmark run: one broker in its own process, the cart commands loaded once into {@code cart-commands},
 * then each application in turn in its own process draining that same topic from the start: the skeleton and
 * Kafka Streams' count (the baselines), then cart-stream as a user starts it. Every figure is a ratio to a
 * baseline of the same run; CPU and memory per process come from the operating system.
 */
final class BenchRun {
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final String TXN_COPY = "bench-transactional-copy";
    private static final int WARM_UP_SECONDS = 10;
    private static final int QUERY_CLIENTS = 8;
    private static final int QUERY_CARTS = 1_000;
    /** Long polls per second per kind (cart changes, checkouts) in the open loop: a sample, not extra load. */
    private static final int VISIBILITY_WATCHES_PER_SECOND = 20;

    private final BenchOptions options;
    private final Consumer<String> progress;
    private final Map<String, Integer> profiledStarts = new HashMap<>();

    BenchRun(BenchOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    BenchReport run() throws Exception {
        BenchReport report = new BenchReport();
        CartCommandMix mix = new CartCommandMix(options.seed(), options.commands(), options.carts());
        report.setup("commands", options.commands() + " cart commands (" + mix.resends() + " exact re-sends) over "
                + options.carts() + " carts, Zipf-skewed, seed " + options.seed());
        report.setup("processes", "1 broker, each application, this load generator: separate JVMs "
                + String.join(" ", ChildJvm.JVM_OPTIONS));
        report.setup("cores", Runtime.getRuntime().availableProcessors());
        if (!options.serviceEnv().isEmpty()) {
            report.setup("service settings", new java.util.TreeMap<>(options.serviceEnv()).toString());
        }
        if (!options.brokerConfig().isEmpty()) {
            report.setup("broker settings", new java.util.TreeMap<>(options.brokerConfig()).toString());
        }
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().nodes(1).brokerProperties(options.brokerConfig())
                .mode(EmbeddedKafkaCluster.Mode.CHILD_PROCESSES).dataDir(options.workDir().resolve("kafka")).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ProcessHandle broker = kafka.nodeProcess(0).orElseThrow();
            String bootstrap = kafka.bootstrapServers();
            new TopicApplier(admin).apply(TopicDeclarations.load("dev"), ApplyOptions.defaults());
            int partitions = CommittedLog.partitions(admin, Topics.CART_COMMANDS.name());
            report.setup("partitions", partitions + " per topic, replication factor 1");
            admin.createTopics(List.of(new NewTopic(TXN_COPY, partitions, (short) 1),
                    new NewTopic("bench-count-out", partitions, (short) 1),
                    new NewTopic("bench-skeleton-out", partitions, (short) 1))).all().get();

            loadCatalogAndCommands(bootstrap, mix, report);
            transactionalProducer(bootstrap, mix, report);
            Map<String, Drain.Result> drained = new HashMap<>();
            for (String baseline : List.of("skeleton", "count")) {
                drained.put(baseline, drain(admin, broker, baseline, "bench-" + baseline, mix, report,
                        () -> ChildJvm.start(baseline, BaselineApps.class.getName(), List.of(baseline, bootstrap,
                                "bench-" + baseline, Topics.CART_COMMANDS.name(), "bench-" + baseline + "-out",
                                options.workDir().resolve(baseline + "-state").toString()), Map.of(),
                                options.workDir().resolve(baseline + ".log"), profile(baseline))));
            }
            int port = freePort();
            Starter cartStream = () -> ChildJvm.start("cart-stream", "io.shopstreams.cart.CartService", List.of(),
                    options.serviceEnvironment(bootstrap, port, "cart-state", Map.of()),
                    options.workDir().resolve("cart-stream.log"), profile("cart-stream"));
            Drain.Result cart = drain(admin, broker, "cart-stream", "cart-stream", mix, report, cartStream);
            long events = CommittedLog.count(bootstrap, Topics.CART_EVENTS.name());
            if (events != mix.outcomes()) {
                throw new IllegalStateException("cart-events holds " + events + " events; the commands yield "
                        + mix.outcomes());
            }
            report.setup("cart events", events + " committed, one per command that is not a re-send, as expected");
            int orderPort = freePort();
            Starter orderStream = () -> ChildJvm.start("order-stream", "io.shopstreams.order.OrderService",
                    List.of(), options.serviceEnvironment(bootstrap, orderPort, "order-state", Map.of()),
                    options.workDir().resolve("order-stream.log"), profile("order-stream"));
            double orderReads = new SagaRun(bootstrap, admin, broker, orderStream, progress)
                    .run(drained.get("count").recordsPerSecond(), report);
            report.row("cart-stream, cart commands decided (exactly_once_v2)", cart.recordsPerSecond(),
                    "commands/s", "Kafka Streams count", drained.get("count").recordsPerSecond());
            report.row("cart-stream, cart commands decided (exactly_once_v2)", cart.recordsPerSecond(),
                    "commands/s", "skeleton", drained.get("skeleton").recordsPerSecond());
            // In the open loop both services run on the same cores, each cart event costing cart-stream its
            // decision and order-stream its read: the pair holds what the two drains allow one after the other.
            double together = 1 / (1 / cart.recordsPerSecond() + 1 / orderReads);
            report.setup("open-loop maximum", String.format(java.util.Locale.ROOT, "%.0f commands/s = 1 / (1 / %.0f"
                    + " cart-stream + 1 / %.0f order-stream reading cart-events): both services share the cores",
                    together, cart.recordsPerSecond(), orderReads));
            latencyAndQueries(admin, bootstrap, port, cartStream, orderPort, orderStream, together, mix, report);
            if (options.scaleCarts() > 0) {
                new ScaleRun(options, progress).run(options.scaleCarts(), report);
            }
        }
        return report;
    }

    /**
     * Open loop at 25, 50 and 75 % of the rate both services hold together, on restarted, ready instances; then
     * queries of the carts cart-stream holds against nginx serving the same answers.
     */
    private void latencyAndQueries(Admin admin, String bootstrap, int port, Starter cartStream, int orderPort,
                                   Starter orderStream, double max, CartCommandMix mix, BenchReport report)
            throws Exception {
        try (ChildJvm app = cartStream.start(); ChildJvm orders = orderStream.start()) {
            awaitReady(port, app, Duration.ofMinutes(2));
            awaitReady(orderPort, orders, Duration.ofMinutes(2));
            // A fresh JVM fell ~10 s behind at a quarter of its rate before the JIT caught up: warm it first.
            OpenLoop.run(bootstrap, Topics.CART_COMMANDS.name(), Topics.CART_EVENTS.name(),
                    new CartCommandMix(options.seed() - 1, (int) Math.max(100, max / 2 * warmUpSeconds()),
                            options.carts(), "warm-", "warm-up-cart-", 0), max / 2, Duration.ofSeconds(60), null);
            for (int percent : new int[] {25, 50, 75}) {
                awaitOrderStreamCaughtUp(admin);
                double rate = max * percent / 100;
                int count = (int) Math.max(100, rate * options.latencySeconds());
                CartCommandMix load = new CartCommandMix(options.seed() + percent, count, options.carts(),
                        "l" + percent + "-", "latency-" + percent + "-cart-", 0);
                Visibility visible = new Visibility(load, rate, VISIBILITY_WATCHES_PER_SECOND,
                        "http://127.0.0.1:" + port, "http://127.0.0.1:" + orderPort);
                OpenLoop.Result result = OpenLoop.run(bootstrap, Topics.CART_COMMANDS.name(),
                        Topics.CART_EVENTS.name(), load, rate, Duration.ofSeconds(60), visible);
                if (result.missing() > 0) {
                    throw new IllegalStateException(result.missing() + " events of the open loop at " + percent
                            + " % never came");
                }
                // A watch that failed is a finding to report, not a reason to throw the run away.
                report.row(String.format(java.util.Locale.ROOT, "open loop at %d %% of max: long polls not answered"
                        + " 200 (of %d)", percent, visible.watched()), visible.failed(), "polls");
                if (visible.failed() > 0) {
                    report.setup("failed long polls at " + percent + " %", visible.failures().toString());
                }
                progress.accept(String.format(java.util.Locale.ROOT, "open loop at %.0f/s: p50 %.1f ms, p99 %.1f ms,"
                                + " max %.1f ms; visible in GET: p50 %.1f ms; order visible: p50 %.1f ms", rate,
                        result.micros().getValueAtPercentile(50) / 1000.0,
                        result.micros().getValueAtPercentile(99) / 1000.0, result.micros().getMaxValue() / 1000.0,
                        visible.cartMicros().getValueAtPercentile(50) / 1000.0,
                        visible.orderMicros().getValueAtPercentile(50) / 1000.0));
                String at = String.format(java.util.Locale.ROOT, "open loop at %.0f commands/s (%d %% of max), ",
                        rate, percent);
                percentiles(report, "cart-stream: command sent to event committed, " + at, result.micros());
                percentiles(report, "cart-stream: command sent to change visible in GET /carts/{id}, " + at,
                        visible.cartMicros());
                percentiles(report, "saga: checkout sent to order visible in GET /orders/{id}, " + at,
                        visible.orderMicros());
            }
            QueryLoad.Result local = queries(port, mix, report);
            forwardedQueries(bootstrap, port, mix, local, report);
        }
    }

    /**
     * A second instance joins; GETs sent to it for the carts the first one owns are forwarded there, one HTTP
     * hop more than the first instance answering itself (measured just before, same client, same carts).
     */
    private void forwardedQueries(String bootstrap, int ownerPort, CartCommandMix mix, QueryLoad.Result local,
                                  BenchReport report) throws Exception {
        int port = freePort();
        String owner = "127.0.0.1:" + ownerPort;
        try (ChildJvm second = ChildJvm.start("cart-stream-2", "io.shopstreams.cart.CartService", List.of(),
                options.serviceEnvironment(bootstrap, port, "cart-state-2", Map.of()),
                options.workDir().resolve("cart-stream-2.log"), profile("cart-stream-forwarder"))) {
            awaitReady(port, second, Duration.ofMinutes(2));
            awaitReady(ownerPort, second, Duration.ofMinutes(2));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            List<String> forwarded = new ArrayList<>();
            for (String id : queryCarts(mix)) {
                String url = "http://127.0.0.1:" + port + "/carts/" + id;
                java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build();
                // Right after the join the group may still move tasks: wait for a settled answer.
                String[] servedBy = {null};
                boolean answered = BoundedWait.within(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
                    try {
                        var response = http.send(get, java.net.http.HttpResponse.BodyHandlers.discarding());
                        servedBy[0] = response.headers().firstValue(QueryRouter.SERVED_BY_HEADER).orElse(null);
                        return response.statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
                if (!answered) {
                    throw new IllegalStateException(url + " was not answered 200 within 60 s");
                }
                if (owner.equals(servedBy[0])) {
                    forwarded.add(url);
                }
            }
            if (forwarded.isEmpty()) {
                throw new IllegalStateException("the second instance forwarded none of the carts to " + owner);
            }
            QueryLoad.Result result = QueryLoad.run(forwarded, QUERY_CLIENTS,
                    Duration.ofSeconds(options.latencySeconds()));
            progress.accept(String.format(java.util.Locale.ROOT, "forwarded queries: %.0f/s, p50 %.2f ms, p99 %.2f ms,"
                    + " %d errors", result.perSecond(), result.p50Micros() / 1000.0, result.p99Micros() / 1000.0,
                    result.errors()));
            if (result.errors() > 0) {
                throw new IllegalStateException(result.errors() + " forwarded queries of existing carts failed");
            }
            String what = "GET /carts/{id} forwarded by a second instance to the owner, " + QUERY_CLIENTS
                    + " clients, " + forwarded.size() + " carts";
            report.row(what, result.perSecond(), "requests/s", "the owner answering itself", local.perSecond());
            report.row(what + ", p50", result.p50Micros() / 1000.0, "ms", "the owner answering itself",
                    local.p50Micros() / 1000.0);
            report.row(what + ", p99", result.p99Micros() / 1000.0, "ms", "the owner answering itself",
                    local.p99Micros() / 1000.0);
        }
    }

    private static java.util.Set<String> queryCarts(CartCommandMix mix) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (CartCommandMix.Command command : mix.commands()) {
            if (ids.size() < QUERY_CARTS) {
                ids.add(command.cartId());
            }
        }
        return ids;
    }

    /**
     * Closed loop, {@value #QUERY_CLIENTS} clients: {@code GET /carts/{id}} of carts the instance holds, then
     * the same bodies as static files from nginx, with the same client in the same run.
     */
    private QueryLoad.Result queries(int port, CartCommandMix mix, BenchReport report) throws Exception {
        java.util.Set<String> ids = queryCarts(mix);
        Path root = options.workDir().resolve("nginx-root");
        java.nio.file.Files.createDirectories(root.resolve("carts"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<String> ours = new ArrayList<>();
        List<String> files = new ArrayList<>();
        int nginxPort = freePort();
        for (String id : ids) {
            String url = "http://127.0.0.1:" + port + "/carts/" + id;
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            java.nio.file.Files.write(root.resolve("carts").resolve(id), response.body());
            ours.add(url);
            files.add("http://127.0.0.1:" + nginxPort + "/carts/" + id);
        }
        Duration length = Duration.ofSeconds(options.latencySeconds());
        QueryLoad.Result service = QueryLoad.run(ours, QUERY_CLIENTS, length);
        String what = "GET /carts/{id}, " + QUERY_CLIENTS + " clients, " + ids.size() + " carts, one instance";
        progress.accept(String.format(java.util.Locale.ROOT, "queries: %.0f/s, p50 %.2f ms, p99 %.2f ms, %d errors",
                service.perSecond(), service.p50Micros() / 1000.0, service.p99Micros() / 1000.0, service.errors()));
        if (service.errors() > 0) {
            throw new IllegalStateException(service.errors() + " queries of existing carts failed");
        }
        java.util.Optional<Path> nginx = Nginx.binary(progress);
        if (nginx.isEmpty()) {
            report.setup("query baseline", "nginx is not installed (run as root to let the benchmark install it)");
            report.row(what, service.perSecond(), "requests/s");
            return service;
        }
        QueryLoad.Result baseline;
        try (Nginx server = Nginx.serve(nginx.get(), root, nginxPort, options.workDir().resolve("nginx"))) {
            awaitListening(nginxPort);
            baseline = QueryLoad.run(files, QUERY_CLIENTS, length);
        }
        progress.accept(String.format(java.util.Locale.ROOT, "nginx: %.0f/s, p50 %.2f ms, p99 %.2f ms, %d errors",
                baseline.perSecond(), baseline.p50Micros() / 1000.0, baseline.p99Micros() / 1000.0, baseline.errors()));
        if (baseline.errors() > 0) {
            throw new IllegalStateException("nginx answered " + baseline.errors() + " requests with an error; see "
                    + options.workDir().resolve("nginx"));
        }
        report.row(what, service.perSecond(), "requests/s", "nginx, the same JSON as files", baseline.perSecond());
        report.row(what + ", p50", service.p50Micros() / 1000.0, "ms", "nginx", baseline.p50Micros() / 1000.0);
        report.row(what + ", p99", service.p99Micros() / 1000.0, "ms", "nginx", baseline.p99Micros() / 1000.0);
        return service;
    }

    /**
     * The open loop waits for cart-stream's events, not for order-stream reading them: without this, order-stream's
     * backlog from the rate before (or the warm-up) takes the shared cores from the next rate's first seconds.
     */
    private static void awaitOrderStreamCaughtUp(Admin admin) throws Exception {
        String topic = Topics.CART_EVENTS.name();
        long end = CommittedLog.endOffsets(admin, topic);
        int partitions = CommittedLog.partitions(admin, topic);
        // A committed offset may stop short of each partition's last commit marker.
        if (!BoundedWait.within(DRAIN_TIMEOUT, Duration.ofMillis(200),
                () -> {
                    try {
                        return Drain.committed(admin, "order-stream", topic) >= end - partitions;
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("cannot read order-stream's offsets", e.getCause());
                    }
                })) {
            throw new IllegalStateException("order-stream did not catch up on " + topic + " within " + DRAIN_TIMEOUT);
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        boolean listening = BoundedWait.within(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        if (!listening) {
            throw new IllegalStateException("nginx is not listening on " + port + " after 20 s");
        }
    }

    static void awaitReady(int port, ChildJvm app, Duration timeout) throws InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/ready")).timeout(Duration.ofSeconds(2)).build();
        boolean isReady = BoundedWait.within(timeout, Duration.ofMillis(200), () -> {
            if (!app.isAlive()) {
                throw new IllegalStateException(app + " exited before it was ready");
            }
            try {
                return http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        if (!isReady) {
            throw new IllegalStateException(app + " not ready within " + timeout);
        }
    }

    private void loadCatalogAndCommands(String bootstrap, CartCommandMix mix, BenchReport report) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            Sends<String, byte[]> sends = new Sends<>(producer);
            CartCommandMix.loadCatalog(sends);
            long start = System.nanoTime();
            for (CartCommandMix.Command command : mix.commands()) {
                sends.send(new ProducerRecord<>(Topics.CART_COMMANDS.name(), command.cartId(), command.value()));
            }
            sends.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            report.row("load: idempotent producer, acks=all", mix.commands().size() / seconds, "records/s");
            progress.accept(String.format("loaded %d commands in %.1f s", mix.commands().size(), seconds));
        }
    }

    /** The ceiling of any exactly-once writer here: the same records, in transactions of 100 ms as Streams commits. */
    private void transactionalProducer(String bootstrap, CartCommandMix mix, BenchReport report) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-transactional-producer");
        // Kafka Streams' own producer default.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 100);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            long start = System.nanoTime();
            long transactionStart = start;
            producer.beginTransaction();
            for (CartCommandMix.Command command : mix.commands()) {
                producer.send(new ProducerRecord<>(TXN_COPY, command.cartId(), command.value()));
                if (System.nanoTime() - transactionStart > 100_000_000L) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                    transactionStart = System.nanoTime();
                }
            }
            producer.commitTransaction();
            double seconds = (System.nanoTime() - start) / 1e9;
            report.row("transactional producer, same records", mix.commands().size() / seconds, "records/s");
            progress.accept(String.format("transactional producer: %d records in %.1f s", mix.commands().size(),
                    seconds));
        }
    }

    private static void percentiles(BenchReport report, String what, org.HdrHistogram.Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return;
        }
        for (double percentile : new double[] {50, 99, 99.9}) {
            report.row(what + "p" + (percentile == 99.9 ? "99.9" : Integer.toString((int) percentile)),
                    micros.getValueAtPercentile(percentile) / 1000.0, "ms");
        }
        report.row(what + "max", micros.getMaxValue() / 1000.0, "ms");
    }

    /** 10 s, shorter only for runs whose rates last less than 5 s (CI's). */
    private int warmUpSeconds() {
        return Math.min(WARM_UP_SECONDS, Math.max(2, 2 * options.latencySeconds()));
    }

    /**
     * With {@code --profile}: a JFR recording of the whole process, written when it stops; a process started
     * again (order-stream: checkouts, order commands, open loop) writes {@code name-2.jfr}, {@code name-3.jfr}.
     */
    private List<String> profile(String name) {
        int start = profiledStarts.merge(name, 1, Integer::sum);
        String file = start == 1 ? name + ".jfr" : name + "-" + start + ".jfr";
        return options.recording(options.workDir().resolve(file));
    }

    interface Starter {
        ChildJvm start();
    }

    private Drain.Result drain(Admin admin, ProcessHandle broker, String name, String group, CartCommandMix mix,
                               BenchReport report, Starter starter) throws Exception {
        return drain(admin, broker, name, group, new Drain.Target(Topics.CART_COMMANDS.name(), mix.commands().size(),
                0), report, starter, progress);
    }

    /**
     * Starts an application, waits until its group committed {@code target}, stops it; reports its rate, its
     * CPU and the broker's per 1,000 records, and its peak RSS.
     */
    static Drain.Result drain(Admin admin, ProcessHandle broker, String name, String group, Drain.Target target,
                              BenchReport report, Starter starter, Consumer<String> progress) throws Exception {
        return drain(admin, broker, name, group, target, report, starter, progress, () -> true);
    }

    /**
     * @param finished what must also hold before the application is stopped: its input committed is not always
     *                 its output done (a repartition topic in between)
     */
    static Drain.Result drain(Admin admin, ProcessHandle broker, String name, String group, Drain.Target target,
                              BenchReport report, Starter starter, Consumer<String> progress,
                              BoundedWait.Condition finished) throws Exception {
        try (ChildJvm app = starter.start()) {
            return drain(admin, broker, name, group, target, report, app, progress, finished);
        }
    }

    /**
     * As above, by an application already running ({@code app}, left running): its CPU is counted from this call
     * on, its peak RSS is that of its whole life.
     */
    static Drain.Result drain(Admin admin, ProcessHandle broker, String name, String group, Drain.Target target,
                              BenchReport report, ChildJvm app, Consumer<String> progress,
                              BoundedWait.Condition finished) throws Exception {
        double brokerCpu = ChildJvm.cpuSeconds(broker);
        double appCpuBefore = ChildJvm.cpuSeconds(app.handle());
        long start = System.nanoTime();
        progress.accept("draining " + target.topic() + " with " + app);
        Drain.Result result = Drain.await(admin, group, target, start, DRAIN_TIMEOUT, app::isAlive,
                () -> ChildJvm.cpuSeconds(app.handle()));
        if (!BoundedWait.within(DRAIN_TIMEOUT, Duration.ofMillis(500), finished)) {
            throw new IllegalStateException(name + ": its input is committed, but its output not done within "
                    + DRAIN_TIMEOUT);
        }
        double appCpu = ChildJvm.cpuSeconds(app.handle()) - appCpuBefore;
        long rss = ChildJvm.peakRssBytes(app.handle());
        double thousands = target.records() / 1000.0;
        progress.accept(String.format("%s: %.0f records/s (10-90 %%), all in %.1f s, %.1f CPU-s, peak RSS %d MiB",
                name, result.recordsPerSecond(), result.totalSeconds(), appCpu, rss >> 20));
        report.row(name + ": records drained (10–90 %)", result.recordsPerSecond(), "records/s");
        report.row(name + ": CPU per 1,000 records, its own process (start included)", appCpu / thousands, "CPU-s");
        report.row(name + ": CPU per 1,000 records, its own process (10–90 %)", result.cpuSecondsPerThousand(),
                "CPU-s");
        report.row(name + ": CPU per 1,000 records, the broker", (ChildJvm.cpuSeconds(broker) - brokerCpu)
                / thousands, "CPU-s");
        report.row(name + ": peak RSS", rss / (1024.0 * 1024.0), "MiB");
        return result;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
