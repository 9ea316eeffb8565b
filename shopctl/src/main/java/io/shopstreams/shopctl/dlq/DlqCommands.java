package io.shopstreams.shopctl.dlq;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.Topics;
import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.cli.InstantConverter;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import io.shopstreams.shopctl.kafka.TopicScan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shopctl dlq list|replay}: the dead letters of {@code dead-letters}, decoded one per line, and their
 * re-publication to the command topic they came from once the cause is fixed (see {@link DeadLetterRepublisher}).
 */
@Command(name = "dlq", description = "List dead letters; re-publish them to their source topic after a fix.")
public final class DlqCommands {

    @Spec
    private CommandSpec spec;

    @Command(name = "list", description = {"Print dead letters oldest first, one per line: position, time, code, "
            + "source record, service, key, message and a preview of the value."})
    int list(@Option(names = "--since", paramLabel = "TIMESTAMP", converter = InstantConverter.class,
                     description = "Only dead letters from this time on (ISO-8601 instant or epoch millis).")
             Instant since,
             @Option(names = "--code", paramLabel = "CODE", description = "Only this error code, e.g. NOT_JSON.")
             ErrorCode code,
             @Option(names = "--max", paramLabel = "N", description = "Print at most N.") Long max,
             @Mixin KafkaOptions kafka) {
        if (max != null && max <= 0) {
            throw new ParameterException(spec.commandLine(), "--max must be positive, got " + max);
        }
        List<DeadLetter> letters = read(kafka, since, code);
        PrintWriter out = spec.commandLine().getOut();
        long shown = max == null ? letters.size() : Math.min(max, letters.size());
        letters.stream().limit(shown).forEach(letter -> out.println(letter.line()));
        out.println(shown + " dead letter(s)" + (code == null ? "" : " with code " + code)
                + (since == null ? "" : " since " + since)
                + (shown < letters.size() ? " shown of " + letters.size() + " (--max " + max + ")" : ""));
        out.flush();
        return ExitCodes.OK;
    }

    /** Which dead letters to re-publish: every one with a code, or the one at an offset. */
    static final class Selection {
        @Option(names = "--code", paramLabel = "CODE", required = true,
                description = "Every dead letter with this error code, e.g. NOT_JSON or PROCESSING_ERROR.")
        ErrorCode code;

        @Option(names = "--offset", paramLabel = "N", required = true,
                description = "The dead letter at this offset of dead-letters (with --partition when ambiguous).")
        Long offset;
    }

    /** The verb is {@code replay} (a user-facing name); it re-publishes, it does not rebuild state. */
    @Command(name = "replay", description = {
            "Re-publish the chosen dead letters' original key and value to the command topic they came from "
                    + "(header shop.source.topic; a repartition topic's records go to the public topic feeding it), "
                    + "tagged with header " + RepublishPlan.REPUBLISHED_FROM + "=PARTITION@OFFSET.",
            "Each dead letter is re-published at most once: earlier replays are found in the target topic and "
                    + "skipped, as are dead letters of a re-published record that failed again. Dead letters of "
                    + "events or of products are refused."},
            footer = {"", "Exit codes: 0 done (also when everything was re-published before), 1 a dead letter was "
                    + "refused, none matched --offset, or Kafka failed, 2 bad usage."})
    int republish(@ArgGroup(exclusive = true, multiplicity = "1") Selection selection,
               @Option(names = "--partition", paramLabel = "P",
                       description = "With --offset: the partition of dead-letters.") Integer partition,
               @Option(names = "--dry-run", description = "Show what would be re-published; publish nothing.")
               boolean dryRun,
               @Mixin KafkaOptions kafka) {
        if (partition != null && selection.offset == null) {
            throw new ParameterException(spec.commandLine(), "--partition goes with --offset");
        }
        List<DeadLetter> chosen = choose(kafka, selection, partition);
        PrintWriter out = spec.commandLine().getOut();
        if (chosen.isEmpty()) {
            out.println("no dead letters with code " + selection.code);
            out.flush();
            return ExitCodes.OK;
        }
        int refused = new DeadLetterRepublisher(kafka, out).republish(chosen, dryRun);
        if (refused > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + " replay: " + refused + " dead letter(s) refused (see above)");
            err.flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private List<DeadLetter> choose(KafkaOptions kafka, Selection selection, Integer partition) {
        if (selection.code != null) {
            return read(kafka, null, selection.code);
        }
        List<DeadLetter> at = read(kafka, null, null).stream()
                .filter(letter -> letter.offset() == selection.offset)
                .filter(letter -> partition == null || letter.partition() == partition)
                .collect(Collectors.toList());
        if (at.isEmpty()) {
            throw CliFailure.failure("no dead letter at " + (partition == null ? "offset " + selection.offset
                    + " of any partition of " : Topics.DEAD_LETTERS.name() + "-" + partition + "@" + selection.offset
                    + " in ") + Topics.DEAD_LETTERS.name());
        }
        if (at.size() > 1) {
            throw CliFailure.usage("offset " + selection.offset + " names dead letters on partitions "
                    + at.stream().map(letter -> Integer.toString(letter.partition())).collect(Collectors.joining(", "))
                    + ": choose one with --partition");
        }
        return at;
    }

    /** The dead letters from {@code since} (null: all) with {@code code} (null: any), oldest first. */
    private static List<DeadLetter> read(KafkaOptions kafka, Instant since, ErrorCode code) {
        List<DeadLetter> letters = new ArrayList<>();
        TopicScan.read(kafka, Topics.DEAD_LETTERS.name(), since, record -> {
            DeadLetter letter = DeadLetter.of(record);
            if (code == null || code.name().equals(letter.code())) {
                letters.add(letter);
            }
        });
        letters.sort(DeadLetter.ORDER);
        return letters;
    }
}
