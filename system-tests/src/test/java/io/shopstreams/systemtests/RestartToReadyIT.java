package io.shopstreams.systemtests;

import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import org.apache.kafka.streams.CloseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restart-to-ready of a crashed instance restarted on its own state dir, beside a surviving one. The crash is
 * what the group and the disk see of a {@code kill -9}: the member does not leave the group, and no
 * {@code .checkpoint} file is left (under exactly-once Kafka Streams deletes it while processing and writes it
 * back only on a clean close). Prints the figures the README quotes.
 */
class RestartToReadyIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    @Test
    void aCrashedStaticMemberIsReadyWithinTenSecondsOfItsRestart() throws Exception {
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers())) {
            shop.product("sku-mug", "Mug", 1250, true);
            for (int i = 0; i < 600; i++) {
                shop.send(Topics.CART_COMMANDS.name(), "cart-" + i,
                        "{\"type\":\"AddItem\",\"commandId\":\"add\",\"sku\":\"sku-mug\",\"quantity\":1}");
            }
            // The dynamic member waits out its 45 s session: the comparison for the README, not asserted, and
            // left out of CI's run unless asked for (-Drestart.compare=true).
            Duration dynamic = Boolean.getBoolean("restart.compare")
                    ? restartToReady(shop, "dynamic", Map.of("SESSION_TIMEOUT_MS", "45000",
                    "TRANSACTIONAL_STATE_STORES", "false")) : Duration.ZERO;
            Duration staticMember = restartToReady(shop, "static", Map.of("INSTANCE_ID", "static-a",
                    "TRANSACTIONAL_STATE_STORES", "false"));
            Duration transactional = restartToReady(shop, "txn", Map.of("INSTANCE_ID", "txn-a"));
            System.out.printf("restart-to-ready after a crash: dynamic member, 45 s session %d ms (0: not run);"
                    + " static member,"
                    + " 10 s session %d ms; static + transactional state stores %d ms%n",
                    dynamic.toMillis(), staticMember.toMillis(), transactional.toMillis());
            assertThat(staticMember).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** Starts a and b under {@code prefix}, crashes a, restarts it on its state dir: its time to ready. */
    private static Duration restartToReady(ShopFixture shop, String prefix, Map<String, String> extra)
            throws IOException {
        Map<String, String> env = new HashMap<>(extra);
        env.put("APPLICATION_ID", "restart-" + prefix);
        env.put("NUM_STANDBY_REPLICAS", "1");
        ServiceRuntime a = shop.startCart(prefix + "-a", env);
        Map<String, String> envB = new HashMap<>(env);
        envB.computeIfPresent("INSTANCE_ID", (k, v) -> v.replace("-a", "-b"));
        ServiceRuntime b = shop.startCart(prefix + "-b", envB);
        ShopFixture.awaitRunning(a, b);
        DependencyLossIT.awaitReady(shop, a, true);
        assertThat(shop.get(b, "/carts/cart-599?minVersion=1&timeoutMs=60000").status()).isEqualTo(200);

        a.streams().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        deleteCheckpoints(Path.of(a.settings().stateDir()));
        shop.stop(a);
        long restarted = System.nanoTime();
        ServiceRuntime again = shop.startCart(prefix + "-a", env);
        DependencyLossIT.awaitReady(shop, again, true);
        Duration took = Duration.ofNanos(System.nanoTime() - restarted);
        shop.stop(again);
        shop.stop(b);
        return took;
    }

    private static void deleteCheckpoints(Path stateDir) throws IOException {
        try (var files = Files.walk(stateDir)) {
            files.filter(file -> file.getFileName().toString().equals(".checkpoint")).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
