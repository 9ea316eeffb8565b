package io.shopstreams.service.http;

import io.shopstreams.kafka.embedded.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS on a real socket with certificates of a test CA: the peer checks, client authentication, plain refused. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTlsTest {
    private static final char[] PASSWORD = TestCertificates.PASSWORD.toCharArray();

    private TestCertificates certs;
    private Path instance;
    private Path wrongName;
    private final List<ApiServer> servers = new ArrayList<>();

    @BeforeAll
    void certificates() throws IOException {
        certs = TestCertificates.shared();
        instance = certs.keyStore("instance", "ip:127.0.0.1,dns:localhost");
        wrongName = certs.keyStore("elsewhere", "dns:elsewhere.example");
    }

    @AfterEach
    void stop() {
        servers.forEach(ApiServer::close);
        servers.clear();
    }

    private ApiServer serve(HttpTls tls) throws IOException {
        RouteTable routes = new RouteTable().route("GET", "/things/{id}",
                request -> completedFuture(HttpResponse.json(200, Map.of("id", request.param("id")))));
        ApiServer server = new ApiServer(routes, new HttpLimits(1024), HttpAuth.NONE, HttpMetrics.NONE, tls);
        server.start("127.0.0.1", 0, 2);
        servers.add(server);
        return server;
    }

    private static java.net.http.HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                BodyHandlers.ofString());
    }

    @Test
    void an_instance_calls_another_over_https_checking_its_certificate() throws Exception {
        HttpTls tls = HttpTls.of(instance, PASSWORD, certs.trustStore(), PASSWORD, false);
        ApiServer server = serve(tls);
        var answer = get(tls.clientBuilder().build(), "https://127.0.0.1:" + server.port() + "/things/t-1");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"id\":\"t-1\"}");
        assertThat(tls.scheme()).isEqualTo("https");
    }

    @Test
    void a_peer_whose_certificate_is_not_trusted_or_names_another_host_is_refused() throws Exception {
        ApiServer server = serve(HttpTls.of(instance, PASSWORD, certs.trustStore(), PASSWORD, false));
        String url = "https://127.0.0.1:" + server.port() + "/things/t-1";
        // The JVM's default trust store does not know the test CA.
        assertThatThrownBy(() -> get(HttpTls.of(instance, PASSWORD, null, null, false).clientBuilder().build(), url))
                .isInstanceOf(SSLHandshakeException.class);

        ApiServer misnamed = serve(HttpTls.of(wrongName, PASSWORD, certs.trustStore(), PASSWORD, false));
        HttpClient trusting = HttpTls.of(instance, PASSWORD, certs.trustStore(), PASSWORD, false).clientBuilder().build();
        assertThatThrownBy(() -> get(trusting, "https://127.0.0.1:" + misnamed.port() + "/things/t-1"))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("127.0.0.1");
    }

    @Test
    void plain_http_gets_no_answer_from_the_https_port() throws Exception {
        ApiServer server = serve(HttpTls.of(instance, PASSWORD, certs.trustStore(), PASSWORD, false));
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.port() + "/things/t-1"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void with_client_authentication_a_caller_without_a_trusted_certificate_is_refused() throws Exception {
        HttpTls mutual = HttpTls.of(instance, PASSWORD, certs.trustStore(), PASSWORD, true);
        ApiServer server = serve(mutual);
        String url = "https://127.0.0.1:" + server.port() + "/things/t-1";
        assertThat(get(mutual.clientBuilder().build(), url).statusCode()).as("an instance presents its own")
                .isEqualTo(200);

        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(certs.trustStore())) {
            store.load(in, PASSWORD);
        }
        trust.init(store);
        javax.net.ssl.SSLContext noCertificate = javax.net.ssl.SSLContext.getInstance("TLS");
        noCertificate.init(null, trust.getTrustManagers(), null);
        assertThatThrownBy(() -> get(HttpClient.newBuilder().sslContext(noCertificate).build(), url))
                .isInstanceOf(IOException.class);
    }
}
