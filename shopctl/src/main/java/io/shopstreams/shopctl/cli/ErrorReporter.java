package io.shopstreams.shopctl.cli;

import java.io.PrintWriter;

import io.shopstreams.topics.TopicAdminException;
import io.shopstreams.topics.TopicDeclarationException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr and an exit code (see {@link ExitCodes}): usage errors without the
 * usage text (which {@code --help} shows), runtime failures without a stack trace unless {@code --verbose}.
 */
public final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String suggestion = "";
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            suggestion = "; did you mean: " + String.join(", ", unmatched.getSuggestions()) + "?";
        }
        err.println(command.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()) + suggestion
                + " (see: " + command.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (isVerbose(parsed)) {
            e.printStackTrace(err);
        }
        err.println(command.getCommandSpec().qualifiedName() + ": " + oneLine(message(e)));
        err.flush();
        return exitCode(e);
    }

    static int exitCode(Exception e) {
        if (e instanceof CliFailure failure) {
            return failure.exitCode();
        }
        if (e instanceof TopicDeclarationException || e instanceof ConfigException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    static String message(Exception e) {
        if (e instanceof CliFailure || e instanceof TopicAdminException) {
            return e.getMessage();
        }
        if (e instanceof TopicDeclarationException declaration) {
            return declaration.source() + ": " + String.join("; ", declaration.problems());
        }
        if (e instanceof ConfigException) {
            return "invalid Kafka client configuration: " + e.getMessage();
        }
        if (e instanceof KafkaException) {
            return "Kafka failed: " + e.getMessage();
        }
        return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + " (run with --verbose for the stack trace)";
    }

    /** Messages sometimes span lines (Jackson, picocli); a line on stderr must not. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static boolean isVerbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
