package io.shopstreams.service;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration from environment variables, an optional properties file and defaults (CONTRACT section 6). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServiceConfigTest {
    private static final String SERVICE = "test-service";

    @TempDir
    Path dir;

    private static ServiceConfig load(Map<String, String> env) {
        return ServiceConfig.load(SERVICE, env, ServiceSettings.defaults(SERVICE, 7070));
    }

    private static ServiceSettings settings(Map<String, String> env) {
        return ServiceSettings.from(load(env));
    }

    private Map<String, String> withFile(String contents, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("service.properties"), contents);
        Map<String, String> all = new HashMap<>(env);
        all.put(ServiceConfig.CONFIG_FILE, file.toString());
        return all;
    }

    @Nested
    class Defaults {

        @Test
        void are_sane_without_any_environment() {
            ServiceSettings settings = settings(Map.of());

            assertThat(settings.serviceName()).isEqualTo(SERVICE);
            assertThat(settings.applicationId()).isEqualTo(SERVICE);
            assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
            assertThat(settings.httpHost()).isEqualTo("127.0.0.1");
            assertThat(settings.httpPort()).isEqualTo(7070);
            assertThat(settings.applicationServer()).isEqualTo(new HostInfo("127.0.0.1", 7070));
            assertThat(settings.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
            assertThat(settings.numStandbyReplicas()).isZero();
            assertThat(settings.maxBodyBytes()).isEqualTo(64 * 1024);
            assertThat(settings.forwardTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.stateDir()).contains(SERVICE);
            assertThat(settings.kafkaProperties()).isEmpty();
        }

        @Test
        void give_way_to_the_environment() {
            ServiceSettings settings = settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
                    "HTTP_PORT", "8080", "PROCESSING_GUARANTEE", StreamsConfig.AT_LEAST_ONCE,
                    "NUM_STANDBY_REPLICAS", "1", "STATE_DIR", "/var/lib/cart"));

            assertThat(settings.bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
            assertThat(settings.httpPort()).isEqualTo(8080);
            assertThat(settings.processingGuarantee()).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
            assertThat(settings.numStandbyReplicas()).isEqualTo(1);
            assertThat(settings.stateDir()).isEqualTo("/var/lib/cart");
            assertThat(settings.kafkaProperties()).as("KAFKA_BOOTSTRAP_SERVERS is a setting").isEmpty();
        }

        @Test
        void ignore_environment_variables_that_are_not_settings() {
            ServiceConfig config = load(Map.of("PATH", "/usr/bin", "HOME", "/root"));

            assertThat(config.kafkaProperties()).isEmpty();
            assertThatThrownBy(() -> config.string("PATH")).isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageContaining("PATH");
        }
    }

    @Nested
    class Kafka_client_properties {

        @Test
        void pass_through_from_kafka_environment_variables() {
            ServiceConfig config = load(Map.of("KAFKA_SASL_MECHANISM", "PLAIN",
                    "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/truststore.jks"));

            assertThat(config.kafkaProperties()).containsOnly(
                    Map.entry("sasl.mechanism", "PLAIN"),
                    Map.entry("security.protocol", "SASL_SSL"),
                    Map.entry("ssl.truststore.location", "/etc/truststore.jks"));
        }

        @Test
        void pass_through_from_file_keys_that_are_not_settings() throws IOException {
            ServiceConfig config = load(withFile("sasl.mechanism=SCRAM-SHA-512\nbootstrap.servers=file-broker:9092\n",
                    Map.of()));

            assertThat(config.kafkaProperties()).containsOnly(Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
            assertThat(config.string("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("file-broker:9092");
        }

        @Test
        void from_the_environment_win_over_the_file() throws IOException {
            ServiceConfig config = load(withFile("sasl.mechanism=PLAIN\nbootstrap.servers=file-broker:9092\n",
                    Map.of("KAFKA_SASL_MECHANISM", "SCRAM-SHA-256", "KAFKA_BOOTSTRAP_SERVERS", "env-broker:9092")));

            assertThat(config.kafkaProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-256");
            assertThat(config.string("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("env-broker:9092");
        }
    }

    @Nested
    class A_config_file {

        @Test
        void names_settings_by_property_name() throws IOException {
            ServiceSettings settings = settings(withFile("http.port=9000\nnum.standby.replicas=2\n", Map.of()));

            assertThat(settings.httpPort()).isEqualTo(9000);
            assertThat(settings.numStandbyReplicas()).isEqualTo(2);
            assertThat(settings.kafkaProperties()).isEmpty();
        }

        @Test
        void names_settings_by_environment_name() throws IOException {
            ServiceSettings settings = settings(withFile("HTTP_PORT=9001\nAPPLICATION_ID=cart-blue\n", Map.of()));

            assertThat(settings.httpPort()).isEqualTo(9001);
            assertThat(settings.applicationId()).isEqualTo("cart-blue");
        }

        @Test
        void is_overridden_by_the_environment() throws IOException {
            ServiceSettings settings = settings(withFile("http.port=9000\nHTTP_HOST=0.0.0.0\n",
                    Map.of("HTTP_PORT", "9100")));

            assertThat(settings.httpPort()).isEqualTo(9100);
            assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
        }

        @Test
        void that_cannot_be_read_fails_naming_it() {
            Path missing = dir.resolve("missing.properties");

            assertThatThrownBy(() -> load(Map.of(ServiceConfig.CONFIG_FILE, missing.toString())))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageContaining(ServiceConfig.CONFIG_FILE)
                    .hasMessageContaining(missing.toString());
        }
    }

    @Nested
    class An_invalid_value {

        @ParameterizedTest(name = "{0}={1}")
        @CsvSource({
                "HTTP_PORT, abc, must be an integer",
                "HTTP_PORT, 70000, must be within 0..65535",
                "HTTP_PORT, -1, must be within 0..65535",
                "NUM_STANDBY_REPLICAS, 1.5, must be an integer",
                "HTTP_THREADS, 0, must be within 1..1024",
                "FORWARD_TIMEOUT_MS, 10, must be within 100..600000",
                "PROCESSING_GUARANTEE, exactly_once, must be one of exactly_once_v2, at_least_once",
                "APPLICATION_SERVER, no-port-here, must be host:port",
                "KAFKA_BOOTSTRAP_SERVERS, '  ', must not be empty"
        })
        void fails_with_one_line_naming_the_setting(String name, String value, String why) {
            assertThatThrownBy(() -> settings(Map.of(name, value)))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageStartingWith(name)
                    .hasMessageContaining(why)
                    .hasMessageNotContaining("\n")
                    .hasNoCause();
        }

        @Test
        void in_a_file_fails_the_same_way() throws IOException {
            assertThatThrownBy(() -> settings(withFile("http.port=eighty\n", Map.of())))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessage("HTTP_PORT must be an integer, got \"eighty\"");
        }
    }

    @Nested
    class The_application_server {

        @Test
        void is_parsed_from_host_and_port() {
            ServiceSettings settings = settings(Map.of("APPLICATION_SERVER", "cart-2.internal:7171"));

            assertThat(settings.applicationServer()).isEqualTo(new HostInfo("cart-2.internal", 7171));
        }

        @Test
        void defaults_to_the_http_host_and_port() {
            ServiceSettings settings = settings(Map.of("HTTP_HOST", "10.0.0.5", "HTTP_PORT", "7200"));

            assertThat(settings.applicationServer()).isEqualTo(new HostInfo("10.0.0.5", 7200));
        }

        @Test
        void is_localhost_when_listening_on_every_interface() {
            ServiceSettings settings = settings(Map.of("HTTP_HOST", "0.0.0.0"));

            assertThat(settings.applicationServer()).isEqualTo(new HostInfo("localhost", 7070));
        }

        @Test
        void is_required_with_a_random_http_port() {
            assertThatThrownBy(() -> settings(Map.of("HTTP_PORT", "0")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessage("APPLICATION_SERVER is required when HTTP_PORT is 0");

            assertThat(settings(Map.of("HTTP_PORT", "0", "APPLICATION_SERVER", "localhost:7300")).httpPort())
                    .isZero();
        }
    }
}
