package io.shopstreams.shopctl.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.shopstreams.kafka.embedded.BootstrapServers;
import io.shopstreams.kafka.embedded.WithKafka;
import io.shopstreams.shopctl.Cli;
import io.shopstreams.shopctl.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shopctl topics} against the JVM-wide embedded broker; drift tests use topics of their own. */
@WithKafka
class TopicsCommandsIT {

    private String bootstrap;
    private Path dir;

    @BeforeEach
    void setUp(@BootstrapServers String bootstrap, @TempDir Path dir) {
        this.bootstrap = bootstrap;
        this.dir = dir;
    }

    private Cli.Result topics(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "topics";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--bootstrap-servers";
        all[args.length + 2] = bootstrap;
        return Cli.run(all);
    }

    /** A declaration file for one topic of this test's own. */
    private Path declare(String topic, int partitions, String retentionMs) throws IOException {
        return Files.writeString(dir.resolve("topics-" + partitions + "-" + retentionMs + ".yaml"), String.join("\n",
                "defaults:",
                "  replicationFactor: 1",
                "profiles:",
                "  dev:",
                "    partitions: " + partitions,
                "topics:",
                "  - name: " + topic,
                "    configs:",
                "      cleanup.policy: delete",
                "      retention.ms: " + retentionMs,
                ""));
    }

    @Test
    void applyCreatesTheDevTopicsAndAReapplyIsANoOp() {
        Cli.Result first = topics("apply");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("topic products:", "topic cart-commands:", "topic dead-letters:");

        Cli.Result again = topics("apply");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.outLines()).filteredOn(line -> line.startsWith("topic "))
                .isNotEmpty().allSatisfy(line -> assertThat(line).endsWith(": up to date"));
        assertThat(again.outLines()).last().asString().endsWith(": 0 change(s), 0 drift");
        assertThat(again.err()).isEmpty();
    }

    @Test
    void describeShowsEveryDeclaredTopicUpToDate() {
        assertThat(topics("apply").exitCode()).isZero();

        Cli.Result described = topics("describe");

        assertThat(described.exitCode()).as(described.toString()).isZero();
        assertThat(described.outLines()).anySatisfy(line -> assertThat(line)
                .startsWith("topic cart-events: 6 partitions, RF 1").contains("retention.ms=-1").endsWith("up to date"));
    }

    @Test
    void aDryRunChangesNothing() throws IOException {
        String topic = "it-dry-" + UUID.randomUUID();
        Path file = declare(topic, 2, "60000");

        Cli.Result dryRun = topics("apply", "--file", file.toString(), "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("topic " + topic + ": would be created", "dry run, nothing changed");
        assertThat(topics("describe", "--file", file.toString()).out()).contains("topic " + topic + ": missing");
    }

    @Test
    void configDriftIsFixedAndExitsZero() throws IOException {
        String topic = "it-config-" + UUID.randomUUID();
        assertThat(topics("apply", "--file", declare(topic, 2, "60000").toString()).exitCode()).isZero();

        Cli.Result changed = topics("apply", "--file", declare(topic, 2, "120000").toString());

        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        assertThat(changed.out()).contains("topic " + topic + ": set retention.ms");
    }

    @Test
    void partitionDriftExitsThreeUntilAnIncreaseIsAllowed() throws IOException {
        String topic = "it-partitions-" + UUID.randomUUID();
        assertThat(topics("apply", "--file", declare(topic, 2, "60000").toString()).exitCode()).isZero();
        Path more = declare(topic, 3, "60000");

        Cli.Result drift = topics("apply", "--file", more.toString());

        assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(drift.out()).contains("topic " + topic + ": drift: has 2 partitions, declared 3");
        assertThat(drift.errLines()).singleElement().asString().contains("1 difference(s) remain");

        Cli.Result described = topics("describe", "--file", more.toString());
        assertThat(described.exitCode()).isZero();
        assertThat(described.out()).contains("differs: has 2 partitions, declared 3");

        Cli.Result increased = topics("apply", "--file", more.toString(), "--allow-partition-increase");
        assertThat(increased.exitCode()).as(increased.toString()).isZero();
        assertThat(increased.out()).contains("increased partitions from 2 to 3");
        assertThat(topics("apply", "--file", more.toString()).out()).contains("topic " + topic + ": up to date");
    }

    @Test
    void aProfileTheClusterCannotSatisfyFailsInOneLineChangingNothing() {
        Cli.Result result = topics("apply", "--profile", "production");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).singleElement().asString()
                .contains("replication factor 3 is more than the 1 broker(s) available");
        assertThat(result.out()).isEmpty();
    }
}
