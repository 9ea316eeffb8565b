package io.shopstreams.service;

import io.shopstreams.service.http.HttpAuth;
import io.shopstreams.service.http.HttpTls;
import io.shopstreams.service.http.JwtVerifier;
import io.shopstreams.service.tracing.Tracing;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every service shares, read and validated once at start from a {@link ServiceConfig}. A service
 * adds its own settings to {@link #defaults} and reads them from {@link #config()}. {@link #toString()} shows
 * no secret: neither the HTTP token nor Kafka client properties.
 */
public record ServiceSettings(ServiceConfig config, String serviceName, String applicationId, String bootstrapServers,
                              String httpHost, int httpPort, HostInfo applicationServer, String stateDir,
                              String processingGuarantee, int numStandbyReplicas, int httpThreads, int maxLongPolls,
                              int maxBodyBytes, HttpAuth httpAuth, long standbyMaxLag, Duration forwardTimeout,
                              Duration shutdownTimeout, Map<String, String> kafkaProperties) {

    /** Env name -> default for the settings every service has. */
    public static Map<String, String> defaults(String serviceName, int httpPort) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        defaults.put("APPLICATION_ID", serviceName);
        defaults.put("HTTP_HOST", "127.0.0.1");
        defaults.put("HTTP_PORT", Integer.toString(httpPort));
        defaults.put("APPLICATION_SERVER", "");
        defaults.put("STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "shop-streams", serviceName).toString());
        defaults.put("PROCESSING_GUARANTEE", StreamsConfig.EXACTLY_ONCE_V2);
        defaults.put("NUM_STANDBY_REPLICAS", "0");
        // One, as Kafka Streams: on 2 cores shared with the broker, 2 threads measured no faster (issue 11).
        defaults.put("NUM_STREAM_THREADS", "1");
        defaults.put("HTTP_THREADS", "16");
        defaults.put("HTTP_MAX_LONG_POLLS", "1000");
        defaults.put("HTTP_MAX_BODY_BYTES", Integer.toString(64 * 1024));
        defaults.put("HTTP_AUTH_TOKEN", "");
        defaults.put("HTTP_AUTH_READS", "false");
        defaults.put("JWT_JWKS_URL", "");
        defaults.put("JWT_JWKS_FILE", "");
        defaults.put("JWT_ISSUER", "");
        defaults.put("JWT_AUDIENCE", "");
        defaults.put("JWT_ROLES_CLAIM", "scope");
        defaults.put("JWT_CLOCK_SKEW_SECONDS", "30");
        defaults.put("HTTP_METRICS_OPEN", "false");
        defaults.put("HTTP_TLS_KEYSTORE", "");
        defaults.put("HTTP_TLS_KEYSTORE_PASSWORD", "");
        defaults.put("HTTP_TLS_TRUSTSTORE", "");
        defaults.put("HTTP_TLS_TRUSTSTORE_PASSWORD", "");
        defaults.put("HTTP_TLS_CLIENT_AUTH", "none");
        defaults.put("STANDBY_MAX_LAG", "10000");
        defaults.put("ROCKSDB_MEMORY_MB", "128");
        defaults.put("FORWARD_TIMEOUT_MS", "5000");
        defaults.put("SHUTDOWN_TIMEOUT_MS", "30000");
        defaults.put("UNKNOWN_KAFKA_PROPERTIES", "fail");
        defaults.put("LOG_FORMAT", "text");
        defaults.put("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        RecoverySettings.addDefaults(defaults);
        return defaults;
    }

    public static ServiceSettings from(ServiceConfig config) {
        String host = config.string("HTTP_HOST");
        int port = config.integer("HTTP_PORT", 0, 65535);
        KafkaPropertyNames.check(config, config.oneOf("UNKNOWN_KAFKA_PROPERTIES", "fail", "warn").equals("fail"));
        RecoverySettings.from(config);
        rocksDbMemoryBytes(config);
        numStreamThreads(config);
        httpTls(config);
        config.oneOf("LOG_FORMAT", "text", "json");
        otlpEndpoint(config);
        return new ServiceSettings(config, config.serviceName(), nonBlank(config, "APPLICATION_ID"),
                nonBlank(config, "KAFKA_BOOTSTRAP_SERVERS"), host, port,
                applicationServer(config, host, port), nonBlank(config, "STATE_DIR"),
                config.oneOf("PROCESSING_GUARANTEE", StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                config.integer("NUM_STANDBY_REPLICAS", 0, 10), config.integer("HTTP_THREADS", 1, 1024),
                config.integer("HTTP_MAX_LONG_POLLS", 1, 100_000),
                config.integer("HTTP_MAX_BODY_BYTES", 1024, 16 * 1024 * 1024), httpAuth(config),
                config.longValue("STANDBY_MAX_LAG", 0, Long.MAX_VALUE),
                Duration.ofMillis(config.longValue("FORWARD_TIMEOUT_MS", 100, 600_000)),
                Duration.ofMillis(config.longValue("SHUTDOWN_TIMEOUT_MS", 1000, 600_000)),
                config.kafkaProperties());
    }

    /** Stream threads of the instance ({@code NUM_STREAM_THREADS}, 1..64). */
    static int numStreamThreads(ServiceConfig config) {
        return config.integer("NUM_STREAM_THREADS", 1, 64);
    }

    /** All RocksDB stores' memory together ({@code ROCKSDB_MEMORY_MB}); 0: Kafka Streams' own, per store. */
    static long rocksDbMemoryBytes(ServiceConfig config) {
        int megabytes = config.integer("ROCKSDB_MEMORY_MB", 0, 1_048_576);
        if (megabytes > 0 && megabytes < 16) {
            throw new ServiceConfig.ConfigException("ROCKSDB_MEMORY_MB must be 0 (Kafka Streams' defaults) or at"
                    + " least 16, got " + megabytes);
        }
        return megabytes * 1024L * 1024L;
    }

    /** The token is never part of a message: a config error names the setting, not its value. */
    private static HttpAuth httpAuth(ServiceConfig config) {
        String token = config.string("HTTP_AUTH_TOKEN").trim();
        if (!token.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new ServiceConfig.ConfigException("HTTP_AUTH_TOKEN must be printable ASCII without spaces"
                    + " (its value is not shown)");
        }
        boolean reads = Boolean.parseBoolean(config.oneOf("HTTP_AUTH_READS", "true", "false"));
        String jwksUrl = config.string("JWT_JWKS_URL").trim();
        String jwksFile = config.string("JWT_JWKS_FILE").trim();
        if (jwksUrl.isEmpty() && jwksFile.isEmpty()) {
            if (reads && token.isEmpty()) {
                throw new ServiceConfig.ConfigException("HTTP_AUTH_READS=true needs HTTP_AUTH_TOKEN");
            }
            return HttpAuth.of(token, reads);
        }
        return HttpAuth.jwt(jwtVerifier(config, jwksUrl, jwksFile), token,
                Boolean.parseBoolean(config.oneOf("HTTP_METRICS_OPEN", "true", "false")));
    }

    private static JwtVerifier jwtVerifier(ServiceConfig config, String jwksUrl, String jwksFile) {
        if (!jwksUrl.isEmpty() && !jwksFile.isEmpty()) {
            throw new ServiceConfig.ConfigException("set JWT_JWKS_URL or JWT_JWKS_FILE, not both");
        }
        String issuer = required(config, "JWT_ISSUER");
        String audience = required(config, "JWT_AUDIENCE");
        String roles = required(config, "JWT_ROLES_CLAIM");
        Duration skew = Duration.ofSeconds(config.integer("JWT_CLOCK_SKEW_SECONDS", 0, 300));
        try {
            return jwksFile.isEmpty() ? JwtVerifier.fromUrl(jwksUrl, issuer, audience, roles, skew)
                    : JwtVerifier.fromFile(Path.of(jwksFile), issuer, audience, roles, skew);
        } catch (java.io.IOException | java.text.ParseException | IllegalArgumentException e) {
            throw new ServiceConfig.ConfigException((jwksFile.isEmpty() ? "JWT_JWKS_URL " + jwksUrl
                    : "JWT_JWKS_FILE " + jwksFile) + " is not a readable JWK set: " + e.getMessage());
        }
    }

    private static String required(ServiceConfig config, String name) {
        String value = config.string(name).trim();
        if (value.isEmpty()) {
            throw new ServiceConfig.ConfigException(name + " must be set when JWT_JWKS_URL or JWT_JWKS_FILE is");
        }
        return value;
    }

    /** {@code text} (the default) or {@code json}: one JSON object per log line. */
    public String logFormat() {
        return config.oneOf("LOG_FORMAT", "text", "json");
    }

    /** How logs name this instance: its {@code INSTANCE_ID}, else its advertised {@code host:port}. */
    public String instanceName() {
        String instanceId = config.string("INSTANCE_ID").trim();
        return instanceId.isEmpty() ? applicationServer.host() + ":" + applicationServer.port() : instanceId;
    }

    /** Spans exported over OTLP/HTTP to {@code OTEL_EXPORTER_OTLP_ENDPOINT}; none without it. */
    public Tracing tracing() {
        String endpoint = otlpEndpoint(config);
        return endpoint.isEmpty() ? Tracing.NONE : Tracing.otlp(serviceName, instanceName(), endpoint);
    }

    private static String otlpEndpoint(ServiceConfig config) {
        String endpoint = config.string("OTEL_EXPORTER_OTLP_ENDPOINT").trim();
        if (!endpoint.isEmpty() && !endpoint.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new ServiceConfig.ConfigException("OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL"
                    + " (the collector's OTLP/HTTP port, e.g. http://collector:4318), got " + endpoint);
        }
        return endpoint;
    }

    /** HTTPS on the service port and between instances: read from the stores now, so it fails at start. */
    public HttpTls httpTls() {
        return httpTls(config);
    }

    /** The passwords are never part of a message: a store that cannot be opened is named, with the cause. */
    static HttpTls httpTls(ServiceConfig config) {
        String keyStore = config.string("HTTP_TLS_KEYSTORE").trim();
        String trustStore = config.string("HTTP_TLS_TRUSTSTORE").trim();
        boolean clientAuth = config.oneOf("HTTP_TLS_CLIENT_AUTH", "none", "required").equals("required");
        if (keyStore.isEmpty()) {
            if (!trustStore.isEmpty() || clientAuth) {
                throw new ServiceConfig.ConfigException("HTTP_TLS_TRUSTSTORE and HTTP_TLS_CLIENT_AUTH need"
                        + " HTTP_TLS_KEYSTORE");
            }
            return HttpTls.OFF;
        }
        if (clientAuth && trustStore.isEmpty()) {
            throw new ServiceConfig.ConfigException("HTTP_TLS_CLIENT_AUTH=required needs HTTP_TLS_TRUSTSTORE:"
                    + " the certificates that callers must present");
        }
        String current = "HTTP_TLS_KEYSTORE " + keyStore;
        try {
            HttpTls tls;
            char[] keyPassword = config.string("HTTP_TLS_KEYSTORE_PASSWORD").toCharArray();
            if (trustStore.isEmpty()) {
                tls = HttpTls.of(Path.of(keyStore), keyPassword, null, null, clientAuth);
            } else {
                current = "HTTP_TLS_KEYSTORE " + keyStore + " or HTTP_TLS_TRUSTSTORE " + trustStore;
                tls = HttpTls.of(Path.of(keyStore), keyPassword, Path.of(trustStore),
                        config.string("HTTP_TLS_TRUSTSTORE_PASSWORD").toCharArray(), clientAuth);
            }
            return tls;
        } catch (java.io.IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new ServiceConfig.ConfigException(current + " cannot be opened as PKCS12 with its password: "
                    + e.getMessage());
        }
    }

    /** Where other instances reach this one; defaults to HTTP_HOST:HTTP_PORT. */
    private static HostInfo applicationServer(ServiceConfig config, String host, int port) {
        String raw = config.string("APPLICATION_SERVER").trim();
        if (raw.isEmpty()) {
            if (port == 0) {
                throw new ServiceConfig.ConfigException("APPLICATION_SERVER is required when HTTP_PORT is 0");
            }
            return new HostInfo(host.equals("0.0.0.0") ? "localhost" : host, port);
        }
        try {
            return HostInfo.buildFromEndpoint(raw);
        } catch (RuntimeException e) {
            throw new ServiceConfig.ConfigException("APPLICATION_SERVER must be host:port, got \"" + raw + "\"");
        }
    }

    private static String nonBlank(ServiceConfig config, String name) {
        String value = config.string(name).trim();
        if (value.isEmpty()) {
            throw new ServiceConfig.ConfigException(name + " must not be empty");
        }
        return value;
    }

    /** Settings for a plain Kafka client of this service: the passed-through properties and the bootstrap. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> client = new HashMap<>(kafkaProperties);
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return client;
    }

    @Override
    public String toString() {
        return "ServiceSettings[" + serviceName + ", application.id " + applicationId + ", Kafka at "
                + bootstrapServers + ", HTTP on " + httpHost + ":" + httpPort + ", " + httpAuth + "]";
    }
}
