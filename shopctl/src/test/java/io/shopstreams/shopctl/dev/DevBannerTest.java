package io.shopstreams.shopctl.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevBannerTest {

    private static List<String> banner(String bootstrap) {
        return DevBanner.lines(6.24, bootstrap, "embedded", "http://127.0.0.1:7070", "http://127.0.0.1:7071");
    }

    @Test
    void saysHowLongStartupTookAndWhereEverythingIs() {
        assertThat(banner("127.0.0.1:9092")).startsWith(
                "shopctl dev: ready in 6.2 s",
                "  Kafka         127.0.0.1:9092   (embedded)",
                "  cart-stream   http://127.0.0.1:7070",
                "  order-stream  http://127.0.0.1:7071");
    }

    @Test
    void givesCopyPasteExamplesForTheCliCurlAndKcat() {
        assertThat(String.join("\n", banner("127.0.0.1:9092"))).contains(
                "./shopctl.sh cart add cart-1 espresso-beans-1kg --qty 2\n",
                "curl -s 'http://127.0.0.1:7070/carts/cart-1?minVersion=1&timeoutMs=5000'",
                "curl -s -X POST http://127.0.0.1:7070/carts/cart-1/commands",
                "./shopctl.sh tail cart-events --from-beginning\n",
                "kcat -P -b 127.0.0.1:9092 -t cart-commands -K '|' -X partitioner=murmur2_random",
                "consistent_random");
    }

    @Test
    void withTheStaticTokenTheWritesCarryItAndTheReadsStayOpen(@TempDir Path dir) {
        String text = String.join("\n", DevBanner.lines(1, "127.0.0.1:9092", "embedded", "http://a", "http://b",
                DevAuth.create(DevAuth.Mode.TOKEN, dir)));
        assertThat(text).containsPattern("export SHOP_TOKEN=dev-[0-9a-f]{32}\n")
                .contains("curl -s -X POST -H \"Authorization: Bearer $SHOP_TOKEN\" http://a/carts/cart-1/commands")
                .contains("curl -s 'http://a/carts/cart-1?minVersion=1&timeoutMs=5000'");
    }

    @Test
    void withJwtsEachExampleUsesTheTokenOfItsRole(@TempDir Path dir) {
        String text = String.join("\n", DevBanner.lines(1, "127.0.0.1:9092", "embedded", "http://a", "http://b",
                DevAuth.create(DevAuth.Mode.JWT, dir)));
        assertThat(text).containsPattern("export SHOP_READ=ey\\S+\n")
                .containsPattern("export CUSTOMER_TOKEN=ey\\S+\n")
                .contains("JWKS " + dir.resolve("jwks.json"))
                .contains("curl -s -H \"Authorization: Bearer $SHOP_READ\" 'http://a/carts/cart-1")
                .contains("curl -s -X POST -H \"Authorization: Bearer $CART_WRITE\" http://a/carts/cart-1/commands")
                .contains("curl -s -H \"Authorization: Bearer $CUSTOMER_TOKEN\" http://b/customers/alice/orders");
        assertThat(dir.resolve("jwks.json")).content().contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");
    }

    @Test
    void theCliExamplesNameAKafkaThatIsNotTheDefault() {
        assertThat(banner("127.0.0.1:19092")).filteredOn(line -> line.contains("./shopctl.sh"))
                .isNotEmpty().allSatisfy(line -> assertThat(line).endsWith("--bootstrap-servers 127.0.0.1:19092"));
    }
}
