package io.shopstreams.shopctl.topics;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.kafka.KafkaClients;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import io.shopstreams.topics.ApplyOptions;
import io.shopstreams.topics.ApplyReport;
import io.shopstreams.topics.DescribeReport;
import io.shopstreams.topics.TopicApplier;
import io.shopstreams.topics.TopicDeclarations;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopctl topics apply|describe}: the topic declarations of module {@code topics} against a cluster.
 *
 * <p>Exit codes of {@code apply}: 0 when the topics match their declarations afterwards (configs it changed
 * included); {@link ExitCodes#DRIFT} 3 when a difference remains that apply never fixes by itself (fewer
 * partitions than declared without {@code --allow-partition-increase}, more partitions, another replication
 * factor), also for a dry run; 1 when the cluster cannot satisfy a declaration (nothing changed).
 * {@code describe} changes nothing and exits 0 whatever differs.
 */
@Command(name = "topics", description = "Create, update and check the project's topics.")
public final class TopicsCommands {

    @Spec
    private CommandSpec spec;

    /** Which declarations: the bundled file or the user's, resolved for a profile. */
    static final class Declarations {
        @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = TopicDeclarations.DEFAULT_PROFILE,
                description = "Profile of the declarations: dev (1 broker) or production (RF 3). Default: dev.")
        String profile;

        @Option(names = "--file", paramLabel = "FILE",
                description = "Declaration file (default: the topics.yaml bundled with shopctl).")
        Path file;

        TopicDeclarations load() {
            return file == null ? TopicDeclarations.load(profile) : TopicDeclarations.load(file, profile);
        }
    }

    @Command(name = "apply", description = {
            "Create missing topics and set declared configs; never deletes, never lowers partitions.",
            "Exits 3 when drift remains that apply does not fix (partitions, replication factor)."})
    int apply(@Mixin Declarations declarations,
              @Option(names = "--dry-run", description = "Show what would change; change nothing.") boolean dryRun,
              @Option(names = "--allow-partition-increase",
                      description = "Raise partition counts to the declared ones (moves keys to other partitions).")
              boolean allowPartitionIncrease,
              @Mixin KafkaOptions kafka) {
        TopicDeclarations declared = declarations.load();
        ApplyReport report;
        try (Admin admin = KafkaClients.admin(kafka)) {
            report = new TopicApplier(admin, KafkaClients.CALL_TIMEOUT)
                    .apply(declared, new ApplyOptions(dryRun, allowPartitionIncrease));
        }
        PrintWriter out = spec.commandLine().getOut();
        report.lines().forEach(out::println);
        out.println((dryRun ? "dry run, nothing changed: " : "")
                + "profile " + declared.profile() + " at " + kafka.bootstrapServers() + ": "
                + report.changes().size() + " change(s), " + report.drift().size() + " drift");
        out.flush();
        if (report.hasDrift()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + " apply: " + report.drift().size()
                    + " difference(s) remain that apply does not fix (see the drift lines above)");
            err.flush();
            return ExitCodes.DRIFT;
        }
        return ExitCodes.OK;
    }

    @Command(name = "describe", description = "Show the declared topics next to the cluster's; changes nothing.")
    int describe(@Mixin Declarations declarations, @Mixin KafkaOptions kafka) {
        TopicDeclarations declared = declarations.load();
        DescribeReport report;
        try (Admin admin = KafkaClients.admin(kafka)) {
            report = new TopicApplier(admin, KafkaClients.CALL_TIMEOUT).describe(declared);
        }
        PrintWriter out = spec.commandLine().getOut();
        report.lines().forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
