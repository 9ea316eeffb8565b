package io.shopstreams.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class EmbeddedKafkaClusterIT {

    @Test
    void aRecordProducedToTheSharedBrokerIsConsumedBack(@BootstrapServers String bootstrap) throws Exception {
        KafkaTestClients.createTopic(bootstrap, new NewTopic("round-trip", 1, (short) 1));

        KafkaTestClients.produce(bootstrap, "round-trip", Map.of("cart-1", "hello"));

        List<ConsumerRecord<String, String>> records = KafkaTestClients.consume(bootstrap, "round-trip", 1);
        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("cart-1", "hello"));
    }

    @Test
    void theSharedBrokerIsOneInProcessNodeThatCannotBeKilled(EmbeddedKafkaCluster kafka,
                                                             @BootstrapServers String bootstrap) {
        assertThat(kafka.size()).isEqualTo(1);
        assertThat(kafka.mode()).isEqualTo(EmbeddedKafkaCluster.Mode.IN_PROCESS);
        assertThat(bootstrap).isEqualTo(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThatThrownBy(() -> kafka.killNode(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aClusterRestartedOnTheSameDataDirKeepsItsTopicsAndRecords(@TempDir Path dataDir) throws Exception {
        Map<String, String> records = new LinkedHashMap<>();
        records.put("sku-1", "first");
        records.put("sku-2", "second");
        String clusterId;
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dataDir).start()) {
            clusterId = kafka.clusterId();
            KafkaTestClients.createTopic(kafka.bootstrapServers(), new NewTopic("kept", 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            KafkaTestClients.produce(kafka.bootstrapServers(), "kept", records);
        }
        assertThat(dataDir).isDirectory();

        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dataDir).start()) {
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(KafkaTestClients.consume(kafka.bootstrapServers(), "kept", 2))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(tuple("sku-1", "first"),
                            tuple("sku-2", "second"));
        }

        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().dataDir(dataDir).nodes(3).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a cluster of another size than 3 node(s)");
    }

    @Test
    void aFeatureLevelGivenToTheBuilderIsTheClustersFinalizedLevel() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().feature("transaction.version", 1).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            FinalizedVersionRange level = admin.describeFeatures().featureMetadata().get()
                    .finalizedFeatures().get("transaction.version");
            assertThat(level.maxVersionLevel()).isEqualTo((short) 1);
        }
    }

    @Test
    void aTemporaryClusterDeletesItsDataOnClose() {
        Path dataDir;
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().start()) {
            dataDir = kafka.dataDir();
            assertThat(kafka.isTemporary()).isTrue();
            assertThat(dataDir).isDirectory();
        }
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void aThreeNodeClusterKeepsAcceptingAcksAllWritesWhenOneBrokerIsKilled() throws Exception {
        EmbeddedKafkaClusterBuilder threeNodes = EmbeddedKafkaCluster.builder().nodes(3)
                // Fence a killed broker after 4 s instead of 9 s, so leadership moves sooner.
                .brokerProperty("broker.session.timeout.ms", "4000")
                .brokerProperty("broker.heartbeat.interval.ms", "1000");
        try (EmbeddedKafkaCluster kafka = threeNodes.start()) {
            assertThat(kafka.mode()).isEqualTo(EmbeddedKafkaCluster.Mode.CHILD_PROCESSES);
            String bootstrap = kafka.bootstrapServers();
            KafkaTestClients.createTopic(bootstrap, new NewTopic("replicated", 1, (short) 3)
                    .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")));
            KafkaTestClients.produce(bootstrap, "replicated", Map.of("k1", "before"));

            int leader = leaderOf(bootstrap, "replicated");
            kafka.killNode(leader);
            assertThat(kafka.isNodeRunning(leader)).isFalse();

            KafkaTestClients.produce(bootstrap, "replicated", Map.of("k2", "after"));
            assertThat(KafkaTestClients.consume(bootstrap, "replicated", 2))
                    .extracting(ConsumerRecord::value).containsExactly("before", "after");

            kafka.restartNode(leader);
            assertThat(kafka.isNodeRunning(leader)).isTrue();
            assertThat(KafkaTestClients.consume(kafka.bootstrapServers(leader), "replicated", 2))
                    .extracting(ConsumerRecord::value).containsExactly("before", "after");
        }
    }

    @Test
    void aBrokerWithDedicatedControllersKeepsServingWhenTheActiveControllerIsKilled() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().nodes(1).controllers(3)
                .childCommandPrefix(List.of("nice", "-n", "5")).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(kafka.mode()).isEqualTo(EmbeddedKafkaCluster.Mode.CHILD_PROCESSES);
            assertThat(kafka.size()).isEqualTo(1);
            assertThat(kafka.controllerIds()).containsExactly(1, 2, 3);
            assertThat(admin.describeMetadataQuorum().quorumInfo().get().voters())
                    .extracting(QuorumInfo.ReplicaState::replicaId).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactly(0);
            assertThat(niceness(kafka.nodeProcess(0).orElseThrow())).isEqualTo(5);
            assertThat(niceness(kafka.nodeProcess(3).orElseThrow())).isEqualTo(5);
            String bootstrap = kafka.bootstrapServers();
            KafkaTestClients.createTopic(bootstrap, new NewTopic("before", 1, (short) 1));

            int active = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
            kafka.killNode(active);
            assertThat(kafka.isNodeRunning(active)).isFalse();
            KafkaTestClients.produce(bootstrap, "before", Map.of("k1", "while the controller fails over"));
            // A topic needs the controller: a new one proves another voter took over.
            KafkaTestClients.createTopic(bootstrap, new NewTopic("after", 1, (short) 1));

            kafka.restartNode(active);
            assertThat(kafka.isNodeRunning(active)).isTrue();
            assertThat(KafkaTestClients.consume(bootstrap, "before", 1))
                    .extracting(ConsumerRecord::value).containsExactly("while the controller fails over");
            assertThat(admin.listTopics().names().get()).contains("before", "after");
        }
    }

    /** Field 19 of {@code /proc/<pid>/stat}, after the command name in parentheses. */
    private static int niceness(ProcessHandle process) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    private static int leaderOf(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            return Optional.ofNullable(description.partitions().get(0).leader()).orElseThrow().id();
        }
    }
}
