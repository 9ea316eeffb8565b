package io.shopstreams.shopctl.dev;

import java.util.List;
import java.util.Locale;

import io.shopstreams.service.http.Caller;
import io.shopstreams.shopctl.kafka.KafkaOptions;

/** What {@code shopctl dev} prints once ready: where everything is, and commands to copy and paste. Pure. */
public final class DevBanner {
    /** A demo product that is active: the examples use it. */
    static final String EXAMPLE_SKU = "espresso-beans-1kg";
    private static final String SECOND_SKU = "ceramic-mug";

    private DevBanner() {
    }

    static List<String> lines(double readySeconds, String bootstrapServers, String kafkaNote, String cartUrl,
                              String orderUrl) {
        return lines(readySeconds, bootstrapServers, kafkaNote, cartUrl, orderUrl, DevAuth.create(DevAuth.Mode.NONE,
                null));
    }

    static List<String> lines(double readySeconds, String bootstrapServers, String kafkaNote, String cartUrl,
                              String orderUrl, DevAuth auth) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                String.format(Locale.ROOT, "shopctl dev: ready in %.1f s", readySeconds),
                "  Kafka         " + bootstrapServers + "   (" + kafkaNote + ")",
                "  cart-stream   " + cartUrl,
                "  order-stream  " + orderUrl,
                ""));
        lines.addAll(auth.lines());
        lines.addAll(List.of(
                "Try, in another terminal:",
                "  ./shopctl.sh cart add cart-1 " + EXAMPLE_SKU + " --qty 2" + bootstrapOption(bootstrapServers),
                "  curl -s" + auth.header(Caller.SHOP_READ) + " '" + cartUrl + "/carts/cart-1?minVersion=1&timeoutMs=5000'",
                "  curl -s -X POST" + auth.header(Caller.CART_WRITE) + " " + cartUrl
                        + "/carts/cart-1/commands -H 'Content-Type: application/json' \\",
                "       -d '{\"type\":\"AddItem\",\"sku\":\"" + SECOND_SKU + "\",\"quantity\":1}'",
                "  ./shopctl.sh cart checkout cart-1 --customer " + DevAuth.CUSTOMER + bootstrapOption(bootstrapServers),
                "  curl -s" + auth.header(Caller.CUSTOMER) + " " + orderUrl + "/customers/" + DevAuth.CUSTOMER + "/orders",
                "  ./shopctl.sh tail cart-events --from-beginning" + bootstrapOption(bootstrapServers),
                "",
                "  # kcat: -X partitioner=murmur2_random hashes keys like the Java client, so cart-1 lands on the",
                "  # partition Kafka Streams owns it on; librdkafka's default (consistent_random) picks another,",
                "  # and the service must then re-route the command before deciding it.",
                "  echo 'cart-1|{\"type\":\"AddItem\",\"commandId\":\"kcat-1\",\"sku\":\"" + SECOND_SKU
                        + "\",\"quantity\":1}' \\",
                "    | kcat -P -b " + bootstrapServers + " -t cart-commands -K '|' -X partitioner=murmur2_random",
                "",
                "Stop with Ctrl-C."));
        return List.copyOf(lines);
    }

    /** The CLI examples need --bootstrap-servers unless Kafka is where shopctl looks by default. */
    private static String bootstrapOption(String bootstrapServers) {
        boolean defaultAddress = bootstrapServers.equals("127.0.0.1:9092")
                || bootstrapServers.equals(KafkaOptions.DEFAULT_BOOTSTRAP_SERVERS);
        return defaultAddress ? "" : " --bootstrap-servers " + bootstrapServers;
    }
}
