package io.shopstreams.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code shopctl bench}: one broker, the baselines and cart-stream on the same input, each in its own process;
 * prints a Markdown table of figures and ratios and writes it, with the same as JSON and a PNG chart, to the
 * work dir.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures cart-stream against Kafka's own baselines on one broker, in one run.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "a smoke run: 20,000 commands over 5,000 carts")
    boolean quick;

    @Option(names = "--commands", description = "cart commands (default 500,000; 20,000 with --quick)")
    Integer commands;

    @Option(names = "--carts", description = "carts they are spread over (default 50,000; 5,000 with --quick)")
    Integer carts;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the commands (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--latency-seconds", description = "length of each open-loop rate (default 30; 5 with --quick)")
    Integer latencySeconds;

    @Option(names = "--scale-carts", description = "carts of the scale run (default 1,000,000; none with --quick; 0: none)")
    Integer scaleCarts;

    @Option(names = "--profile", description = "record each measured process with JFR (<name>.jfr in the work dir)")
    boolean profile;

    @Option(names = "--service-env", paramLabel = "NAME=VALUE",
            description = "a setting for every service instance the run starts, e.g. NUM_STREAM_THREADS=1 or"
                    + " KAFKA_COMMIT_INTERVAL_MS=1000 (repeatable)")
    Map<String, String> serviceEnv = new LinkedHashMap<>();

    @Option(names = "--broker-config", paramLabel = "NAME=VALUE",
            description = "a property of the run's broker, e.g. add.partitions.to.txn.retry.backoff.max.ms=1000"
                    + " (repeatable)")
    Map<String, String> brokerConfig = new LinkedHashMap<>();

    @Option(names = "--work-dir", description = "broker data, state dirs, logs and the report (default: a new temp dir)")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? workDir : Files.createTempDirectory("shop-bench-");
        BenchOptions defaults = quick ? BenchOptions.quick(dir) : BenchOptions.full(dir);
        BenchOptions options = new BenchOptions(commands != null ? commands : defaults.commands(),
                carts != null ? carts : defaults.carts(), seed, dir, profile,
                latencySeconds != null ? latencySeconds : defaults.latencySeconds(),
                scaleCarts != null ? scaleCarts : defaults.scaleCarts(), Map.copyOf(serviceEnv),
                Map.copyOf(brokerConfig));
        BenchReport report = new BenchRun(options, line -> System.out.println("bench: " + line)).run();
        String markdown = report.toMarkdown();
        System.out.print(markdown);
        Files.writeString(dir.resolve("bench.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("bench.json"), report.toJson(), StandardCharsets.UTF_8);
        // No display here, nor on a build server.
        System.setProperty("java.awt.headless", "true");
        BenchChart.write(report, dir.resolve("bench.png"));
        System.out.println("report: " + dir.resolve("bench.md") + ", " + dir.resolve("bench.json") + ", "
                + dir.resolve("bench.png") + "; logs in " + dir);
        return 0;
    }
}
