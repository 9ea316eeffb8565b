package io.shopstreams.chaos;

import io.shopstreams.events.CartCommand;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cart half of the load plan: what the plan believes each cart holds, so that most commands are accepted and
 * a few break a rule on purpose (an inactive product, a sku the cart lacks, an empty checkout). The belief can be
 * wrong, e.g. while an order is not yet rejected; the only consequence is another rejection, still an outcome.
 */
final class CartPlanner {
    /** A checkout the order half will act on: the orderId is derived exactly as the cart service derives it. */
    record Checkout(String cartId, String commandId, long totalCents) {
    }

    /** A planned command and the cart it is for (the record key). */
    record Next(String cartId, CartCommand command) {
    }

    private final Random random;
    private final int carts;
    private final Map<Integer, Map<String, Integer>> items = new HashMap<>();
    private final Set<Integer> checkedOut = new HashSet<>();

    CartPlanner(Random random, int carts) {
        this.random = random;
        this.carts = carts;
    }

    static String cartId(int cart) {
        return "cart-" + cart;
    }

    int randomCart() {
        return random.nextInt(carts);
    }

    /** The next cart command, for a random cart the plan believes open; a checkout is also reported to {@code placed}. */
    Next next(String commandId, Consumer<Checkout> placed) {
        int cart = randomOpenCart();
        return new Next(cartId(cart), command(cart, commandId, placed));
    }

    private int randomOpenCart() {
        int cart = randomCart();
        for (int attempt = 0; attempt < 5 && checkedOut.contains(cart); attempt++) {
            cart = randomCart();
        }
        return cart;
    }

    private CartCommand command(int cart, String commandId, Consumer<Checkout> placed) {
        Map<String, Integer> lines = items.computeIfAbsent(cart, c -> new LinkedHashMap<>());
        int pick = random.nextInt(100);
        if (lines.isEmpty() || pick < 45) {
            return add(lines, commandId);
        }
        String held = lines.keySet().stream().skip(random.nextInt(lines.size())).findFirst().orElseThrow();
        if (pick < 60) {
            int quantity = 1 + random.nextInt(5);
            lines.put(held, quantity);
            return new CartCommand.ChangeQuantity(commandId, null, held, quantity);
        }
        if (pick < 72) {
            // One in four names a sku the cart may lack: ITEM_NOT_IN_CART.
            String sku = random.nextInt(4) == 0 ? randomEveryday() : held;
            lines.remove(sku);
            return new CartCommand.RemoveItem(commandId, null, sku);
        }
        if (pick < 77) {
            lines.clear();
            return new CartCommand.ClearCart(commandId, null);
        }
        checkedOut.add(cart);
        placed.accept(new Checkout(cartId(cart), commandId, total(lines)));
        return new CartCommand.Checkout(commandId, null, "customer-" + (cart % 997));
    }

    /** The order of a checkout was decided: its cart is open again if it was rejected, else done with. */
    void orderDecided(String cartId, boolean rejected) {
        if (rejected) {
            checkedOut.remove(Integer.parseInt(cartId.substring("cart-".length())));
        }
    }

    private CartCommand add(Map<String, Integer> lines, String commandId) {
        int pick = random.nextInt(100);
        String sku = pick < 4 ? Catalog.INACTIVE : pick < 10 ? Catalog.LUXURY : randomEveryday();
        int quantity = 1 + random.nextInt(3);
        if (!sku.equals(Catalog.INACTIVE)) {
            lines.merge(sku, quantity, Integer::sum);
        }
        return new CartCommand.AddItem(commandId, null, sku, quantity);
    }

    private String randomEveryday() {
        return Catalog.EVERYDAY.get(random.nextInt(Catalog.EVERYDAY.size()));
    }

    private static long total(Map<String, Integer> lines) {
        return lines.entrySet().stream().mapToLong(line -> Catalog.price(line.getKey()) * line.getValue()).sum();
    }

    /** The cart for a malformed record, by its seq: any cart will do. */
    String cartFor(long seq) {
        return cartId((int) (seq % carts));
    }
}
