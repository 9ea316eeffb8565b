package io.shopstreams.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.shopstreams.events.Topics;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicFileTest {

    private static final String SEVEN_DAYS = "604800000";
    private static final String THIRTY_DAYS = "2592000000";

    @Nested
    class TheBundledDevProfile {

        private final TopicDeclarations dev = TopicDeclarations.load("dev");

        @Test
        void declaresTheSixContractTopicsAndTheRebuildEpochsInFileOrder() {
            assertThat(dev.profile()).isEqualTo("dev");
            assertThat(dev.names()).containsExactly(Topics.PRODUCTS.name(), Topics.CART_COMMANDS.name(),
                    Topics.CART_EVENTS.name(), Topics.ORDER_COMMANDS.name(), Topics.ORDER_EVENTS.name(),
                    Topics.DEAD_LETTERS.name(), Topics.REBUILD_EPOCHS.name());
        }

        @Test
        void givesEveryContractTopicSixPartitionsOneReplicaAndMinIsrOne() {
            assertThat(dev.topics())
                    .filteredOn(topic -> !topic.name().equals(Topics.REBUILD_EPOCHS.name()))
                    .allSatisfy(topic -> {
                assertThat(topic.partitions()).isEqualTo(6);
                assertThat(topic.replicationFactor()).isEqualTo(1);
                assertThat(topic.configs()).containsEntry("min.insync.replicas", "1");
            });
        }

        @Test
        void keepsOneCompactedPartitionOfRebuildEpochs() {
            assertThat(dev.get(Topics.REBUILD_EPOCHS.name()).partitions()).isEqualTo(1);
            assertThat(dev.get(Topics.REBUILD_EPOCHS.name()).configs()).containsEntry("cleanup.policy", "compact");
        }

        @Test
        void compactsProductsAndKeepsEventsForever() {
            assertThat(dev.get(Topics.PRODUCTS.name()).configs()).containsEntry("cleanup.policy", "compact");
            assertThat(dev.get(Topics.CART_EVENTS.name()).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1");
            assertThat(dev.get(Topics.ORDER_EVENTS.name()).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1");
        }

        @Test
        void keepsCommandsSevenDaysAndDeadLettersThirty() {
            assertThat(dev.get(Topics.CART_COMMANDS.name()).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", SEVEN_DAYS);
            assertThat(dev.get(Topics.ORDER_COMMANDS.name()).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", SEVEN_DAYS);
            assertThat(dev.get(Topics.DEAD_LETTERS.name()).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", THIRTY_DAYS);
        }
    }

    @Nested
    class TheBundledProductionProfile {

        private final TopicDeclarations production = TopicDeclarations.load("production");

        @Test
        void replicatesThreeTimesWithMinIsrTwoAndKeepsSixPartitions() {
            assertThat(production.topics()).hasSize(7).allSatisfy(topic -> {
                int expected = topic.name().equals(Topics.REBUILD_EPOCHS.name()) ? 1 : 6;
                assertThat(topic.partitions()).isEqualTo(expected);
                assertThat(topic.replicationFactor()).isEqualTo(3);
                assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
            });
        }

        @Test
        void keepsThePerTopicConfigs() {
            assertThat(production.get(Topics.PRODUCTS.name()).configs()).containsEntry("cleanup.policy", "compact");
            assertThat(production.get(Topics.CART_EVENTS.name()).configs()).containsEntry("retention.ms", "-1");
        }
    }

    @Test
    void listsItsProfiles() {
        assertThat(TopicFile.bundled().profiles()).containsExactly("dev", "production");
    }

    @Test
    void anUnknownProfileIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> TopicDeclarations.load("prod"))
                .isInstanceOf(TopicDeclarationException.class)
                .hasMessage("classpath:topics.yaml: unknown profile 'prod'; known profiles: dev, production");
    }

    @Nested
    class Resolution {

        private static final String FILE = String.join("\n",
                "defaults:",
                "  partitions: 3",
                "  replicationFactor: 1",
                "  configs: {retention.ms: 1000, cleanup.policy: delete}",
                "profiles:",
                "  small: {}",
                "  big:",
                "    partitions: 12",
                "    replicationFactor: 3",
                "    configs: {min.insync.replicas: 2}",
                "    topics:",
                "      b: {partitions: 24, configs: {retention.ms: 5000}}",
                "topics:",
                "  - name: a",
                "  - name: b",
                "    partitions: 4",
                "    configs: {retention.ms: 2000}",
                "");

        private final TopicFile file = TopicFile.parse(FILE, "test.yaml");

        @Test
        void aProfileWithoutSettingsUsesTheDefaultsAndTheTopicsOwnEntries() {
            TopicDeclarations small = file.resolve("small");

            assertThat(small.get("a")).isEqualTo(new TopicDeclaration("a", 3, 1,
                    Map.of("retention.ms", "1000", "cleanup.policy", "delete")));
            assertThat(small.get("b")).isEqualTo(new TopicDeclaration("b", 4, 1,
                    Map.of("retention.ms", "2000", "cleanup.policy", "delete")));
        }

        @Test
        void aProfileOverridesTheDefaultsAndItsPerTopicOverridesWinOverTheTopicEntry() {
            TopicDeclarations big = file.resolve("big");

            assertThat(big.get("a")).isEqualTo(new TopicDeclaration("a", 12, 3,
                    Map.of("retention.ms", "1000", "cleanup.policy", "delete", "min.insync.replicas", "2")));
            // The topic's own partitions (4) beat the profile's 12; the profile's per-topic 24 beats both.
            assertThat(big.get("b")).isEqualTo(new TopicDeclaration("b", 24, 3,
                    Map.of("retention.ms", "5000", "cleanup.policy", "delete", "min.insync.replicas", "2")));
        }
    }

    @Test
    void loadsAUserFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "profiles: {dev: {partitions: 2, replicationFactor: 1}}\ntopics: [{name: t}]\n");

        TopicDeclarations declarations = TopicDeclarations.load(file, "dev");

        assertThat(declarations.topics()).containsExactly(new TopicDeclaration("t", 2, 1, Map.of()));
    }

    @Test
    void aMissingUserFileIsReportedWithItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        TopicDeclarationException error = catchThrowableOfType(TopicDeclarationException.class,
                () -> TopicDeclarations.load(missing, "dev"));

        assertThat(error.source()).isEqualTo(missing.toString());
        assertThat(error.getMessage()).startsWith(missing + ": cannot read the file");
    }
}
