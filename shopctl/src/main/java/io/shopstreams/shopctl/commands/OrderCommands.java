package io.shopstreams.shopctl.commands;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.Topics;
import io.shopstreams.shopctl.cli.IdConverter;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import io.shopstreams.shopctl.kafka.RecordPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shopctl order ...}: sends one order command to {@code order-commands}, keyed by the orderId, and prints
 * its commandId once Kafka acknowledged it. The outcome shows on {@code order-events} or at
 * {@code GET /orders/{orderId}/commands/{commandId}}.
 */
@Command(name = "order", description = "Send order commands (to topic order-commands).")
public final class OrderCommands {
    private static final String ORDER = "The orderId (the record key).";

    @Spec
    private CommandSpec spec;

    @Command(name = "pay", description = "Pay the order; the amount must equal the order total.")
    int pay(@Parameters(paramLabel = "ORDER", description = ORDER, converter = IdConverter.class) String orderId,
            @Option(names = "--amount", paramLabel = "CENTS", required = true,
                    description = "Amount in minor units (cents).") long amountCents,
            @Option(names = "--ref", paramLabel = "REF", required = true, description = "Payment reference.")
            String paymentRef,
            @Mixin CommandIdOption commandId,
            @Mixin KafkaOptions kafka) {
        return send(kafka, orderId, new OrderCommand.PayOrder(commandId.get(), null, amountCents, paymentRef));
    }

    @Command(name = "ship", description = "Ship the paid order.")
    int ship(@Parameters(paramLabel = "ORDER", description = ORDER, converter = IdConverter.class) String orderId,
             @Option(names = "--carrier", paramLabel = "CARRIER", required = true) String carrier,
             @Option(names = "--tracking", paramLabel = "TRACKING_ID", required = true) String trackingId,
             @Mixin CommandIdOption commandId,
             @Mixin KafkaOptions kafka) {
        return send(kafka, orderId, new OrderCommand.ShipOrder(commandId.get(), null, carrier, trackingId));
    }

    @Command(name = "deliver", description = "Mark the shipped order delivered.")
    int deliver(@Parameters(paramLabel = "ORDER", description = ORDER, converter = IdConverter.class) String orderId,
                @Mixin CommandIdOption commandId,
                @Mixin KafkaOptions kafka) {
        return send(kafka, orderId, new OrderCommand.DeliverOrder(commandId.get(), null));
    }

    @Command(name = "cancel", description = "Cancel the order (while PLACED or PAID).")
    int cancel(@Parameters(paramLabel = "ORDER", description = ORDER, converter = IdConverter.class) String orderId,
               @Option(names = "--reason", paramLabel = "REASON", required = true) String reason,
               @Mixin CommandIdOption commandId,
               @Mixin KafkaOptions kafka) {
        return send(kafka, orderId, new OrderCommand.CancelOrder(commandId.get(), null, reason));
    }

    private int send(KafkaOptions kafka, String orderId, OrderCommand command) {
        RecordPublisher.Sent sent = RecordPublisher.publish(kafka, Topics.ORDER_COMMANDS.name(), orderId,
                JsonCodec.ORDER_COMMANDS.encode(command));
        return CommandIdOption.printSent(spec.commandLine().getOut(), command.commandId(), sent, kafka.verbose());
    }
}
