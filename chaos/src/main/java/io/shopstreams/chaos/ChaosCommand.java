package io.shopstreams.chaos;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code shopctl chaos}: three brokers and two instances of each service on this machine, a steady load, and
 * {@code kill -9}s, a broker loss, a controller loss and a network partition while it runs; then the checks from the topics and the
 * figures. Exit code 0 when nothing was lost or doubled and every dead letter and saga step is there, 1 otherwise.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Runs the services under kill -9, broker and controller loss and a network partition, "
                + "and checks the log.")
public final class ChaosCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "150s", converter = DurationConverter.class,
            description = "how long the load runs, e.g. 150s or 5m (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--rate", defaultValue = "250", description = "records per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the load plan (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--transaction-version", defaultValue = "0",
            description = "the brokers' transaction.version feature: 1, or 2 (KIP-890, Kafka 4's default); "
                    + "0 keeps the release's default (default ${DEFAULT-VALUE})")
    int transactionVersion;

    @Option(names = "--session-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "the services' SESSION_TIMEOUT_MS: how long a killed instance keeps its partitions "
                    + "(default ${DEFAULT-VALUE}, the services' own default)")
    Duration sessionTimeout;

    @Option(names = "--broker-session-timeout", defaultValue = "0s", converter = DurationConverter.class,
            description = "the brokers' broker.session.timeout.ms: how long a dead broker keeps leading its "
                    + "partitions (default ${DEFAULT-VALUE}: Kafka's own, 9 s)")
    Duration brokerSessionTimeout;

    @Option(names = "--service-env", split = ",", paramLabel = "NAME=VALUE",
            description = "further environment of every service instance, e.g. KAFKA_TRANSACTION_TIMEOUT_MS=5000 "
                    + "(repeatable; wins over the harness's own settings)")
    Map<String, String> serviceEnv = new LinkedHashMap<>();

    @Option(names = "--broker-config", split = ",", paramLabel = "NAME=VALUE",
            description = "further properties of every broker (repeatable)")
    Map<String, String> brokerConfig = new LinkedHashMap<>();

    @Option(names = "--combined-controllers",
            description = "run the brokers as the KRaft controllers too (combined mode, Kafka's quick start) instead "
                    + "of three dedicated controllers: the controller's loss is then also a broker's")
    boolean combinedControllers;

    @Option(names = "--kafka-nice", defaultValue = "0",
            description = "run the brokers and controllers at this nice level (e.g. 10), so that on this one machine "
                    + "they yield the CPU to the services as on machines of their own (default ${DEFAULT-VALUE}: none)")
    int kafkaNice;

    @Option(names = "--report", description = "also write the figures as JSON to this file")
    Path report;

    @Option(names = "--work-dir", description = "broker data, state dirs and logs (default: a new temp dir, kept)")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChaosCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (duration.toSeconds() < 60) {
            // 30 s calm at the start and 20 s at the end leave no room for a kill in less.
            throw new CommandLine.ParameterException(new CommandLine(this), "--duration must be at least 60s");
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("shop-chaos-");
        ChaosReport result = new ChaosRun(ChaosOptions.full(duration, rate, seed, dir, new ChaosSettings(
                transactionVersion, sessionTimeout, brokerSessionTimeout, serviceEnv, brokerConfig,
                !combinedControllers, kafkaNice)),
                line -> System.out.println("chaos: " + line)).run();
        System.out.print(result.toText());
        if (report != null) {
            Files.writeString(report, result.toJson(), StandardCharsets.UTF_8);
            System.out.println("report written to " + report);
        }
        System.out.println("logs of every process: " + dir);
        return result.exactlyOnceHolds() ? 0 : 1;
    }

    /** {@code 150s}, {@code 5m}, {@code 90} (seconds) or an ISO-8601 duration. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (text.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                }
                if (text.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
                }
                if (text.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
                }
                if (text.chars().allMatch(Character::isDigit)) {
                    return Duration.ofSeconds(Long.parseLong(text));
                }
                return Duration.parse(value);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 150s, 5m)");
            }
        }
    }
}
