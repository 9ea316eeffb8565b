package io.shopstreams.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same round trip against Kafka in a container, for machines with Docker: a cross-check that the embedded
 * broker behaves like the official image. Skipped (not failed) where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaIT {

    /** The official image of the Kafka version the project builds on, as docker-compose.yml uses it. */
    static final String IMAGE = "apache/kafka:4.4.0";

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer(IMAGE);

    @Test
    void aRecordProducedToTheContainerIsConsumedBack() throws Exception {
        String bootstrap = KAFKA.getBootstrapServers();
        KafkaTestClients.createTopic(bootstrap, new NewTopic("round-trip", 1, (short) 1));

        KafkaTestClients.produce(bootstrap, "round-trip", Map.of("cart-1", "hello"));

        assertThat(KafkaTestClients.consume(bootstrap, "round-trip", 1))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("cart-1", "hello"));
    }
}
