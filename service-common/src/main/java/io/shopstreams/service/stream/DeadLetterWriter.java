package io.shopstreams.service.stream;

import io.shopstreams.service.tracing.Tracing;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a failed record as a dead letter: original key and value bytes, error metadata in headers. Its
 * output goes to the {@code dead-letters} sink inside the same exactly-once transaction as everything else.
 */
public final class DeadLetterWriter<K, V> implements Processor<K, Decoded<V>, byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final String service;
    private ProcessorContext<byte[], byte[]> context;
    private DeadLetterMetrics metrics;

    public DeadLetterWriter(String service) {
        this.service = service;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.metrics = DeadLetterMetrics.from(context.appConfigs(), service);
    }

    @Override
    public void process(Record<K, Decoded<V>> record) {
        Decoded.Error error = record.value().error();
        try (var logged = Tracing.logContext(error.source().topic(), error.source().partition(),
                error.source().offset(), record.headers())) {
            LOG.warn("dead letter {} from {}-{}@{}: {}", error.code(), error.source().topic(),
                    error.source().partition(), error.source().offset(), error.message());
        }
        metrics.count(error.code());
        context.forward(new Record<>(error.rawKey(), error.rawValue(), record.timestamp(),
                DeadLetters.headers(error.source(), error.code(), error.message(), service, record.headers())));
    }
}
