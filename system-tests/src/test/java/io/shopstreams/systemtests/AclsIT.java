package io.shopstreams.systemtests;

import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A broker with Kafka's standard authorizer, a SASL user per service and only the ACLs {@code shopctl acls apply}
 * derives: both services run the saga end to end, and the broker refuses cart-stream's principal what belongs to
 * order-stream (producing to {@code order-commands} or {@code order-events}, reading its changelog) and the
 * other way round. The fixture and shopctl use an admin user, a super user; the broker's own PLAINTEXT listener
 * (readiness probe, controller) is a super user too.
 */
class AclsIT {
    private static final int SASL_PORT = ShopFixture.freePort();
    private static final String SASL_BOOTSTRAP = "127.0.0.1:" + SASL_PORT;
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule required";

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> builder
            .clientListener("SASL_PLAINTEXT", SASL_BOOTSTRAP)
            .brokerProperty("sasl.enabled.mechanisms", "PLAIN")
            .brokerProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", PLAIN
                    + " user_admin=\"admin-secret\" user_cart=\"cart-secret\" user_order=\"order-secret\""
                    + " user_ops=\"ops-secret\";")
            .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
            .brokerProperty("super.users", "User:ANONYMOUS;User:admin")
            .brokerProperty("allow.everyone.if.no.acl.found", "false"));

    @TempDir
    Path dir;

    private static Map<String, String> credentials(String user) {
        return Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", PLAIN + " username=\"" + user + "\" password=\"" + user + "-secret\";");
    }

    /** A client properties file for {@code shopctl --command-config} with {@code user}'s credentials. */
    private Path commandConfig(String user) throws java.io.IOException {
        return Files.writeString(dir.resolve(user + ".properties"), "security.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=PLAIN\nsasl.jaas.config=" + credentials(user).get("KAFKA_SASL_JAAS_CONFIG") + "\n");
    }

    private static Map<String, Object> client(String user) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, SASL_BOOTSTRAP);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, credentials(user).get("KAFKA_SASL_JAAS_CONFIG"));
        return config;
    }

    @Test
    void theServicesRunTheSagaWithTheirAclsAndTheBrokerKeepsThemApart() throws Exception {
        Path adminConfig = commandConfig("admin");
        try (ShopFixture shop = new ShopFixture(SASL_BOOTSTRAP, credentials("admin"))) {
            shop.product("sku-mug", "Mug", 1250, true);
            Shopctl.Result applied = new Shopctl(SASL_BOOTSTRAP).run("acls", "apply", "--cart-principal", "User:cart",
                    "--order-principal", "User:order", "--cli-principal", "User:ops", "--command-config",
                    adminConfig.toString());
            assertThat(applied.exitCode()).as(applied.toString()).isZero();
            assertThat(applied.out()).contains("acls: 78 created, 0 already present");
            // The broker lists new ACLs once its metadata has them; until then an apply creates them again (a no-op).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(new Shopctl(SASL_BOOTSTRAP)
                    .run("acls", "apply", "--cart-principal", "User:cart", "--order-principal", "User:order",
                            "--cli-principal", "User:ops", "--command-config", adminConfig.toString()).out())
                    .as("idempotent").contains("acls: 0 created, 78 already present"));

            ServiceRuntime cart = shop.startCart("a", credentials("cart"));
            ServiceRuntime order = shop.startOrder("a", credentials("order"));
            ShopFixture.awaitRunning(cart, order);

            shop.checkoutTwoMugsEndToEnd(cart, order);
            // A malformed command still reaches its dead letter under the ACLs.
            shop.send(Topics.CART_COMMANDS.name(), "cart-2", "{not json");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !DependencyLossIT.committedValues(shop, Topics.DEAD_LETTERS.name(), "cart-2").isEmpty());
            assertThat(DependencyLossIT.committedValues(shop, Topics.DEAD_LETTERS.name(), "cart-2"))
                    .containsExactly("{not json");

            assertWriteDenied("cart", Topics.ORDER_COMMANDS.name());
            assertWriteDenied("cart", Topics.ORDER_EVENTS.name());
            assertWriteDenied("order", Topics.CART_EVENTS.name());
            assertWriteDenied("order", Topics.CART_COMMANDS.name());
            assertReadDenied("cart", "order-stream-order-store-changelog");
            assertReadDenied("order", "cart-stream-cart-store-changelog");

            operatorsRunShopctlWithTheirAcls(shop, cart);
        }
    }

    /** The operators' principal sends, reads, re-publishes and rebuilds; it cannot forge an event. */
    private void operatorsRunShopctlWithTheirAcls(ShopFixture shop, ServiceRuntime cart) throws Exception {
        String ops = commandConfig("ops").toString();
        Shopctl shopctl = new Shopctl(SASL_BOOTSTRAP);
        Shopctl.Result added = shopctl.run("cart", "add", "cart-ops", "sku-mug", "--command-config", ops);
        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(shop.get(cart, "/carts/cart-ops?minVersion=1&timeoutMs=30000").json().path("version").asLong())
                .isEqualTo(1);

        Shopctl.Result tailed = shopctl.run("tail", "cart-events", "--from-beginning", "--timeout-ms", "5000",
                "--command-config", ops);
        assertThat(tailed.exitCode()).as(tailed.toString()).isZero();
        assertThat(tailed.out()).contains("cart-ops");
        Shopctl.Result listed = shopctl.run("dlq", "list", "--command-config", ops);
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out()).contains("NOT_JSON");
        Shopctl.Result republished = shopctl.run("dlq", "replay", "--code", "NOT_JSON", "--command-config", ops);
        assertThat(republished.exitCode()).as(republished.toString()).isZero();
        assertThat(republished.outLines()).last().isEqualTo("re-published 1, 0 skipped (re-published before), 0 refused");
        assertWriteDenied("ops", Topics.CART_EVENTS.name());
        assertWriteDenied("ops", Topics.ORDER_EVENTS.name());

        shop.stop(cart);
        Shopctl.Result rebuilt = shopctl.run("replay", "cart", "--group-wait-seconds", "60", "--command-config", ops);
        assertThat(rebuilt.exitCode()).as(rebuilt.toString()).isZero();
        assertThat(rebuilt.out()).startsWith("rebuilt cart-stream from ");
    }

    private static void assertWriteDenied(String user, String topic) {
        Map<String, Object> config = client(user);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "{}")).get(20, TimeUnit.SECONDS))
                    .as(user + " writing " + topic).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static void assertReadDenied(String user, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client(user), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).as(user + " reading " + topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }
}
