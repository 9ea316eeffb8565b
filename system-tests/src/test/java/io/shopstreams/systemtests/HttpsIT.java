package io.shopstreams.systemtests;

import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.kafka.embedded.TestCertificates;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.http.HttpTls;
import io.shopstreams.service.http.QueryRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two cart instances on HTTPS with client authentication required (mTLS), certificates from a test CA: every
 * cart reads the same through both, the other instance's keys forwarded over TLS with the instance's own
 * certificate; a caller without a certificate, and plain HTTP, get nothing.
 */
class HttpsIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final char[] PASSWORD = TestCertificates.PASSWORD.toCharArray();
    private static final List<String> CARTS = IntStream.range(0, 12).mapToObj(i -> "cart-tls-" + i).toList();

    @Test
    void cartsReadThroughBothInstancesOverMutualTls() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        Path instance = certs.keyStore("instance", "ip:127.0.0.1,dns:localhost");
        Map<String, String> tls = Map.of("HTTP_TLS_KEYSTORE", instance.toString(),
                "HTTP_TLS_KEYSTORE_PASSWORD", TestCertificates.PASSWORD,
                "HTTP_TLS_TRUSTSTORE", certs.trustStore().toString(),
                "HTTP_TLS_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD, "HTTP_TLS_CLIENT_AUTH", "required");
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers())) {
            shop.useHttpClient(HttpTls.of(instance, PASSWORD, certs.trustStore(), PASSWORD, true).clientBuilder()
                    .connectTimeout(Duration.ofSeconds(2)).build());
            shop.product("sku-mug", "Mug", 1250, true);
            ServiceRuntime a = shop.startCart("a", tls);
            ServiceRuntime b = shop.startCart("b", tls);
            ShopFixture.awaitRunning(a, b);
            assertThat(a.httpScheme()).isEqualTo("https");
            for (String cart : CARTS) {
                shop.send(Topics.CART_COMMANDS.name(), cart,
                        "{\"type\":\"AddItem\",\"commandId\":\"add\",\"sku\":\"sku-mug\",\"quantity\":3}");
            }
            int forwarded = 0;
            for (String cart : CARTS) {
                var viaA = shop.get(a, "/carts/" + cart + "?minVersion=1&timeoutMs=30000");
                var viaB = shop.get(b, "/carts/" + cart + "?minVersion=1&timeoutMs=30000");
                assertThat(viaA.status()).as(cart + ": " + viaA.body()).isEqualTo(200);
                assertThat(viaA.json().get("totalCents").asLong()).isEqualTo(3750);
                assertThat(viaB.json()).isEqualTo(viaA.json());
                forwarded += (viaA.header(QueryRouter.SERVED_BY_HEADER) != null ? 1 : 0)
                        + (viaB.header(QueryRouter.SERVED_BY_HEADER) != null ? 1 : 0);
            }
            assertThat(forwarded).as("each cart forwarded by the instance that does not own it")
                    .isEqualTo(CARTS.size());

            String url = "https://127.0.0.1:" + a.httpPort() + "/carts/" + CARTS.get(0);
            assertThatThrownBy(() -> send(HttpClient.newBuilder().sslContext(trustOnly(certs.trustStore())).build(),
                    url)).as("no client certificate").isInstanceOf(java.io.IOException.class);
            assertThatThrownBy(() -> send(HttpClient.newHttpClient(), "http://127.0.0.1:" + a.httpPort() + "/health"))
                    .as("plain HTTP").isInstanceOf(java.io.IOException.class);
        }
    }

    private static HttpResponse<String> send(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trustOnly(Path trustStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
