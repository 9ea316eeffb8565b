package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cart-stream jar as users run it, with {@code LOG_FORMAT=json}: every line on stdout is one JSON object with
 * the time, level, logger, message, service and instance, and a line about a record names the record's topic,
 * partition, offset and the trace of its {@code traceparent}.
 */
@Execution(ExecutionMode.CONCURRENT)
class JsonLogsIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TempDir
    Path dir;

    @Test
    void theServiceWritesOneJsonObjectPerLineAndARecordsLineNamesItsPositionAndTrace() throws Exception {
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers())) {
            int port = ShopFixture.freePort();
            Path out = dir.resolve("stdout.txt");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", serviceJar().toString())
                    .redirectOutput(out.toFile()).redirectError(dir.resolve("stderr.txt").toFile());
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
            builder.environment().put("HTTP_PORT", Integer.toString(port));
            builder.environment().put("STATE_DIR", dir.resolve("state").toString());
            builder.environment().put("INSTANCE_ID", "cart-json-0");
            builder.environment().put("LOG_FORMAT", "json");
            Process service = builder.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/ready")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(shop.clientConfig(),
                        new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>(Topics.CART_COMMANDS.name(), null, "cart-json", "{not json",
                            new RecordHeaders().add("traceparent", ("00-" + TRACE + "-00f067aa0ba902b7-01")
                                    .getBytes(StandardCharsets.UTF_8)))).get();
                }
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Files.readString(out))
                        .as("stderr: %s", Files.readString(dir.resolve("stderr.txt"))).contains("dead letter NOT_JSON"));
            } finally {
                service.destroy();
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            }
            assertThat(service.exitValue()).isZero();

            List<JsonNode> lines = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(out)) {
                assertThat(line).as("a line on stdout").startsWith("{");
                lines.add(json.readTree(line));
            }
            System.out.printf("%d JSON log lines, e.g. %s%n", lines.size(), lines.get(0));
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.isObject()).as(line.toString()).isTrue();
                assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                assertThat(line.path("level").asText()).isIn("INFO", "WARN", "ERROR");
                assertThat(line.path("logger").asText()).isNotEmpty();
                assertThat(line.path("message").asText()).isNotEmpty();
                assertThat(line.path("service").asText()).isEqualTo("cart-stream");
                assertThat(line.path("instance").asText()).isEqualTo("cart-json-0");
            });
            assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText()).startsWith("cart-stream listening on"));
            assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText()).startsWith("cart-stream stopped"));
            JsonNode deadLetter = lines.stream().filter(line -> line.path("message").asText().startsWith("dead letter"))
                    .findFirst().orElseThrow();
            assertThat(deadLetter.path("level").asText()).isEqualTo("WARN");
            assertThat(deadLetter.path("topic").asText()).isEqualTo(Topics.CART_COMMANDS.name());
            assertThat(deadLetter.path("partition").asText()).matches("\\d+");
            assertThat(deadLetter.path("offset").asText()).matches("\\d+");
            assertThat(deadLetter.path("trace_id").asText()).isEqualTo(TRACE);
        }
    }

    /** The shaded jar of cart-stream, packaged before this module's integration tests run. */
    private static Path serviceJar() {
        Path target = Path.of("..", "cart-stream", "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches("cart-stream-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no cart-stream-*-all.jar in " + target.toAbsolutePath()
                            + ": package cart-stream first (mvn verify does)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
