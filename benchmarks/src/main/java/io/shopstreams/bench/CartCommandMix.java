package io.shopstreams.bench;

import io.shopstreams.events.Catalog;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A realistic, seeded stream of cart commands as clients produce them (JSON, keyed by cartId): mostly
 * {@code AddItem}s, then quantity changes, removals, clears and checkouts, over a Zipf-skewed choice of carts,
 * with exact re-sends of earlier records and rule breaks (a quantity change of a line the cart does not have)
 * mixed in. Every record but a re-send yields exactly one event on {@code cart-events}: {@link #outcomes()}.
 */
final class CartCommandMix {
    /** One command record. */
    record Command(String cartId, byte[] value) {
    }

    static final List<String> SKUS = List.of("sku-0", "sku-1", "sku-2", "sku-3", "sku-4", "sku-5", "sku-6",
            "sku-7", "sku-8", "sku-9");
    /** The catalog the benchmark loads: every sku active, priced 100 + its index cents. */
    static final Catalog CATALOG = sku -> {
        int index = SKUS.indexOf(sku);
        return index < 0 ? Optional.empty()
                : Optional.of(new Product(sku, "Product " + index, 100 + index, "EUR", true));
    };
    private static final double RESEND_SHARE = 0.02;

    /** Sends {@link #CATALOG} to {@code products}. */
    static void loadCatalog(Sends<String, byte[]> producer) {
        for (String sku : SKUS) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.PRODUCTS.name(), sku,
                    JsonCodec.PRODUCTS.encode(CATALOG.find(sku).orElseThrow())));
        }
    }
    private static final double ZIPF_EXPONENT = 1.0;

    private final List<Command> commands = new ArrayList<>();
    private long outcomes;
    private long resends;

    CartCommandMix(long seed, int count, int carts) {
        this(seed, count, carts, "c-", "cart-", RESEND_SHARE);
    }

    /**
     * @param idPrefix   of commandIds, so that two mixes in one run never share one
     * @param cartPrefix of cartIds, so that two mixes in one run can use other carts
     */
    CartCommandMix(long seed, int count, int carts, String idPrefix, String cartPrefix, double resendShare) {
        Random random = new Random(seed);
        Zipf zipf = new Zipf(carts, ZIPF_EXPONENT, random);
        Map<Integer, Set<String>> lines = new HashMap<>();
        Map<Integer, Integer> generation = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (!commands.isEmpty() && random.nextDouble() < resendShare) {
                commands.add(commands.get(random.nextInt(commands.size())));
                resends++;
                continue;
            }
            int cart = zipf.next();
            // A checked-out cart is done: its later commands go to the cart's next generation, a new cart.
            String cartId = cartPrefix + cart + "-" + generation.getOrDefault(cart, 0);
            Set<String> held = lines.computeIfAbsent(cart, c -> new LinkedHashSet<>());
            String commandId = idPrefix + i;
            double pick = random.nextDouble();
            String json;
            if (held.isEmpty() || pick < 0.60) {
                String sku = SKUS.get(random.nextInt(SKUS.size()));
                held.add(sku);
                json = "{\"type\":\"AddItem\",\"commandId\":\"" + commandId + "\",\"sku\":\"" + sku
                        + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}";
            } else if (pick < 0.75) {
                // One in five names a line the cart may not have: a CommandRejected, still one outcome.
                String sku = random.nextInt(5) == 0 ? SKUS.get(random.nextInt(SKUS.size())) : first(held);
                json = "{\"type\":\"ChangeQuantity\",\"commandId\":\"" + commandId + "\",\"sku\":\"" + sku
                        + "\",\"quantity\":" + (1 + random.nextInt(5)) + "}";
            } else if (pick < 0.87) {
                String sku = first(held);
                held.remove(sku);
                json = "{\"type\":\"RemoveItem\",\"commandId\":\"" + commandId + "\",\"sku\":\"" + sku + "\"}";
            } else if (pick < 0.92) {
                held.clear();
                json = "{\"type\":\"ClearCart\",\"commandId\":\"" + commandId + "\"}";
            } else {
                held.clear();
                generation.merge(cart, 1, Integer::sum);
                json = "{\"type\":\"Checkout\",\"commandId\":\"" + commandId + "\",\"customerId\":\"cust-"
                        + cart % 1000 + "\"}";
            }
            commands.add(new Command(cartId, json.getBytes(StandardCharsets.UTF_8)));
            outcomes++;
        }
    }

    List<Command> commands() {
        return commands;
    }

    /** Events the records yield: one per record that is not a re-send. */
    long outcomes() {
        return outcomes;
    }

    long resends() {
        return resends;
    }

    private static String first(Set<String> held) {
        return held.iterator().next();
    }

    /** Zipf over 0..n-1 by inverting the cumulative weights (n is at most a few million). */
    static final class Zipf {
        private final double[] cumulative;
        private final Random random;

        Zipf(int n, double exponent, Random random) {
            this.random = random;
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1 / Math.pow(k + 1, exponent);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int next() {
            int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return index >= 0 ? index : Math.min(-index - 1, cumulative.length - 1);
        }
    }
}
