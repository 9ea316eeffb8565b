package io.shopstreams.shopctl.cli;

/**
 * A failure the user can act on: printed as one line on stderr (no stack trace unless {@code --verbose}),
 * ending the command with {@link #exitCode()}.
 */
public final class CliFailure extends RuntimeException {
    private final int exitCode;

    private CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A runtime failure: exit {@link ExitCodes#FAILURE}. */
    public static CliFailure failure(String message) {
        return new CliFailure(ExitCodes.FAILURE, message, null);
    }

    public static CliFailure failure(String message, Throwable cause) {
        return new CliFailure(ExitCodes.FAILURE, message, cause);
    }

    /** Bad input named on the command line (a file, a value): exit {@link ExitCodes#USAGE}. */
    public static CliFailure usage(String message) {
        return new CliFailure(ExitCodes.USAGE, message, null);
    }

    public static CliFailure usage(String message, Throwable cause) {
        return new CliFailure(ExitCodes.USAGE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
