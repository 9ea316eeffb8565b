package io.shopstreams.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.commands.CartCommands;
import io.shopstreams.shopctl.commands.OrderCommands;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsing and validation of every command, without Kafka: whatever is wrong with the command line or the files
 * it names is found before connecting, and reported in one line with exit code 2.
 */
class CommandLineTest {

    private static void assertUsageError(Cli.Result result, String... fragments) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).hasSize(1);
        assertThat(result.errLines().get(0)).contains(fragments);
        assertThat(result.out()).isEmpty();
    }

    @Nested
    class Help {

        @Test
        void listsEveryCommandGroupAndExitsZero() {
            Cli.Result result = Cli.run("--help");

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("dev", "topics", "products", "cart", "order", "tail", "Exit codes");
        }

        @Test
        void isAvailableOnEveryMethodSubcommand() {
            Cli.Result result = Cli.run("cart", "add", "--help");

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("Usage: shopctl cart add", "CART", "SKU", "--qty", "--bootstrap-servers");
        }

        @Test
        void printsTheVersion() {
            assertThat(Cli.run("--version").out()).startsWith("shopctl ");
        }
    }

    @Nested
    class CartCommands {

        @Test
        void aBadCartIdIsAUsageErrorNamingTheArgument() {
            assertUsageError(Cli.run("cart", "add", "cart 1", "espresso-beans-1kg"), "shopctl cart add:", "CART",
                    "'cart 1' is not an ID");
        }

        @Test
        void aBadSkuIsAUsageErrorNamingTheArgument() {
            assertUsageError(Cli.run("cart", "remove", "cart-1", "sku/with/slashes"), "SKU");
        }

        @Test
        void anIdLongerThan64CharactersIsRefused() {
            assertUsageError(Cli.run("cart", "clear", "c".repeat(65)), "CART", "1-64 characters");
        }

        @Test
        void aBadCustomerIdIsAUsageErrorNamingTheOption() {
            assertUsageError(Cli.run("cart", "checkout", "cart-1", "--customer", "al ice"), "--customer");
        }

        @Test
        void aBadCommandIdIsAUsageErrorNamingTheOption() {
            assertUsageError(Cli.run("cart", "clear", "cart-1", "--command-id", "x?"), "--command-id");
        }

        @Test
        void checkoutWithoutACustomerIsAUsageError() {
            assertUsageError(Cli.run("cart", "checkout", "cart-1"), "Missing required option", "--customer");
        }

        @Test
        void aQuantityThatIsNotANumberIsAUsageError() {
            assertUsageError(Cli.run("cart", "add", "cart-1", "espresso-beans-1kg", "--qty", "two"), "--qty");
        }

        @Test
        void setQtyNeedsTheQuantity() {
            assertUsageError(Cli.run("cart", "set-qty", "cart-1", "espresso-beans-1kg"), "Missing required parameter",
                    "N");
        }

        @Test
        void theGroupAloneAsksForASubcommand() {
            assertUsageError(Cli.run("cart"), "Missing required subcommand");
        }

        @Test
        void anUnknownSubcommandIsAUsageError() {
            assertUsageError(Cli.run("cart", "empty", "cart-1"), "shopctl cart");
        }

        @Test
        void aMistypedOptionIsAUsageErrorWithASuggestion() {
            assertUsageError(Cli.run("cart", "clear", "cart-1", "--comand-id", "c-1"), "Unknown option",
                    "did you mean: --command-id");
        }

        @Test
        void anUnreadableCommandConfigIsAUsageError(@TempDir Path dir) {
            assertUsageError(Cli.run("cart", "clear", "cart-1", "--command-config", dir.resolve("nope.properties")
                    .toString()), "cannot read --command-config");
        }
    }

    @Nested
    class OrderCommands {

        @Test
        void payNeedsAnAmountAndAReference() {
            assertUsageError(Cli.run("order", "pay", "order-1", "--ref", "r-1"), "--amount");
            assertUsageError(Cli.run("order", "pay", "order-1", "--amount", "100"), "--ref");
        }

        @Test
        void anAmountMustBeWholeCents() {
            assertUsageError(Cli.run("order", "pay", "order-1", "--amount", "12.50", "--ref", "r-1"), "--amount");
        }

        @Test
        void aBadOrderIdIsAUsageErrorNamingTheArgument() {
            assertUsageError(Cli.run("order", "deliver", "order#1"), "ORDER");
        }

        @Test
        void shipNeedsCarrierAndTracking() {
            assertUsageError(Cli.run("order", "ship", "order-1", "--carrier", "DHL"), "--tracking");
        }

        @Test
        void cancelNeedsAReason() {
            assertUsageError(Cli.run("order", "cancel", "order-1"), "--reason");
        }
    }

    @Nested
    class Tail {

        @Test
        void anUnknownTopicIsAUsageErrorListingTheValidNames() {
            assertUsageError(Cli.run("tail", "cart-comands"), "unknown topic 'cart-comands'", "products",
                    "cart-commands", "cart-events", "order-commands", "order-events", "dead-letters");
        }

        @Test
        void maxMustBePositive() {
            assertUsageError(Cli.run("tail", "products", "--max", "0"), "--max must be positive");
        }

        @Test
        void timeoutMustBePositive() {
            assertUsageError(Cli.run("tail", "products", "--timeout-ms", "-5"), "--timeout-ms must be positive");
        }
    }

    @Nested
    class Topics {

        @Test
        void anUnknownProfileIsAUsageErrorBeforeConnecting() {
            assertUsageError(Cli.run("topics", "apply", "--profile", "staging", "--bootstrap-servers", "127.0.0.1:1"),
                    "unknown profile 'staging'", "dev, production");
        }

        @Test
        void aMissingDeclarationFileIsAUsageError(@TempDir Path dir) {
            assertUsageError(Cli.run("topics", "describe", "--file", dir.resolve("topics.yaml").toString()),
                    "topics.yaml", "cannot read");
        }

        @Test
        void aDeclarationFileWithSeveralProblemsIsStillOneLine(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("topics.yaml"), "profiles: {}\ntopics: []\n");

            assertUsageError(Cli.run("topics", "apply", "--file", file.toString()), "'topics' is missing",
                    "'profiles' is missing");
        }
    }

    @Nested
    class Products {

        @Test
        void aMissingFileIsAUsageError(@TempDir Path dir) {
            assertUsageError(Cli.run("products", "load", dir.resolve("catalog.json").toString()), "cannot read");
        }

        @Test
        void aBadEntryIsAUsageErrorNamingItsIndexAndCodeBeforeConnecting(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("catalog.json"), "["
                    + "{\"sku\":\"a-1\",\"name\":\"A\",\"priceCents\":100,\"currency\":\"EUR\",\"active\":true},"
                    + "{\"sku\":\"b 2\",\"name\":\"B\",\"priceCents\":100,\"currency\":\"EUR\",\"active\":true}]");

            assertUsageError(Cli.run("products", "load", file.toString(), "--bootstrap-servers", "127.0.0.1:1"),
                    "entry 2", "INVALID_ID", "sku");
        }
    }

    @Nested
    class Dev {

        @Test
        void kafkaPortCannotBeCombinedWithBootstrapServers() {
            assertUsageError(Cli.run("dev", "--kafka-port", "19092", "--bootstrap-servers", "127.0.0.1:9092"),
                    "--kafka-port");
        }

        @Test
        void aCommandConfigNeedsAGivenCluster(@TempDir Path dir) {
            assertUsageError(Cli.run("dev", "--command-config", dir.resolve("client.properties").toString()),
                    "--command-config is for the cluster given with --bootstrap-servers");
        }

        @Test
        void portsMustDiffer() {
            assertUsageError(Cli.run("dev", "--cart-port", "17070", "--order-port", "17070"), "must differ");
        }

        @Test
        void aTakenKafkaPortFailsAtOnceSuggestingBothWaysOut() throws IOException {
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = taken.getLocalPort();

                Cli.Result result = Cli.run("dev", "--kafka-port", Integer.toString(port),
                        "--cart-port", Integer.toString(freePort()), "--order-port", Integer.toString(freePort()));

                assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
                assertThat(result.errLines()).hasSize(1);
                assertThat(result.errLines().get(0)).contains("port " + port, "is taken", "--kafka-port",
                        "--bootstrap-servers 127.0.0.1:" + port);
            }
        }

        private int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                return socket.getLocalPort();
            }
        }
    }
}
