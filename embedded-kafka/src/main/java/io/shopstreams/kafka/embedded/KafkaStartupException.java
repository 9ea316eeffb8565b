package io.shopstreams.kafka.embedded;

/** The embedded cluster could not be formatted, started or reached in time. The message says which node and why. */
public final class KafkaStartupException extends RuntimeException {

    public KafkaStartupException(String message) {
        super(message);
    }

    public KafkaStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
