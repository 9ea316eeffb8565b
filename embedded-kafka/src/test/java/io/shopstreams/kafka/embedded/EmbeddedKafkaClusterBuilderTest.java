package io.shopstreams.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Options the builder refuses before anything is started. */
class EmbeddedKafkaClusterBuilderTest {

    @Test
    void aClusterNeedsAtLeastOneNode() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().nodes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodes must be at least 1, was 0");
    }

    @Test
    void severalNodesCannotRunInProcess() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().nodes(3).mode(EmbeddedKafkaCluster.Mode.IN_PROCESS).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Mode.IN_PROCESS runs one node; use Mode.CHILD_PROCESSES for 3 nodes");
    }

    @Test
    void portsMustFitBelow65536() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().port(70000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().nodes(3).port(65534).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ports 65534..65536 exceed 65535");
    }

    @Test
    void anInvalidBrokerPropertyFailsTheStartWithItsNameAndLeavesNoTemporaryDir() {
        KafkaStartupException error = catchThrowableOfType(KafkaStartupException.class,
                () -> EmbeddedKafkaCluster.builder().brokerProperty("num.io.threads", "zero").start());

        assertThat(error).hasMessageContaining("num.io.threads");
        Matcher dir = Pattern.compile("(\\S*embedded-kafka-\\d+)").matcher(error.getMessage());
        assertThat(dir.find()).as("message names the node's dir: %s", error.getMessage()).isTrue();
        assertThat(Path.of(dir.group(1))).doesNotExist();
    }

    @Test
    void aNodePropertyOverridesTheSharedValueOnThatNodeOnly() {
        EmbeddedKafkaClusterBuilder builder = EmbeddedKafkaCluster.builder().nodes(2)
                .brokerProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:{broker.port}")
                .nodeProperty(1, "advertised.listeners", "PLAINTEXT://127.0.0.1:{broker.port},PROXIED://127.0.0.1:29001");

        assertThat(builder.propertiesOf(0)).containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:{broker.port}");
        assertThat(builder.propertiesOf(1))
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:{broker.port},PROXIED://127.0.0.1:29001");
    }

    @Test
    void aNodePropertyMustNameANodeOfTheCluster() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().nodes(2).nodeProperty(2, "num.io.threads", "2").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a property is set for node 2 of a cluster of 2");
    }
}
