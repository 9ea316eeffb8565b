package io.shopstreams.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A per-class cluster with its own broker settings, injected like the shared one. */
class KafkaBrokerExtensionIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(
            builder -> builder.brokerProperty("auto.create.topics.enable", "false"));

    @Test
    void injectsTheClassesOwnClusterConfiguredByTheCustomizer(EmbeddedKafkaCluster cluster,
                                                              @BootstrapServers String bootstrap) throws Exception {
        assertThat(cluster).isSameAs(KAFKA.cluster());
        assertThat(bootstrap).isEqualTo(KAFKA.bootstrapServers());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "0");
            String autoCreate = admin.describeConfigs(List.of(broker)).all().get(10, TimeUnit.SECONDS)
                    .get(broker).get("auto.create.topics.enable").value();
            assertThat(autoCreate).isEqualTo("false");
        }
    }

    @Nested
    class InANestedClass {

        @Test
        void theSameClusterIsInjected(EmbeddedKafkaCluster cluster) {
            assertThat(cluster).isSameAs(KAFKA.cluster());
        }
    }
}
