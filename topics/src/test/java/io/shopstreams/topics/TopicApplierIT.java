package io.shopstreams.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.BootstrapServers;
import io.shopstreams.kafka.embedded.WithKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * TopicApplier against a real broker (the JVM-wide embedded one). Only the first test uses the real topic names;
 * the others apply the same declarations under a prefix of their own, so they do not see each other's topics.
 */
@WithKafka
class TopicApplierIT {

    private static final ApplyOptions APPLY = ApplyOptions.defaults();

    private Admin admin;
    private TopicApplier applier;
    private String prefix;

    @BeforeEach
    void connect(@BootstrapServers String bootstrap, TestInfo test) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        applier = new TopicApplier(admin);
        prefix = test.getTestMethod().orElseThrow().getName() + ".";
    }

    @AfterEach
    void disconnect() {
        admin.close(Duration.ofSeconds(5));
    }

    @Test
    void createsEveryDeclaredTopicAndAReapplyIsANoOp() throws Exception {
        TopicDeclarations dev = TopicDeclarations.load("dev");

        ApplyReport first = applier.apply(dev, APPLY);

        assertThat(first.actions()).extracting(ApplyAction::kind).containsOnly(ApplyAction.Kind.CREATE_TOPIC);
        assertThat(first.actions()).extracting(ApplyAction::topic).containsExactlyElementsOf(dev.names());
        assertThat(first.lines()).contains("topic cart-events: created with 6 partitions, RF 1,"
                + " cleanup.policy=delete, min.insync.replicas=1, retention.ms=-1");
        assertThat(partitions(Topics.CART_EVENTS.name())).isEqualTo(6);
        assertThat(config(Topics.PRODUCTS.name(), "cleanup.policy")).isEqualTo("compact");
        assertThat(config(Topics.DEAD_LETTERS.name(), "retention.ms")).isEqualTo("2592000000");

        ApplyReport second = applier.apply(dev, APPLY);

        assertThat(second.isNoOp()).isTrue();
        assertThat(second.summary()).isEqualTo("0 change(s), 0 drift, 7 up to date");
        assertThat(second.lines()).allMatch(line -> line.endsWith(": up to date"));
        assertThat(applier.describe(dev).isUpToDate()).isTrue();
    }

    @Test
    void aDryRunReportsWhatItWouldDoAndChangesNothing() throws Exception {
        List<TopicDeclaration> declarations = declarations("dev");

        ApplyReport report = applier.apply(declarations, APPLY.withDryRun(true));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.summary()).isEqualTo("dry run: 7 change(s), 0 drift, 0 up to date");
        assertThat(report.lines()).hasSize(7).allMatch(line -> line.contains(": would be created with "));
        assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).noneMatch(name -> name.startsWith(prefix));
    }

    @Test
    void aDryRunStillLetsTheBrokerValidate() {
        TopicDeclaration invalid = new TopicDeclaration(prefix + "bad", 1, 1, Map.of("max.message.bytes", "-5"));

        assertThatThrownBy(() -> applier.apply(List.of(invalid), APPLY.withDryRun(true)))
                .isInstanceOf(TopicAdminException.class)
                .hasMessageStartingWith("create topic " + prefix + "bad failed: InvalidConfigurationException");
    }

    @Test
    void driftIsReportedAndDifferingConfigsAreSetBack() throws Exception {
        List<TopicDeclaration> declarations = declarations("dev");
        applier.apply(declarations, APPLY);
        String events = prefix + Topics.ORDER_EVENTS.name();
        // Behind the applier's back: a shorter retention and two more partitions.
        admin.incrementalAlterConfigs(Map.of(topicResource(events), List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET))))
                .all().get(10, TimeUnit.SECONDS);
        admin.createPartitions(Map.of(events, NewPartitions.increaseTo(8))).all().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> partitions(events) == 8
                && config(events, "retention.ms").equals("3600000"));

        assertThat(applier.describe(declarations).topics()).filteredOn(topic -> topic.topic().equals(events))
                .singleElement().satisfies(topic -> assertThat(topic.differences()).containsExactly(
                        "has 8 partitions, declared 6", "retention.ms is 3600000, declared -1"));

        ApplyReport report = applier.apply(declarations, APPLY.withPartitionIncrease(true));

        assertThat(report.changes()).extracting(ApplyAction::text)
                .containsExactly("topic " + events + ": set retention.ms=-1 (was 3600000)");
        assertThat(report.drift()).extracting(ApplyAction::text).containsExactly(
                "topic " + events + ": drift: has 8 partitions, declared 6; partitions are never removed");
        // The controller has committed the change; a broker's view of it may trail by a metadata update.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(config(events, "retention.ms")).isEqualTo("-1"));

        ApplyReport again = applier.apply(declarations, APPLY);
        assertThat(again.hasChanges()).isFalse();
        assertThat(again.drift()).hasSize(1);
    }

    @Test
    void partitionsAreRaisedOnlyWhenAllowed() throws Exception {
        TopicDeclaration commands = TopicDeclarations.load("dev").get(Topics.CART_COMMANDS.name())
                .withName(prefix + Topics.CART_COMMANDS.name());
        admin.createTopics(List.of(new NewTopic(commands.name(), 2, (short) 1).configs(commands.configs())))
                .all().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> partitions(commands.name()) == 2);

        ApplyReport refused = applier.apply(List.of(commands), APPLY);

        assertThat(refused.drift()).singleElement().extracting(ApplyAction::text).asString()
                .startsWith("topic " + commands.name() + ": drift: has 2 partitions, declared 6; not increased");
        assertThat(partitions(commands.name())).isEqualTo(2);

        ApplyReport allowed = applier.apply(List.of(commands), APPLY.withPartitionIncrease(true));

        assertThat(allowed.changes()).extracting(ApplyAction::text)
                .containsExactly("topic " + commands.name() + ": increased partitions from 2 to 6");
        await().atMost(Duration.ofSeconds(10)).until(() -> partitions(commands.name()) == 6);
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountFailsUpFrontWithOneLine() throws Exception {
        List<TopicDeclaration> production = declarations("production");

        assertThatThrownBy(() -> applier.apply(production, APPLY))
                .isInstanceOf(UnsatisfiableDeclarationException.class)
                .hasMessage("topic " + prefix + "products: replication factor 3 is more than the 1 broker(s) available");
        assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).noneMatch(name -> name.startsWith(prefix));
        assertThat(applier.describe(production).lines())
                .contains("topic " + prefix + "cart-events: replication factor 3 is more than the 1 broker(s) available");
    }

    @Test
    void anUnreachableClusterFailsWithinTheCallTimeout() throws Exception {
        String nobody = "127.0.0.1:" + freePort();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nobody,
                // Fewer "connection could not be established" warnings in the test output; no effect on the bound.
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 2_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        try (Admin unreachable = Admin.create(config)) {
            TopicApplier lonely = new TopicApplier(unreachable);
            long start = System.nanoTime();

            assertThatThrownBy(() -> lonely.apply(TopicDeclarations.load("dev"), APPLY))
                    .isInstanceOf(TopicAdminException.class)
                    .hasMessage("Kafka did not answer describeCluster within 10 s:"
                            + " are the brokers running and reachable at the bootstrap servers?");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    private List<TopicDeclaration> declarations(String profile) {
        return TopicDeclarations.load(profile).topics().stream()
                .map(topic -> topic.withName(prefix + topic.name()))
                .collect(Collectors.toList());
    }

    private int partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic).partitions().size();
    }

    private String config(String topic, String key) throws Exception {
        Config config = admin.describeConfigs(List.of(topicResource(topic))).all().get(10, TimeUnit.SECONDS)
                .get(topicResource(topic));
        return config.get(key).value();
    }

    private static ConfigResource topicResource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
