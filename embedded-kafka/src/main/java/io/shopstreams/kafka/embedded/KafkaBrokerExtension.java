package io.shopstreams.kafka.embedded;

import java.util.Objects;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests a running {@link EmbeddedKafkaCluster}.
 *
 * <ul>
 *   <li>{@link WithKafka @WithKafka}, {@code @ExtendWith(KafkaBrokerExtension.class)} or
 *       {@code @RegisterExtension static KafkaBrokerExtension kafka = KafkaBrokerExtension.shared()}: one
 *       single-node in-process broker for the whole test JVM, started on first use and closed when the
 *       test run ends (it lives in the root {@link ExtensionContext.Store}, which closes
 *       {@link AutoCloseable} values). Tests sharing it should use their own topic names and group ids.</li>
 *   <li>{@code @RegisterExtension static KafkaBrokerExtension kafka = KafkaBrokerExtension.perClass(b -> b.nodes(3))}:
 *       a cluster of its own for that test class, closed after the class.</li>
 * </ul>
 * Parameters of type {@link EmbeddedKafkaCluster}, and {@code String} parameters annotated
 * {@link BootstrapServers}, are injected into constructors, lifecycle methods and tests.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    private static final String SHARED_KEY = "shared-cluster";

    private final Consumer<EmbeddedKafkaClusterBuilder> customizer;
    private volatile EmbeddedKafkaCluster cluster;

    /** The JVM-wide shared broker; used by {@link WithKafka} and {@code @ExtendWith}. */
    public KafkaBrokerExtension() {
        this(null);
    }

    private KafkaBrokerExtension(Consumer<EmbeddedKafkaClusterBuilder> customizer) {
        this.customizer = customizer;
    }

    /** The JVM-wide shared single-node broker, for {@code @RegisterExtension}. */
    public static KafkaBrokerExtension shared() {
        return new KafkaBrokerExtension();
    }

    /** A cluster of the test class's own, configured by {@code customizer}, closed after the class. */
    public static KafkaBrokerExtension perClass(Consumer<EmbeddedKafkaClusterBuilder> customizer) {
        return new KafkaBrokerExtension(Objects.requireNonNull(customizer, "customizer"));
    }

    /**
     * The running cluster, for {@code @RegisterExtension} fields.
     *
     * @throws IllegalStateException before the extension's {@code beforeAll} ran
     */
    public EmbeddedKafkaCluster cluster() {
        EmbeddedKafkaCluster current = cluster;
        if (current == null) {
            throw new IllegalStateException("the Kafka cluster starts in beforeAll; it is not available yet");
        }
        return current;
    }

    /** Shortcut for {@code cluster().bootstrapServers()}. */
    public String bootstrapServers() {
        return cluster().bootstrapServers();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = clusterFor(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafkaCluster.class
                || (type == String.class && parameter.isAnnotated(BootstrapServers.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedKafkaCluster resolved = clusterFor(context);
        return parameter.getParameter().getType() == EmbeddedKafkaCluster.class
                ? resolved
                : resolved.bootstrapServers();
    }

    private EmbeddedKafkaCluster clusterFor(ExtensionContext context) {
        if (customizer == null) {
            // The root store outlives every test class and closes the cluster when the whole run ends.
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SHARED_KEY, key -> EmbeddedKafkaCluster.builder().start(),
                            EmbeddedKafkaCluster.class);
        }
        // Keyed by this extension instance; lookups from method contexts find the class context's value.
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(this, key -> startCustom(), EmbeddedKafkaCluster.class);
    }

    private EmbeddedKafkaCluster startCustom() {
        EmbeddedKafkaClusterBuilder builder = EmbeddedKafkaCluster.builder();
        customizer.accept(builder);
        return builder.start();
    }
}
