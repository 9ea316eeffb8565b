package io.shopstreams.shopctl.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KafkaOptionsTest {

    private static KafkaOptions parse(String... args) {
        KafkaOptions options = new KafkaOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void defaultsToLocalhost() {
        assertThat(parse().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(parse().explicitBootstrapServers()).isEmpty();
    }

    @Test
    void takesBootstrapServersFromTheCommandConfigWhenNotGiven(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"),
                "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SASL_SSL\n");

        KafkaOptions options = parse("--command-config", config.toString());

        assertThat(options.bootstrapServers()).isEqualTo("kafka-1:9093");
        assertThat(options.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void theOptionWinsOverTheCommandConfig(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"), "bootstrap.servers=kafka-1:9093\n");

        KafkaOptions options = parse("--command-config", config.toString(), "--bootstrap-servers", "other:9092");

        assertThat(options.clientProperties()).containsEntry("bootstrap.servers", "other:9092");
    }

    @Test
    void acceptsTheSingularNameKafkasToolsUse() {
        assertThat(parse("--bootstrap-server", "kafka-2:9092").bootstrapServers()).isEqualTo("kafka-2:9092");
    }
}
