package io.shopstreams.shopctl.acls;

import io.shopstreams.shopctl.Cli;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code shopctl acls plan}: what each service's topology needs, and nothing of the other service. */
class AclsPlanTest {
    private static List<String> plan(String... more) {
        String[] args = new String[4 + more.length];
        System.arraycopy(new String[] {"acls", "plan", "--cart-principal", "User:cart"}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        Cli.Result result = Cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().lines().toList();
    }

    @Test
    void cart_stream_gets_exactly_its_topics_its_prefixes_and_nothing_of_order_stream() {
        List<String> cart = plan("--order-principal", "User:order").stream()
                .filter(line -> line.startsWith("User:cart ")).toList();
        assertThat(cart).containsExactly(
                "User:cart ALLOW CREATE TOPIC PREFIXED cart-stream-",
                "User:cart ALLOW DELETE TOPIC PREFIXED cart-stream-",
                "User:cart ALLOW DESCRIBE GROUP LITERAL cart-stream",
                "User:cart ALLOW DESCRIBE TOPIC LITERAL cart-commands",
                "User:cart ALLOW DESCRIBE TOPIC LITERAL cart-events",
                "User:cart ALLOW DESCRIBE TOPIC LITERAL dead-letters",
                "User:cart ALLOW DESCRIBE TOPIC LITERAL order-events",
                "User:cart ALLOW DESCRIBE TOPIC LITERAL products",
                "User:cart ALLOW DESCRIBE TOPIC LITERAL rebuild-epochs",
                "User:cart ALLOW DESCRIBE TOPIC PREFIXED cart-stream-",
                "User:cart ALLOW DESCRIBE TRANSACTIONAL_ID PREFIXED cart-stream-",
                "User:cart ALLOW DESCRIBE_CONFIGS TOPIC PREFIXED cart-stream-",
                "User:cart ALLOW READ GROUP LITERAL cart-stream",
                "User:cart ALLOW READ TOPIC LITERAL cart-commands",
                "User:cart ALLOW READ TOPIC LITERAL order-events",
                "User:cart ALLOW READ TOPIC LITERAL products",
                "User:cart ALLOW READ TOPIC LITERAL rebuild-epochs",
                "User:cart ALLOW READ TOPIC PREFIXED cart-stream-",
                "User:cart ALLOW WRITE TOPIC LITERAL cart-commands",
                "User:cart ALLOW WRITE TOPIC LITERAL cart-events",
                "User:cart ALLOW WRITE TOPIC LITERAL dead-letters",
                "User:cart ALLOW WRITE TOPIC PREFIXED cart-stream-",
                "User:cart ALLOW WRITE TRANSACTIONAL_ID PREFIXED cart-stream-");
    }

    @Test
    void order_stream_writes_only_its_own_topics() {
        List<String> writes = plan("--order-principal", "User:order").stream()
                .filter(line -> line.startsWith("User:order ALLOW WRITE ")).toList();
        assertThat(writes).containsExactly(
                "User:order ALLOW WRITE TOPIC LITERAL dead-letters",
                "User:order ALLOW WRITE TOPIC LITERAL order-commands",
                "User:order ALLOW WRITE TOPIC LITERAL order-events",
                "User:order ALLOW WRITE TOPIC PREFIXED order-stream-",
                "User:order ALLOW WRITE TRANSACTIONAL_ID PREFIXED order-stream-");
    }

    @Test
    void another_application_id_moves_the_prefixes() {
        assertThat(plan("--order-principal", "User:order", "--cart-application-id", "shop-eu-cart"))
                .contains("User:cart ALLOW WRITE TRANSACTIONAL_ID PREFIXED shop-eu-cart-",
                        "User:cart ALLOW READ GROUP LITERAL shop-eu-cart")
                .noneMatch(line -> line.contains("PREFIXED cart-stream-"));
    }

    @Test
    void one_principal_for_both_services_is_refused() {
        Cli.Result result = Cli.run("acls", "plan", "--cart-principal", "User:shop", "--order-principal", "User:shop");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("each service and the CLI need a principal of their own");
    }

    @Test
    void the_cli_reads_every_public_topic_writes_commands_and_the_catalog_and_rebuilds_but_writes_no_event() {
        List<String> cli = plan("--order-principal", "User:order", "--cli-principal", "User:ops").stream()
                .filter(line -> line.startsWith("User:ops ")).toList();
        assertThat(cli).containsExactly(
                "User:ops ALLOW CREATE TOPIC PREFIXED cart-stream-",
                "User:ops ALLOW CREATE TOPIC PREFIXED order-stream-",
                "User:ops ALLOW DELETE TOPIC PREFIXED cart-stream-",
                "User:ops ALLOW DELETE TOPIC PREFIXED order-stream-",
                "User:ops ALLOW DESCRIBE GROUP LITERAL cart-stream",
                "User:ops ALLOW DESCRIBE GROUP LITERAL order-stream",
                "User:ops ALLOW DESCRIBE TOPIC LITERAL cart-commands",
                "User:ops ALLOW DESCRIBE TOPIC LITERAL cart-events",
                "User:ops ALLOW DESCRIBE TOPIC LITERAL dead-letters",
                "User:ops ALLOW DESCRIBE TOPIC LITERAL order-commands",
                "User:ops ALLOW DESCRIBE TOPIC LITERAL order-events",
                "User:ops ALLOW DESCRIBE TOPIC LITERAL products",
                "User:ops ALLOW DESCRIBE TOPIC LITERAL rebuild-epochs",
                "User:ops ALLOW DESCRIBE TOPIC PREFIXED cart-stream-",
                "User:ops ALLOW DESCRIBE TOPIC PREFIXED order-stream-",
                "User:ops ALLOW DESCRIBE TRANSACTIONAL_ID LITERAL shopctl-dlq-replay",
                "User:ops ALLOW DESCRIBE_CONFIGS TOPIC PREFIXED cart-stream-",
                "User:ops ALLOW DESCRIBE_CONFIGS TOPIC PREFIXED order-stream-",
                "User:ops ALLOW READ TOPIC LITERAL cart-commands",
                "User:ops ALLOW READ TOPIC LITERAL cart-events",
                "User:ops ALLOW READ TOPIC LITERAL dead-letters",
                "User:ops ALLOW READ TOPIC LITERAL order-commands",
                "User:ops ALLOW READ TOPIC LITERAL order-events",
                "User:ops ALLOW READ TOPIC LITERAL products",
                "User:ops ALLOW READ TOPIC LITERAL rebuild-epochs",
                "User:ops ALLOW WRITE TOPIC LITERAL cart-commands",
                "User:ops ALLOW WRITE TOPIC LITERAL order-commands",
                "User:ops ALLOW WRITE TOPIC LITERAL products",
                "User:ops ALLOW WRITE TOPIC LITERAL rebuild-epochs",
                "User:ops ALLOW WRITE TOPIC PREFIXED cart-stream-",
                "User:ops ALLOW WRITE TOPIC PREFIXED order-stream-",
                "User:ops ALLOW WRITE TRANSACTIONAL_ID LITERAL shopctl-dlq-replay");
    }

    @Test
    void the_cli_principal_must_differ_from_the_services() {
        Cli.Result result = Cli.run("acls", "plan", "--cart-principal", "User:cart", "--order-principal",
                "User:order", "--cli-principal", "User:cart");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("each service and the CLI need a principal of their own");
    }
}
