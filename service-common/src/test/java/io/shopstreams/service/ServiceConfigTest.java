package io.shopstreams.service;

import io.shopstreams.kafka.embedded.TestCertificates;
import io.shopstreams.service.http.DevTokenIssuer;
import io.shopstreams.service.http.HttpAuth;
import io.shopstreams.service.stream.BoundedRocksDbMemory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration from environment variables, an optional properties file and defaults (docs/contract.md, section 6). */
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
        void bound_all_rocksdb_stores_to_one_budget_unless_turned_off_or_overridden() {
            Properties bounded = ServiceRuntime.streamsProperties(settings(Map.of()));
            Properties off = ServiceRuntime.streamsProperties(settings(Map.of("ROCKSDB_MEMORY_MB", "0")));
            Properties own = ServiceRuntime.streamsProperties(settings(Map.of(
                    "KAFKA_ROCKSDB_CONFIG_SETTER", "com.example.OwnSetter")));

            assertThat(bounded).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
                    BoundedRocksDbMemory.class).containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 128L << 20);
            assertThat(off).doesNotContainKeys(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
                    BoundedRocksDbMemory.MEMORY_BYTES_CONFIG);
            assertThat(own).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "com.example.OwnSetter");
        }

        @Test
        void fetch_the_catalog_and_the_changelogs_within_100_ms_unless_told_otherwise() {
            Properties byDefault = ServiceRuntime.streamsProperties(settings(Map.of()));
            Properties told = ServiceRuntime.streamsProperties(settings(Map.of(
                    "KAFKA_RESTORE_CONSUMER_FETCH_MAX_WAIT_MS", "500")));

            assertThat(byDefault).containsEntry("global.consumer.fetch.max.wait.ms", 100)
                    .containsEntry("restore.consumer.fetch.max.wait.ms", 100);
            assertThat(told).containsEntry("restore.consumer.fetch.max.wait.ms", "500");
        }

        @Test
        void process_what_is_fetched_without_idling_for_other_topics_unless_told_otherwise() {
            Properties byDefault = ServiceRuntime.streamsProperties(settings(Map.of()));
            Properties told = ServiceRuntime.streamsProperties(settings(Map.of("KAFKA_MAX_TASK_IDLE_MS", "0")));

            assertThat(byDefault).containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
            assertThat(told).containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");
        }

        @Test
        void heartbeat_every_second_so_that_a_restarted_member_waits_at_most_that_long_for_the_others() {
            Properties fast = ServiceRuntime.streamsProperties(settings(Map.of("SESSION_TIMEOUT_MS", "6000")));
            Properties byDefault = ServiceRuntime.streamsProperties(settings(Map.of()));
            Properties told = ServiceRuntime.streamsProperties(settings(Map.of("KAFKA_HEARTBEAT_INTERVAL_MS", "3000")));

            assertThat(fast).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000)
                    .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000);
            assertThat(byDefault).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                    .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000);
            assertThat(told).containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
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
    class Unknown_Kafka_properties {

        @Test
        void fail_at_start_naming_the_property_and_its_variable() {
            assertThatThrownBy(() -> settings(Map.of("KAFKA_SASL_MECHANSIM", "PLAIN")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageStartingWith("unknown Kafka setting sasl.mechansim (from KAFKA_SASL_MECHANSIM)")
                    .hasMessageNotContaining("\n");
        }

        @Test
        void from_a_file_name_the_file() throws IOException {
            Map<String, String> env = withFile("http.prot=9000\n", Map.of());

            assertThatThrownBy(() -> settings(env))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageStartingWith("unknown Kafka setting http.prot (from "
                            + env.get(ServiceConfig.CONFIG_FILE) + ")");
        }

        @Test
        void never_show_their_value() {
            assertThatThrownBy(() -> settings(Map.of("KAFKA_SASL_JAAS_CONFG", "password=\"hunter2\"")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageNotContaining("hunter2");
        }

        @Test
        void pass_through_when_warnings_are_enough() {
            ServiceSettings settings = settings(Map.of("KAFKA_MY_INTERCEPTOR_URL", "http://x",
                    "UNKNOWN_KAFKA_PROPERTIES", "warn"));

            assertThat(settings.kafkaProperties()).containsEntry("my.interceptor.url", "http://x");
        }

        @ParameterizedTest
        @CsvSource({
                "KAFKA_SASL_JAAS_CONFIG, sasl.jaas.config",
                "KAFKA_SECURITY_PROTOCOL, security.protocol",
                "KAFKA_COMMIT_INTERVAL_MS, commit.interval.ms",
                "KAFKA_PRODUCER_LINGER_MS, producer.linger.ms",
                "KAFKA_CONSUMER_SSL_TRUSTSTORE_LOCATION, consumer.ssl.truststore.location",
                "KAFKA_MAIN_CONSUMER_MAX_POLL_RECORDS, main.consumer.max.poll.records",
                "KAFKA_RESTORE_CONSUMER_MAX_POLL_RECORDS, restore.consumer.max.poll.records",
                "KAFKA_GLOBAL_CONSUMER_FETCH_MAX_WAIT_MS, global.consumer.fetch.max.wait.ms",
                "KAFKA_ADMIN_RETRY_BACKOFF_MS, admin.retry.backoff.ms",
                "KAFKA_TOPIC_MIN_INSYNC_REPLICAS, topic.min.insync.replicas",
                "KAFKA_CLIENT_TAG_ZONE, client.tag.zone"
        })
        void are_those_of_streams_and_its_clients_bare_or_with_a_client_prefix(String variable, String property) {
            assertThat(settings(Map.of(variable, "1")).kafkaProperties()).containsOnlyKeys(property);
        }

        @ParameterizedTest
        @CsvSource({"KAFKA_PRODUCER_COMMIT_INTERVAL_MS", "KAFKA_TOPIC_RETENTION_MSS", "KAFKA_CLIENT_TAG_"})
        void include_a_known_name_under_the_wrong_prefix(String variable) {
            assertThatThrownBy(() -> settings(Map.of(variable, "1")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageContaining("(from " + variable + ")");
        }
    }

    @Nested
    class Kafka_environment_variables_that_are_no_client_properties {

        @ParameterizedTest
        @CsvSource({"KAFKA_HEAP_OPTS", "KAFKA_OPTS", "KAFKA_JMX_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_LOG4J_OPTS",
                "KAFKA_GC_LOG_OPTS", "KAFKA_HOME", "KAFKA_DEBUG", "KAFKA_VERSION", "KAFKA_LOG_DIR", "KAFKA_JMX_PORT",
                "KAFKA_JMX_HOSTNAME", "KAFKA_CLUSTER_ID", "KAFKA_PORT", "KAFKA_PORT_9092_TCP_ADDR",
                "KAFKA_SERVICE_HOST", "KAFKA_SERVICE_PORT", "KAFKA_BROKER_SERVICE_PORT_PLAINTEXT"})
        void are_ignored(String variable) {
            assertThat(settings(Map.of(variable, "-Xmx1g")).kafkaProperties()).isEmpty();
        }

        @Test
        void never_hide_a_client_property() {
            java.util.Set<String> names = new java.util.HashSet<>(StreamsConfig.configDef().names());
            names.addAll(org.apache.kafka.clients.producer.ProducerConfig.configNames());
            names.addAll(org.apache.kafka.clients.consumer.ConsumerConfig.configNames());
            names.addAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());

            assertThat(names).noneMatch(name -> ServiceConfig.isLauncherVariable(
                    "KAFKA_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_')));
        }

        @Test
        void include_a_setting_of_ours_which_fails_naming_the_setting_to_use() {
            assertThatThrownBy(() -> settings(Map.of("KAFKA_APPLICATION_ID", "cart-blue")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessage("KAFKA_APPLICATION_ID is not passed to Kafka: set APPLICATION_ID instead");
        }
    }

    @Nested
    class Jwt_authentication {
        @TempDir
        Path dir;

        private Map<String, String> jwt(Map<String, String> more) throws IOException {
            Path jwks = Files.writeString(dir.resolve("jwks.json"), new DevTokenIssuer().jwks());
            Map<String, String> env = new HashMap<>(Map.of("JWT_JWKS_FILE", jwks.toString(),
                    "JWT_ISSUER", DevTokenIssuer.ISSUER, "JWT_AUDIENCE", DevTokenIssuer.AUDIENCE));
            env.putAll(more);
            return env;
        }

        @Test
        void a_key_set_turns_it_on_with_metrics_protected_by_default() throws IOException {
            HttpAuth auth = settings(jwt(Map.of())).httpAuth();
            assertThat(auth.enabled()).isTrue();
            assertThat(auth.requirement("GET", "GET /metrics")).isEqualTo(HttpAuth.Requirement.ADMIN);
            assertThat(auth.authorization()).as("no instance token").isEmpty();
            assertThat(settings(jwt(Map.of("HTTP_METRICS_OPEN", "true"))).httpAuth()
                    .requirement("GET", "GET /metrics")).isEqualTo(HttpAuth.Requirement.OPEN);
            assertThat(settings(jwt(Map.of("HTTP_AUTH_TOKEN", "inst-1"))).httpAuth().authorization())
                    .contains("Bearer inst-1");
        }

        @Test
        void issuer_and_audience_are_required() throws IOException {
            Map<String, String> env = jwt(Map.of());
            env.remove("JWT_AUDIENCE");
            assertThatThrownBy(() -> settings(env)).isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessage("JWT_AUDIENCE must be set when JWT_JWKS_URL or JWT_JWKS_FILE is");
        }

        @Test
        void a_key_set_that_cannot_be_read_fails_at_start() {
            assertThatThrownBy(() -> settings(Map.of("JWT_JWKS_FILE", dir.resolve("none.json").toString(),
                    "JWT_ISSUER", "i", "JWT_AUDIENCE", "a"))).isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageStartingWith("JWT_JWKS_FILE " + dir.resolve("none.json") + " is not a readable JWK set");
            assertThatThrownBy(() -> settings(Map.of("JWT_JWKS_URL", "not a url", "JWT_ISSUER", "i",
                    "JWT_AUDIENCE", "a"))).isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageStartingWith("JWT_JWKS_URL not a url is not a readable JWK set");
        }

        @Test
        void url_and_file_together_are_refused() throws IOException {
            assertThatThrownBy(() -> settings(jwt(Map.of("JWT_JWKS_URL", "https://idp.example/jwks"))))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessage("set JWT_JWKS_URL or JWT_JWKS_FILE, not both");
        }

        @Test
        void the_clock_skew_is_bounded() throws IOException {
            assertThatThrownBy(() -> settings(jwt(Map.of("JWT_CLOCK_SKEW_SECONDS", "3600"))))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessage("JWT_CLOCK_SKEW_SECONDS must be within 0..300, got 3600");
        }
    }

    @Nested
    class Logs_and_tracing {
        @Test
        void log_text_to_stderr_and_export_no_span_by_default() {
            ServiceSettings settings = settings(Map.of("HTTP_PORT", "7171"));
            assertThat(settings.logFormat()).isEqualTo("text");
            assertThat(settings.instanceName()).isEqualTo("127.0.0.1:7171");
            assertThat(settings.tracing()).isSameAs(io.shopstreams.service.tracing.Tracing.NONE);
        }

        @Test
        void name_the_instance_by_its_instance_id_and_take_json() {
            ServiceSettings settings = settings(Map.of("INSTANCE_ID", "cart-stream-0", "LOG_FORMAT", "json"));
            assertThat(settings.logFormat()).isEqualTo("json");
            assertThat(settings.instanceName()).isEqualTo("cart-stream-0");
        }

        @Test
        void refuse_another_format_and_an_endpoint_that_is_no_http_url() {
            assertThatThrownBy(() -> settings(Map.of("LOG_FORMAT", "xml")))
                    .isInstanceOf(ServiceConfig.ConfigException.class).hasMessageContaining("LOG_FORMAT");
            assertThatThrownBy(() -> settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessage("OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL (the collector's "
                            + "OTLP/HTTP port, e.g. http://collector:4318), got collector:4317");
        }

        @Test
        void export_spans_to_a_configured_collector() {
            try (var tracing = settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")).tracing()) {
                assertThat(tracing).isNotSameAs(io.shopstreams.service.tracing.Tracing.NONE);
            }
        }
    }

    @Nested
    class Https {
        @Test
        void is_off_without_a_keystore_and_needs_one_for_the_rest() {
            assertThat(settings(Map.of()).httpTls().enabled()).isFalse();
            assertThatThrownBy(() -> settings(Map.of("HTTP_TLS_CLIENT_AUTH", "required")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessage("HTTP_TLS_TRUSTSTORE and HTTP_TLS_CLIENT_AUTH need HTTP_TLS_KEYSTORE");
        }

        @Test
        void a_keystore_turns_it_on_and_client_authentication_needs_a_trust_store() throws IOException {
            TestCertificates certs = TestCertificates.shared();
            Path store = certs.keyStore("instance", "ip:127.0.0.1,dns:localhost");
            Map<String, String> env = Map.of("HTTP_TLS_KEYSTORE", store.toString(),
                    "HTTP_TLS_KEYSTORE_PASSWORD", TestCertificates.PASSWORD);
            assertThat(settings(env).httpTls().scheme()).isEqualTo("https");

            Map<String, String> mutual = new HashMap<>(env);
            mutual.put("HTTP_TLS_CLIENT_AUTH", "required");
            assertThatThrownBy(() -> settings(mutual)).isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageStartingWith("HTTP_TLS_CLIENT_AUTH=required needs HTTP_TLS_TRUSTSTORE");
            mutual.put("HTTP_TLS_TRUSTSTORE", certs.trustStore().toString());
            mutual.put("HTTP_TLS_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD);
            assertThat(settings(mutual).httpTls().toString()).isEqualTo("HttpTls[on, client auth required]");
        }

        @Test
        void a_wrong_password_names_the_store_never_the_password() throws IOException {
            Path store = TestCertificates.shared().keyStore("instance", "ip:127.0.0.1,dns:localhost");
            assertThatThrownBy(() -> settings(Map.of("HTTP_TLS_KEYSTORE", store.toString(),
                    "HTTP_TLS_KEYSTORE_PASSWORD", "hunter2-wrong")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageStartingWith("HTTP_TLS_KEYSTORE " + store + " cannot be opened as PKCS12")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Nested
    class Http_authentication {
        private static final String TOKEN = "a-Secret_token.123";

        @Test
        void is_off_by_default() {
            assertThat(settings(Map.of()).httpAuth().enabled()).isFalse();
        }

        @Test
        void protects_writes_with_a_token_and_reads_when_asked() {
            ServiceSettings writes = settings(Map.of("HTTP_AUTH_TOKEN", TOKEN));
            ServiceSettings all = settings(Map.of("HTTP_AUTH_TOKEN", TOKEN, "HTTP_AUTH_READS", "true"));

            assertThat(writes.httpAuth().requiresToken("POST", "/carts/c/commands")).isTrue();
            assertThat(writes.httpAuth().requiresToken("GET", "/carts/c")).isFalse();
            assertThat(all.httpAuth().requiresToken("GET", "/carts/c")).isTrue();
        }

        @Test
        void reads_the_token_from_a_file() throws IOException {
            ServiceSettings settings = settings(withFile("http.auth.token=" + TOKEN + "\n", Map.of()));

            assertThat(settings.httpAuth().authorization()).contains("Bearer " + TOKEN);
        }

        @Test
        void protecting_reads_needs_a_token() {
            assertThatThrownBy(() -> settings(Map.of("HTTP_AUTH_READS", "true")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessage("HTTP_AUTH_READS=true needs HTTP_AUTH_TOKEN");
        }

        @Test
        void an_invalid_token_fails_without_showing_it() {
            assertThatThrownBy(() -> settings(Map.of("HTTP_AUTH_TOKEN", "two words")))
                    .isInstanceOf(ServiceConfig.ConfigException.class)
                    .hasMessageStartingWith("HTTP_AUTH_TOKEN")
                    .hasMessageNotContaining("words");
        }

        @Test
        void no_secret_shows_in_the_settings_text() {
            ServiceSettings settings = settings(Map.of("HTTP_AUTH_TOKEN", TOKEN,
                    "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                            + " username=\"alice\" password=\"hunter2\";"));

            assertThat(settings.toString()).doesNotContain(TOKEN).doesNotContain("hunter2").contains(SERVICE);
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
                "KAFKA_BOOTSTRAP_SERVERS, '  ', must not be empty",
                "HTTP_AUTH_READS, yes, must be one of true, false",
                "UNKNOWN_KAFKA_PROPERTIES, ignore, must be one of fail, warn",
                "ROCKSDB_MEMORY_MB, 8, or at least 16, got 8",
                "ROCKSDB_MEMORY_MB, -1, must be within 0..1048576"
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
