package io.shopstreams.shopctl.cli;

/**
 * The exit codes of every shopctl command. Scripts may rely on them.
 *
 * <ul>
 *   <li>{@link #OK} 0: done.</li>
 *   <li>{@link #FAILURE} 1: the command was fine but failed while running: Kafka unreachable or refusing, a
 *       topic missing, a declaration the cluster cannot satisfy, a port already taken.</li>
 *   <li>{@link #USAGE} 2: the command line or an input it names is wrong and nothing was done: unknown option,
 *       bad ID, missing argument, unreadable or invalid file.</li>
 *   <li>{@link #DRIFT} 3: {@code topics apply} left differences it never fixes by itself (partition count,
 *       replication factor); everything it could fix was fixed.</li>
 * </ul>
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int DRIFT = 3;

    private ExitCodes() {
    }
}
