package io.shopstreams.systemtests;

import io.shopstreams.cart.CartService;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.kafka.embedded.TestCertificates;
import io.shopstreams.service.ServiceConfig;
import io.shopstreams.service.ServiceRuntime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Both services and shopctl against a broker whose client listener is SASL_SSL with SCRAM-SHA-512: TLS with a
 * certificate of a test CA, SCRAM users created through the admin API. The saga runs end to end; a wrong
 * password fails at start in one line; no password or store password appears in any log line or message.
 */
class KafkaSslScramIT {
    private static final int SSL_PORT = ShopFixture.freePort();
    private static final String SSL_BOOTSTRAP = "127.0.0.1:" + SSL_PORT;
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule required";
    private static final String SHOP_PASSWORD = "Scr4m-shop-p4ss";
    private static final Path BROKER_KEYSTORE = brokerKeyStore();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> builder
            .clientListener("SASL_SSL", SSL_BOOTSTRAP)
            .brokerProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512")
            .brokerProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", SCRAM + ";")
            .brokerProperty("ssl.keystore.type", "PKCS12")
            .brokerProperty("ssl.keystore.location", BROKER_KEYSTORE.toString())
            .brokerProperty("ssl.keystore.password", TestCertificates.PASSWORD)
            .brokerProperty("ssl.key.password", TestCertificates.PASSWORD));

    @TempDir
    Path dir;

    private static Path brokerKeyStore() {
        try {
            return TestCertificates.shared().keyStore("broker", "ip:127.0.0.1,dns:localhost");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> kafkaEnv(String password) {
        try {
            return Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                    "KAFKA_SASL_JAAS_CONFIG", SCRAM + " username=\"shop\" password=\"" + password + "\";",
                    "KAFKA_SSL_TRUSTSTORE_LOCATION", TestCertificates.shared().trustStore().toString(),
                    "KAFKA_SSL_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD,
                    "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createScramUser() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("shop",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), SHOP_PASSWORD))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void bothServicesAndShopctlWorkOverSaslSslWithScramAndNoSecretIsEverPrinted() throws Exception {
        createScramUser();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(captured, originalErr), true, StandardCharsets.UTF_8);
        System.setErr(tee);
        System.setOut(new PrintStream(new TeeStream(captured, originalOut), true, StandardCharsets.UTF_8));
        try {
            // The broker may take a moment to know the new user: the fixture's first admin call retries.
            AtomicReference<ShopFixture> fixture = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> fixture.compareAndSet(null, new ShopFixture(SSL_BOOTSTRAP, kafkaEnv(SHOP_PASSWORD))));
            try (ShopFixture shop = fixture.get()) {
                shop.product("sku-mug", "Mug", 1250, true);
                ServiceRuntime cart = shop.startCart("a", Map.of());
                ServiceRuntime order = shop.startOrder("a", Map.of());
                ShopFixture.awaitRunning(cart, order);

                shop.checkoutTwoMugsEndToEnd(cart, order);

                Path clientConfig = Files.writeString(dir.resolve("client.properties"),
                        "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                                + "sasl.jaas.config=" + SCRAM + " username=\"shop\" password=\"" + SHOP_PASSWORD + "\";\n"
                                + "ssl.truststore.location=" + TestCertificates.shared().trustStore() + "\n"
                                + "ssl.truststore.password=" + TestCertificates.PASSWORD + "\n"
                                + "ssl.truststore.type=PKCS12\n");
                Shopctl shopctl = new Shopctl(SSL_BOOTSTRAP);
                Shopctl.Result added = shopctl.run("cart", "add", "cart-cli", "sku-mug", "--command-config",
                        clientConfig.toString());
                assertThat(added.exitCode()).as(added.toString()).isZero();
                assertThat(shop.get(cart, "/carts/cart-cli?minVersion=1&timeoutMs=30000").json()
                        .get("totalCents").asLong()).isEqualTo(1250);
                Shopctl.Result tailed = shopctl.run("tail", "cart-events", "--from-beginning", "--timeout-ms", "5000",
                        "--command-config", clientConfig.toString());
                assertThat(tailed.out()).contains("CartCheckedOut");
                assertThat(added.out() + added.err() + tailed.err()).doesNotContain(SHOP_PASSWORD);

                Map<String, String> wrong = new HashMap<>(kafkaEnv("not-" + SHOP_PASSWORD));
                wrong.put("KAFKA_BOOTSTRAP_SERVERS", SSL_BOOTSTRAP);
                wrong.put("STATE_DIR", dir.resolve("wrong").toString());
                wrong.put("HTTP_PORT", Integer.toString(ShopFixture.freePort()));
                assertThatThrownBy(() -> ServiceRuntime.start(new CartService(), new CartService().settings(wrong)))
                        .isInstanceOf(ServiceConfig.ConfigException.class)
                        .hasMessageContaining("refused this service's credentials")
                        .hasMessageNotContaining("\n")
                        .hasMessageNotContaining(SHOP_PASSWORD);
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the services logged their start").contains("listening on http://");
        assertThat(log).doesNotContain(SHOP_PASSWORD).doesNotContain(TestCertificates.PASSWORD);
    }

    /** Writes to both: the captured log is checked, and the run stays visible. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
