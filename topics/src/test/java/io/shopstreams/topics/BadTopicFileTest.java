package io.shopstreams.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** A bad declaration file fails with every problem named, one per line, never with a stack-trace riddle. */
class BadTopicFileTest {

    private static final String PROFILES = "profiles:\n  dev: {partitions: 6, replicationFactor: 1}\n";

    @Test
    void anUnknownFieldIsNamedWithItsLineAndTheKnownFields() {
        String yaml = PROFILES + "topics:\n  - name: a\n    partiton: 3\n";

        assertThat(problems(yaml)).singleElement().asString()
                .startsWith("topics[0]: unknown field 'partiton'")
                .contains("partitions", "replicationFactor", "configs");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        String yaml = PROFILES + "topics:\n  - name: a\n    partitions: 3\n    partitions: 4\n";

        assertThat(problems(yaml)).singleElement().asString().contains("line 6").contains("Duplicate field 'partitions'");
    }

    @Test
    void aFractionalPartitionCountIsNotRounded() {
        String yaml = PROFILES + "topics:\n  - name: a\n    partitions: 6.5\n";

        assertThat(problems(yaml)).singleElement().asString().isEqualTo("topics[0].partitions: expected a whole number");
    }

    @Test
    void aListWhereConfigsBelongIsNamedByPath() {
        String yaml = PROFILES + "topics:\n  - name: a\n    configs: [retention.ms, 1]\n";

        assertThat(problems(yaml)).containsExactly("topics[0].configs: expected a mapping of key: value");
    }

    @Test
    void textThatIsNotYamlIsReportedWithItsLine() {
        assertThat(problems("topics: [\n  {name: a\n")).singleElement().asString().contains("not valid YAML");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(problems("")).containsExactly("the file is empty");
        assertThat(problems("# only a comment\n")).containsExactly("the file is empty");
    }

    @Test
    void aListWhereAMappingBelongsIsNamedByPath() {
        assertThat(problems("- a\n- b\n")).singleElement().asString().isEqualTo("top level: expected a mapping of key: value");
    }

    @Test
    void everyBrokenRuleIsListed() {
        String yaml = String.join("\n",
                "profiles:",
                "  dev: {partitions: 0, replicationFactor: 1}",
                "  production:",
                "    replicationFactor: 3",
                "    configs: {min.insync.replicas: 2}",
                "    topics:",
                "      ghost: {partitions: 3}",
                "topics:",
                "  - name: ok",
                "  - name: 'bad name!'",
                "  - name: ok",
                "  - name: c",
                "    configs:",
                "      retention.msec: 5",
                "      retention.ms: seven days",
                "      cleanup.policy: shred",
                "  - partitions: 3",
                "");

        assertThat(problems(yaml)).containsExactly(
                "topic bad name!: not a legal topic name (use 1-249 of [a-zA-Z0-9._-], not '.' or '..')",
                "topic ok: declared twice",
                "topic c: unknown topic config 'retention.msec'",
                "topic c: config retention.ms must be a whole number, was 'seven days'",
                "topic c: cleanup.policy must be compact, delete or compact,delete; was 'shred'",
                "topics[4]: 'name' is missing",
                "profile dev: partitions must be at least 1, was 0",
                "profile production: overrides topic ghost, which is not declared under 'topics'");
    }

    @Test
    void minInsyncReplicasAboveTheReplicationFactorIsRefusedInEveryProfile() {
        String yaml = String.join("\n",
                "defaults: {partitions: 6, replicationFactor: 1}",
                "profiles:",
                "  dev: {}",
                "  production: {replicationFactor: 2, configs: {min.insync.replicas: 3}}",
                "topics: [{name: a}]",
                "");

        assertThat(problems(yaml)).containsExactly("profile production: topic a: min.insync.replicas 3 is more"
                + " than its replication factor 2, so no acks=all write could succeed");
    }

    @Test
    void aTopicWithoutPartitionsAnywhereIsNamed() {
        String yaml = "profiles: {dev: {replicationFactor: 1}}\ntopics: [{name: a}]\n";

        assertThat(problems(yaml)).containsExactly(
                "profile dev: topic a: partitions is set nowhere (defaults, profile or topic)");
    }

    @Test
    void theMessageNamesTheSourceAndListsEachProblem() {
        String yaml = "profiles: {dev: {partitions: 0, replicationFactor: 0}}\ntopics: [{name: a}]\n";

        TopicDeclarationException error = catchThrowableOfType(TopicDeclarationException.class,
                () -> TopicFile.parse(yaml, "my-topics.yaml"));

        assertThat(error).hasMessage("my-topics.yaml: 2 problems:\n"
                + "  - profile dev: partitions must be at least 1, was 0\n"
                + "  - profile dev: replicationFactor must be 1..32767, was 0");
    }

    private static java.util.List<String> problems(String yaml) {
        return catchThrowableOfType(TopicDeclarationException.class, () -> TopicFile.parse(yaml, "test.yaml"))
                .problems();
    }
}
