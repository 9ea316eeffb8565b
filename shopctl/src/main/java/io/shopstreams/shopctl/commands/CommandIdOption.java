package io.shopstreams.shopctl.commands;

import java.io.PrintWriter;
import java.util.UUID;

import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.cli.IdConverter;
import io.shopstreams.shopctl.kafka.RecordPublisher;
import picocli.CommandLine.Option;

/** {@code --command-id}, shared by the cart and order commands, and how they print the outcome. */
public final class CommandIdOption {

    @Option(names = "--command-id", paramLabel = "ID", converter = IdConverter.class,
            description = "The commandId (default: a new UUID). Sending the same commandId again has no second effect.")
    private String commandId;

    private String generated;

    /** The given commandId, else one UUID generated once for this invocation. */
    String get() {
        if (commandId != null) {
            return commandId;
        }
        if (generated == null) {
            generated = UUID.randomUUID().toString();
        }
        return generated;
    }

    /** Prints the commandId alone (for scripts), or with the partition and offset it landed at when verbose. */
    static int printSent(PrintWriter out, String commandId, RecordPublisher.Sent sent, boolean verbose) {
        out.println(verbose ? commandId + " " + sent : commandId);
        out.flush();
        return ExitCodes.OK;
    }
}
