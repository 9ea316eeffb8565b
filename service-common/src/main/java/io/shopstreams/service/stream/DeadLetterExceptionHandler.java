package io.shopstreams.service.stream;

import io.shopstreams.service.tracing.Tracing;
import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.InvalidMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The safety net behind the topology's own decoding (KIP-1033/KIP-1034): a record that fails to deserialize
 * or to process is written to {@code dead-letters} with its original bytes and our headers, and processing
 * resumes. A bug on one record thus costs one dead letter, never the service, and the record can be
 * re-published once fixed. The exception: a record of a global store's topic that fails to deserialize is
 * skipped with an error log, because Kafka Streams cannot write dead letters from the global thread.
 */
public final class DeadLetterExceptionHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    /** The Streams config key naming the service in dead-letter headers. */
    public static final String SERVICE_CONFIG = "shop.service.name";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private String service = "unknown";
    private DeadLetterMetrics metrics = DeadLetterMetrics.from(Map.of(), service);

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(SERVICE_CONFIG);
        if (name != null) {
            service = name.toString();
        }
        metrics = DeadLetterMetrics.from(configs, service);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        if (isGlobal(context)) {
            // Kafka Streams 4.4 sends a deserialization handler's dead letters through the task's record collector,
            // which the global thread lacks: returning any would throw a ClassCastException there and stop the
            // whole client. So a bad global record (e.g. on products) is skipped and logged, not dead-lettered.
            LOG.error("skipped undeserializable record {}-{}@{} of a global store (no dead letter can be written"
                    + " from the global thread): {}", context.topic(), context.partition(), context.offset(),
                    messageOf(exception));
            return DeserializationExceptionHandler.Response.resume();
        }
        return DeserializationExceptionHandler.Response.resume(
                deadLetter(context, record.key(), record.value(), exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        return ProcessingExceptionHandler.Response.resume(
                deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), exception));
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
                                                            Exception exception) {
        ErrorCode code = exception instanceof InvalidMessageException invalid ? invalid.code() : ErrorCode.PROCESSING_ERROR;
        String message = messageOf(exception);
        try (var logged = Tracing.logContext(context.topic(), context.partition(), context.offset(),
                context.headers())) {
            if (code == ErrorCode.PROCESSING_ERROR) {
                LOG.error("processing failed at {}-{}@{} in {}; written to {}", context.topic(), context.partition(),
                        context.offset(), context.processorNodeId(), DeadLetters.TOPIC, exception);
            } else {
                LOG.warn("dead letter {} from {}-{}@{}: {}", code, context.topic(), context.partition(),
                        context.offset(), message);
            }
        }
        metrics.count(code);
        var source = new DeadLetters.Source(context.topic(), context.partition(), context.offset(), context.timestamp());
        return List.of(new ProducerRecord<>(DeadLetters.TOPIC, null, context.timestamp(), key, value,
                DeadLetters.headers(source, code, message, service, context.headers())));
    }

    /** The global thread's task id has a negative sub-topology: {@code -1_-1}. */
    private static boolean isGlobal(ErrorHandlerContext context) {
        TaskId task = context.taskId();
        return task != null && task.subtopology() < 0;
    }

    private static String messageOf(Exception exception) {
        return exception.getMessage() == null ? exception.getClass().getName() : exception.getMessage();
    }
}
