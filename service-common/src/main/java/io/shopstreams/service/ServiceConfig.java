package io.shopstreams.service;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A service's configuration (CONTRACT section 6): environment variables with sane defaults, optionally a
 * properties file ({@code CONFIG_FILE}) under them, the environment winning. Every {@code KAFKA_*} variable
 * and every file key that is not one of ours passes through as a Kafka client property
 * ({@code KAFKA_SASL_MECHANISM} becomes {@code sasl.mechanism}), so SASL/SSL need no code.
 * Invalid values fail at start with one line naming the setting.
 */
public final class ServiceConfig {
    public static final String CONFIG_FILE = "CONFIG_FILE";

    private final String serviceName;
    private final Map<String, String> settings;
    private final Map<String, String> kafka;

    private ServiceConfig(String serviceName, Map<String, String> settings, Map<String, String> kafka) {
        this.serviceName = serviceName;
        this.settings = Map.copyOf(settings);
        this.kafka = Map.copyOf(kafka);
    }

    /** Reads the settings from {@code env} (and the file it names), with service-specific defaults. */
    public static ServiceConfig load(String serviceName, Map<String, String> env, Map<String, String> defaults) {
        Map<String, String> settings = new LinkedHashMap<>(defaults);
        Map<String, String> kafka = new LinkedHashMap<>();
        String file = env.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            readFile(Path.of(file), settings, kafka);
        }
        env.forEach((name, value) -> {
            if (defaults.containsKey(name)) {
                settings.put(name, value);
            } else if (name.startsWith("KAFKA_") && !name.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                kafka.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            settings.put("KAFKA_BOOTSTRAP_SERVERS", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        }
        return new ServiceConfig(serviceName, settings, kafka);
    }

    /** File keys are our settings by env name or by property name ({@code http.port}), else Kafka properties. */
    private static void readFile(Path path, Map<String, String> settings, Map<String, String> kafka) {
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

    /** A setting that cannot be used; the message is one line naming it. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
