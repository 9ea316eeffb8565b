package io.shopstreams.topics;

/** Kafka did not answer in time, or refused an admin call. The message is one line naming the call or topic. */
public class TopicAdminException extends RuntimeException {

    public TopicAdminException(String message) {
        super(message);
    }

    public TopicAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
