package io.shopstreams.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.shopstreams.events.TopicNames;
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
            assertThat(dev.names()).containsExactly(TopicNames.PRODUCTS, TopicNames.CART_COMMANDS,
                    TopicNames.CART_EVENTS, TopicNames.ORDER_COMMANDS, TopicNames.ORDER_EVENTS,
                    TopicNames.DEAD_LETTERS, TopicNames.REBUILD_EPOCHS);
        }

        @Test
        void givesEveryContractTopicSixPartitionsOneReplicaAndMinIsrOne() {
            assertThat(dev.topics())
                    .filteredOn(topic -> !topic.name().equals(TopicNames.REBUILD_EPOCHS))
                    .allSatisfy(topic -> {
                assertThat(topic.partitions()).isEqualTo(6);
                assertThat(topic.replicationFactor()).isEqualTo(1);
                assertThat(topic.configs()).containsEntry("min.insync.replicas", "1");
            });
        }

        @Test
        void keepsOneCompactedPartitionOfRebuildEpochs() {
            assertThat(dev.get(TopicNames.REBUILD_EPOCHS).partitions()).isEqualTo(1);
            assertThat(dev.get(TopicNames.REBUILD_EPOCHS).configs()).containsEntry("cleanup.policy", "compact");
        }

        @Test
        void compactsProductsAndKeepsEventsForever() {
            assertThat(dev.get(TopicNames.PRODUCTS).configs()).containsEntry("cleanup.policy", "compact");
            assertThat(dev.get(TopicNames.CART_EVENTS).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1");
            assertThat(dev.get(TopicNames.ORDER_EVENTS).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1");
        }

        @Test
        void keepsCommandsSevenDaysAndDeadLettersThirty() {
            assertThat(dev.get(TopicNames.CART_COMMANDS).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", SEVEN_DAYS);
            assertThat(dev.get(TopicNames.ORDER_COMMANDS).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", SEVEN_DAYS);
            assertThat(dev.get(TopicNames.DEAD_LETTERS).configs())
                    .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", THIRTY_DAYS);
        }
    }

    @Nested
    class TheBundledProductionProfile {

        private final TopicDeclarations production = TopicDeclarations.load("production");

        @Test
        void replicatesThreeTimesWithMinIsrTwoAndKeepsSixPartitions() {
            assertThat(production.topics()).hasSize(7).allSatisfy(topic -> {
                int expected = topic.name().equals(TopicNames.REBUILD_EPOCHS) ? 1 : 6;
                assertThat(topic.partitions()).isEqualTo(expected);
                assertThat(topic.replicationFactor()).isEqualTo(3);
                assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
            });
        }

        @Test
        void keepsThePerTopicConfigs() {
            assertThat(production.get(TopicNames.PRODUCTS).configs()).containsEntry("cleanup.policy", "compact");
            assertThat(production.get(TopicNames.CART_EVENTS).configs()).containsEntry("retention.ms", "-1");
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
