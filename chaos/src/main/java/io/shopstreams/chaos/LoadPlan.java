package io.shopstreams.chaos;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.Topics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The deterministic load: the same seed gives the same records in the same order. Out of 100 records about 80 are
 * cart commands, 11 order commands for earlier checkouts, 5 exact re-sends of a recent valid record (same key,
 * same bytes: they must have no effect) and 4 malformed records, one kind of each in turn (not JSON, an unknown
 * type, no key, a body naming another cart than the key, not JSON on {@code order-commands}). Not thread-safe.
 */
final class LoadPlan {
    private static final int RECENT = 2000;

    private final Random random;
    private final CartPlanner carts;
    private final OrderPlanner orders;
    private final List<PlannedRecord> recent = new ArrayList<>();
    private long seq;
    private long malformed;

    /** @param orderDelay records between a checkout and the first command for its order */
    LoadPlan(long seed, int carts, long orderDelay) {
        this.random = new Random(seed);
        this.carts = new CartPlanner(random, carts);
        this.orders = new OrderPlanner(random, orderDelay, this.carts);
    }

    PlannedRecord next() {
        long current = seq++;
        int pick = random.nextInt(100);
        if (pick < 4) {
            return malformed(current);
        }
        if (pick < 9 && !recent.isEmpty()) {
            return recent.get(random.nextInt(recent.size())).resentAs(current);
        }
        String commandId = "cmd-" + current;
        if (pick < 20) {
            Optional<OrderCommand> order = orders.next(current, commandId);
            if (order.isPresent()) {
                return remember(new PlannedRecord(current, Topics.ORDER_COMMANDS.name(), order.get().orderId(),
                        JsonCodec.ORDER_COMMANDS.encode(order.get()), PlannedRecord.Kind.COMMAND, commandId, null));
            }
        }
        CartPlanner.Next cart = carts.next(commandId, checkout -> orders.checkedOut(checkout, current));
        return remember(new PlannedRecord(current, Topics.CART_COMMANDS.name(), cart.cartId(),
                JsonCodec.CART_COMMANDS.encode(cart.command()), PlannedRecord.Kind.COMMAND, commandId, null));
    }

    private PlannedRecord remember(PlannedRecord record) {
        if (recent.size() < RECENT) {
            recent.add(record);
        } else {
            recent.set(random.nextInt(RECENT), record);
        }
        return record;
    }

    private PlannedRecord malformed(long current) {
        String cart = carts.cartFor(current);
        String id = "bad-" + current;
        return switch ((int) (malformed++ % 5)) {
            case 0 -> bad(current, Topics.CART_COMMANDS.name(), cart, "not json #" + current, "NOT_JSON");
            case 1 -> bad(current, Topics.CART_COMMANDS.name(), cart,
                    "{\"type\":\"Teleport\",\"commandId\":\"" + id + "\"}", "UNKNOWN_TYPE");
            case 2 -> bad(current, Topics.CART_COMMANDS.name(), null,
                    "{\"type\":\"ClearCart\",\"commandId\":\"" + id + "\"}", "MISSING_KEY");
            case 3 -> bad(current, Topics.CART_COMMANDS.name(), cart,
                    "{\"type\":\"ClearCart\",\"commandId\":\"" + id + "\",\"cartId\":\"other-" + cart + "\"}",
                    "KEY_MISMATCH");
            default -> bad(current, Topics.ORDER_COMMANDS.name(), "order-" + current, "{oops #" + current,
                    "NOT_JSON");
        };
    }

    private static PlannedRecord bad(long seq, String topic, String key, String value, String code) {
        return new PlannedRecord(seq, topic, key, value.getBytes(StandardCharsets.UTF_8),
                PlannedRecord.Kind.MALFORMED, null, code);
    }
}
