package io.shopstreams.shopctl.commands;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.JsonCodec;
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
 * {@code shopctl cart ...}: sends one cart command to {@code cart-commands}, keyed by the cartId, and prints its
 * commandId once Kafka acknowledged it. IDs are checked here first: a bad one is a usage error naming the argument.
 * Whether the cart accepts the command shows on {@code cart-events} or at
 * {@code GET /carts/{cartId}/commands/{commandId}}.
 */
@Command(name = "cart", description = "Send cart commands (to topic cart-commands).")
public final class CartCommands {
    private static final String CART = "The cartId (the record key).";
    private static final String SKU = "The product's sku.";

    @Spec
    private CommandSpec spec;

    @Command(name = "add", description = "Add SKU to the cart (price and name come from the catalog).")
    int add(@Parameters(paramLabel = "CART", description = CART, converter = IdConverter.class) String cartId,
            @Parameters(paramLabel = "SKU", description = SKU, converter = IdConverter.class) String sku,
            @Option(names = "--qty", paramLabel = "N", defaultValue = "1", description = "Quantity (default: 1).")
            int quantity,
            @Mixin CommandIdOption commandId,
            @Mixin KafkaOptions kafka) {
        return send(kafka, cartId, new CartCommand.AddItem(commandId.get(), null, sku, quantity));
    }

    @Command(name = "remove", description = "Remove SKU from the cart.")
    int remove(@Parameters(paramLabel = "CART", description = CART, converter = IdConverter.class) String cartId,
               @Parameters(paramLabel = "SKU", description = SKU, converter = IdConverter.class) String sku,
               @Mixin CommandIdOption commandId,
               @Mixin KafkaOptions kafka) {
        return send(kafka, cartId, new CartCommand.RemoveItem(commandId.get(), null, sku));
    }

    @Command(name = "set-qty", description = "Change the quantity of SKU in the cart.")
    int setQuantity(@Parameters(paramLabel = "CART", description = CART, converter = IdConverter.class) String cartId,
                    @Parameters(paramLabel = "SKU", description = SKU, converter = IdConverter.class) String sku,
                    @Parameters(paramLabel = "N", description = "The new quantity.") int quantity,
                    @Mixin CommandIdOption commandId,
                    @Mixin KafkaOptions kafka) {
        return send(kafka, cartId, new CartCommand.ChangeQuantity(commandId.get(), null, sku, quantity));
    }

    @Command(name = "clear", description = "Remove every item from the cart.")
    int clear(@Parameters(paramLabel = "CART", description = CART, converter = IdConverter.class) String cartId,
              @Mixin CommandIdOption commandId,
              @Mixin KafkaOptions kafka) {
        return send(kafka, cartId, new CartCommand.ClearCart(commandId.get(), null));
    }

    @Command(name = "checkout", description = "Check the cart out for a customer; order-stream places the order.")
    int checkout(@Parameters(paramLabel = "CART", description = CART, converter = IdConverter.class) String cartId,
                 @Option(names = "--customer", paramLabel = "CUSTOMER", required = true,
                         description = "The customerId.", converter = IdConverter.class) String customerId,
                 @Mixin CommandIdOption commandId,
                 @Mixin KafkaOptions kafka) {
        return send(kafka, cartId, new CartCommand.Checkout(commandId.get(), null, customerId));
    }

    private int send(KafkaOptions kafka, String cartId, CartCommand command) {
        RecordPublisher.Sent sent = RecordPublisher.publish(kafka, Topics.CART_COMMANDS.name(), cartId,
                JsonCodec.CART_COMMANDS.encode(command));
        return CommandIdOption.printSent(spec.commandLine().getOut(), command.commandId(), sent, kafka.verbose());
    }
}
