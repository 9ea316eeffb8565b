package io.shopstreams.service.aggregate;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One service's aggregate wired into Kafka Streams: its stores, and the processors that decide inputs against
 * them through one {@link AggregateWriter}. A service passes in only its domain; the plumbing is this class.
 *
 * @param commandRetention how long a decided cause is remembered (the command topic's retention)
 */
public record AggregatePipeline<S, E, O>(Aggregate<S, E> aggregate, AggregateStores<S> stores,
                                         Duration commandRetention, DecisionObserver<E> observer,
                                         AggregateWriter.Output<S, E, O> output) {

    /** The rule that turns one input into events; pure, with time from the input record. */
    @FunctionalInterface
    public interface Rule<I, S, E> {
        List<E> decide(I input, S state, Instant at);
    }

    /** Makes a task's {@link Rule} from its context, e.g. to give it the catalog's global store. */
    @FunctionalInterface
    public interface RuleFactory<I, S, E> {
        Rule<I, S, E> create(ProcessorContext<?, ?> context);
    }

    /** Adds the aggregate's stores; connect them to processors with {@link #storeNames()}. */
    public void addStores(StreamsBuilder builder) {
        builder.addStateStore(stores.statesBuilder());
        builder.addStateStore(stores.outcomesBuilder());
    }

    public String[] storeNames() {
        return new String[]{stores.states(), stores.outcomes()};
    }

    public AggregateWriter<S, E, O> writer(ProcessorContext<String, O> context) {
        return new AggregateWriter<>(context, aggregate, stores, commandRetention, observer, output);
    }

    /**
     * A processor for records keyed by aggregate id: each input is decided once per cause (a cause seen before
     * has no second effect and emits nothing).
     *
     * @param cause the id that makes an input a duplicate: a commandId, or the id of an event being answered
     */
    public <I> ProcessorSupplier<String, I, String, O> deciding(Function<I, String> cause, RuleFactory<I, S, E> rule) {
        return () -> new Processor<>() {
            private AggregateWriter<S, E, O> writer;
            private Rule<I, S, E> decide;

            @Override
            public void init(ProcessorContext<String, O> context) {
                writer = writer(context);
                decide = rule.create(context);
            }

            @Override
            public void process(Record<String, I> record) {
                Instant at = Instant.ofEpochMilli(record.timestamp());
                writer.decideOnce(record.key(), cause.apply(record.value()), record,
                        state -> decide.decide(record.value(), state, at));
            }
        };
    }
}
