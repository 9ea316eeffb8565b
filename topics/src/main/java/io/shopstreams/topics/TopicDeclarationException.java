package io.shopstreams.topics;

import java.util.List;

/**
 * A topic declaration file that cannot be used: unreadable, not YAML, unknown fields, or values that break a
 * rule. The message names the file and lists every problem, one per line.
 */
public final class TopicDeclarationException extends RuntimeException {

    private final String source;
    private final List<String> problems;

    public TopicDeclarationException(String source, List<String> problems) {
        this(source, problems, null);
    }

    public TopicDeclarationException(String source, List<String> problems, Throwable cause) {
        super(message(source, problems), cause);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file (or resource) the declarations came from. */
    public String source() {
        return source;
    }

    /** Each problem as one line, without the file name. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        if (problems.size() == 1) {
            return source + ": " + problems.get(0);
        }
        return source + ": " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems);
    }
}
