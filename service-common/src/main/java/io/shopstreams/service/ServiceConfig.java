package io.shopstreams.service;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A service's configuration (docs/contract.md, section 6): environment variables with sane defaults, optionally a
 * properties file ({@code CONFIG_FILE}) under them, the environment winning. Every {@code KAFKA_*} variable
 * and every file key that is not one of ours passes through as a Kafka client property
 * ({@code KAFKA_SASL_MECHANISM} becomes {@code sasl.mechanism}), so SASL/SSL need no code; the variables of
 * Kafka's launcher scripts and of Kubernetes service links ({@link #isLauncherVariable}) are ignored.
 * Invalid values fail at start with one line naming the setting, never showing a Kafka property's value.
 */
public final class ServiceConfig {
    public static final String CONFIG_FILE = "CONFIG_FILE";

    /**
     * {@code KAFKA_*} variables that are not client properties: JVM options of Kafka's scripts
     * ({@code KAFKA_HEAP_OPTS}, {@code KAFKA_OPTS}, {@code KAFKA_JMX_OPTS}, ...), other variables of Kafka images,
     * and the service links Kubernetes injects for a Service named {@code kafka...} ({@code KAFKA_PORT},
     * {@code KAFKA_SERVICE_HOST}, {@code KAFKA_BROKER_PORT_9092_TCP_ADDR}, ...).
     */
    private static final Pattern LAUNCHER_VARIABLE = Pattern.compile(
            "KAFKA_((\\w+_)?OPTS|HOME|DEBUG|VERSION|LOG_DIR|CLUSTER_ID|JMX_HOSTNAME"
                    + "|(\\w+_)?(PORT|SERVICE_HOST|SERVICE_PORT)(_\\w+)?)");

    private final String serviceName;
    private final Map<String, String> settings;
    private final Map<String, String> kafka;
    private final Map<String, String> kafkaOrigins;

    private ServiceConfig(String serviceName, Map<String, String> settings, Map<String, String> kafka,
                          Map<String, String> kafkaOrigins) {
        this.serviceName = serviceName;
        this.settings = Map.copyOf(settings);
        this.kafka = Map.copyOf(kafka);
        this.kafkaOrigins = Map.copyOf(kafkaOrigins);
    }

    /** Reads the settings from {@code env} (and the file it names), with service-specific defaults. */
    public static ServiceConfig load(String serviceName, Map<String, String> env, Map<String, String> defaults) {
        Map<String, String> settings = new LinkedHashMap<>(defaults);
        Map<String, String> kafka = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        String file = env.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            readFile(Path.of(file), settings, kafka, origins);
        }
        env.forEach((name, value) -> {
            if (defaults.containsKey(name)) {
                settings.put(name, value);
            } else if (name.startsWith("KAFKA_") && !isLauncherVariable(name)) {
                String setting = name.substring("KAFKA_".length());
                if (defaults.containsKey(setting)) {
                    // Would be silently overridden by the setting: say which one to use instead.
                    throw new ConfigException(name + " is not passed to Kafka: set " + setting + " instead");
                }
                String key = setting.toLowerCase(Locale.ROOT).replace('_', '.');
                kafka.put(key, value);
                origins.put(key, name);
            }
        });
        return new ServiceConfig(serviceName, settings, kafka, origins);
    }

    /** Whether a {@code KAFKA_*} environment variable belongs to a launcher script or Kubernetes, not to us. */
    static boolean isLauncherVariable(String name) {
        return LAUNCHER_VARIABLE.matcher(name).matches();
    }

    /** File keys are our settings by env name or by property name ({@code http.port}), else Kafka properties. */
    private static void readFile(Path path, Map<String, String> settings, Map<String, String> kafka,
                                 Map<String, String> origins) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(CONFIG_FILE + ": cannot read " + path + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            String asEnv = key.toUpperCase(Locale.ROOT).replace('.', '_');
            if (settings.containsKey(key)) {
                settings.put(key, properties.getProperty(key));
            } else if (settings.containsKey(asEnv) && !asEnv.startsWith("KAFKA_")) {
                settings.put(asEnv, properties.getProperty(key));
            } else if (key.equals("bootstrap.servers")) {
                settings.put("KAFKA_BOOTSTRAP_SERVERS", properties.getProperty(key));
            } else {
                kafka.put(key, properties.getProperty(key));
                origins.put(key, path.toString());
            }
        }
    }

    public String serviceName() {
        return serviceName;
    }

    public String string(String name) {
        String value = settings.get(name);
        if (value == null) {
            throw new ConfigException(name + " is not a setting of " + serviceName);
        }
        return value;
    }

    public int integer(String name, int min, int max) {
        return (int) longValue(name, min, max);
    }

    public long longValue(String name, long min, long max) {
        String raw = string(name).trim();
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be an integer, got \"" + raw + "\"");
        }
        if (value < min || value > max) {
            throw new ConfigException(name + " must be within " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    public String oneOf(String name, String... allowed) {
        String value = string(name).trim();
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw new ConfigException(name + " must be one of " + String.join(", ", allowed) + ", got \"" + value + "\"");
    }

    /** Kafka client properties passed through from the environment and the file. */
    public Map<String, String> kafkaProperties() {
        return kafka;
    }

    /** Where a passed-through Kafka property was set: its environment variable or the file's path. */
    public String kafkaOrigin(String key) {
        return kafkaOrigins.getOrDefault(key, "?");
    }

    /** A setting that cannot be used; the message is one line naming it. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
