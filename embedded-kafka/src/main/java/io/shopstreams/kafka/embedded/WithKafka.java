package io.shopstreams.kafka.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class the broker shared by the whole test JVM (see {@link KafkaBrokerExtension}): inject it as
 * an {@link EmbeddedKafkaCluster} parameter or its address as a {@link BootstrapServers} {@code String}.
 *
 * <pre>{@code
 * @WithKafka
 * class OrderFlowIT {
 *     @Test
 *     void roundTrip(@BootstrapServers String bootstrap) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafka {
}
