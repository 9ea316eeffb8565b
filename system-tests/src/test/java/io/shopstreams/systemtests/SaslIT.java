package io.shopstreams.systemtests;

import io.shopstreams.cart.CartService;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.order.OrderService;
import io.shopstreams.service.ServiceConfig;
import io.shopstreams.service.ServiceRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Both services against a broker whose client listener requires SASL_PLAINTEXT with PLAIN: with credentials
 * passed through as {@code KAFKA_*} variables they apply topics, start and serve the saga end to end; without
 * them, or with a wrong password, a service fails at start with one clear line, in bounded time. (The broker
 * keeps a PLAINTEXT listener for its own readiness probe and inter-broker traffic; the services are pointed at
 * the SASL listener only.)
 */
class SaslIT {
    private static final int SASL_PORT = ShopFixture.freePort();
    private static final String SASL_BOOTSTRAP = "127.0.0.1:" + SASL_PORT;
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule required";

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> builder
            .clientListener("SASL_PLAINTEXT", SASL_BOOTSTRAP)
            .brokerProperty("sasl.enabled.mechanisms", "PLAIN")
            .brokerProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    PLAIN + " user_alice=\"alice-secret\";"));

    private static ShopFixture shop;

    @TempDir
    Path stateDir;

    private static Map<String, String> credentials(String password) {
        return Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", PLAIN + " username=\"alice\" password=\"" + password + "\";");
    }

    @BeforeAll
    static void applyTopicsWithCredentials() {
        shop = new ShopFixture(SASL_BOOTSTRAP, credentials("alice-secret"));
        shop.product("sku-mug", "Mug", 1250, true);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void both_services_start_with_credentials_and_serve_a_checkout_end_to_end() {
        ServiceRuntime cart = shop.startCart("a", Map.of());
        ServiceRuntime order = shop.startOrder("a", Map.of());
        ShopFixture.awaitRunning(cart, order);

        shop.checkoutTwoMugsEndToEnd(cart, order);
    }

    @Test
    void with_a_wrong_password_a_service_fails_at_start_saying_so() {
        Map<String, String> env = env();
        env.putAll(credentials("not-the-password"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> ServiceRuntime.start(new CartService(), new CartService().settings(env)))
                .isInstanceOf(ServiceConfig.ConfigException.class)
                .hasMessageContaining("refused this service's credentials")
                .hasMessageContaining("Authentication failed")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("not-the-password");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void without_credentials_a_service_fails_at_start_in_bounded_time() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> ServiceRuntime.start(new OrderService(), new OrderService().settings(env())))
                .isInstanceOf(ServiceConfig.ConfigException.class)
                .hasMessageContaining("did not answer")
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL")
                .hasMessageNotContaining("\n");
        // The listener just closes connections that skip the SASL handshake: 15 s until the describe times out,
        // up to 5 s more to close the admin client.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
    }

    @Test
    void shopctl_works_with_a_command_config_holding_the_credentials_and_fails_in_one_line_without() throws Exception {
        Path clientConfig = stateDir.resolve("client.properties");
        java.nio.file.Files.writeString(clientConfig, "security.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=" + PLAIN + " username=\"alice\" password=\"alice-secret\";\n");
        Shopctl shopctl = new Shopctl(SASL_BOOTSTRAP);

        Shopctl.Result added = shopctl.run("cart", "add", "cart-cli", "sku-mug", "--command-config", clientConfig.toString());
        assertThat(added.exitCode()).as(added.toString()).isZero();
        String commandId = added.outLines().get(0);
        Shopctl.Result tailed = shopctl.run("tail", "cart-commands", "--from-beginning", "--timeout-ms", "5000",
                "--command-config", clientConfig.toString());
        assertThat(tailed.out()).contains(commandId);

        Shopctl.Result refused = shopctl.run("cart", "add", "cart-cli", "sku-mug");
        // 1 is shopctl's FAILURE exit code: the command line was fine, Kafka refused the connection.
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.errLines()).as(refused.toString()).hasSize(1);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", SASL_BOOTSTRAP);
        env.put("HTTP_PORT", Integer.toString(ShopFixture.freePort()));
        env.put("STATE_DIR", stateDir.toString());
        return env;
    }
}
