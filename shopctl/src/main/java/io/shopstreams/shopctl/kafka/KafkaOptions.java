package io.shopstreams.shopctl.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.cli.Logging;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to Kafka shares: where Kafka is, how to authenticate, how much to say.
 * Mixed into each such command, so they may follow the subcommand: {@code shopctl tail products --verbose}.
 */
public final class KafkaOptions {
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: bootstrap.servers of --command-config, else "
                    + DEFAULT_BOOTSTRAP_SERVERS + ").")
    private String bootstrapServers;

    /** The singular is what Kafka's own tools call it: accepted too, without cluttering the help. */
    @Option(names = "--bootstrap-server", hidden = true)
    void setBootstrapServer(String servers) {
        this.bootstrapServers = servers;
    }

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties, e.g. security.protocol, sasl.*, ssl.* (as for Kafka's own tools).")
    private Path commandConfig;

    private boolean verbose;

    @Option(names = {"-v", "--verbose"},
            description = "More log output, offsets of produced records, and stack traces of failures.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            Logging.verbose();
        }
    }

    public boolean verbose() {
        return verbose;
    }

    /** The --bootstrap-servers value, when it was given on the command line. */
    public Optional<String> explicitBootstrapServers() {
        return Optional.ofNullable(bootstrapServers);
    }

    public Optional<Path> commandConfig() {
        return Optional.ofNullable(commandConfig);
    }

    /** --bootstrap-servers, else the command config's bootstrap.servers, else {@value #DEFAULT_BOOTSTRAP_SERVERS}. */
    public String bootstrapServers() {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        return fileProperties().getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
    }

    /** The command config's properties with the resolved bootstrap servers: the base of every client's config. */
    public Properties clientProperties() {
        Properties properties = fileProperties();
        properties.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** Selects where Kafka is, for tests and for {@code dev}, which talks to the broker it started. */
    public KafkaOptions withBootstrapServers(String servers) {
        KafkaOptions copy = new KafkaOptions();
        copy.bootstrapServers = servers;
        copy.commandConfig = commandConfig;
        copy.verbose = verbose;
        return copy;
    }

    private Properties fileProperties() {
        Properties properties = new Properties();
        if (commandConfig == null) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(commandConfig)) {
            properties.load(reader);
        } catch (IOException e) {
            throw CliFailure.usage("cannot read --command-config " + commandConfig + ": " + e, e);
        }
        return properties;
    }
}
