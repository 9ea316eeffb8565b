package io.shopstreams.service.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.apache.kafka.streams.state.HostInfo;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * HTTPS on the service port and for the calls between instances (forwarded queries, the digest fan-out), from
 * PKCS12 stores (docs/security.md). The server presents the keystore's certificate; the instances' client
 * trusts the trust store (the JVM's default without one) and checks that the peer's certificate names the host
 * of its {@code APPLICATION_SERVER}, as HTTPS clients do. With client authentication required, a caller must
 * present a certificate the trust store trusts, and the instances present the keystore's (mTLS).
 */
public final class HttpTls {
    public static final HttpTls OFF = new HttpTls(null, null, false);

    private final SSLContext server;
    private final SSLContext client;
    private final boolean clientAuth;

    private HttpTls(SSLContext server, SSLContext client, boolean clientAuth) {
        this.server = server;
        this.client = client;
        this.clientAuth = clientAuth;
    }

    /**
     * @param trustStore null for the JVM's default trust store
     * @throws GeneralSecurityException or IOException for a store that cannot be read with its password
     */
    public static HttpTls of(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword,
                             boolean clientAuth) throws GeneralSecurityException, IOException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, keyStorePassword), keyStorePassword);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore == null ? null : load(trustStore, trustStorePassword));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return new HttpTls(context, context, clientAuth);
    }

    private static KeyStore load(Path path, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }

    public boolean enabled() {
        return server != null;
    }

    public String scheme() {
        return enabled() ? "https" : "http";
    }

    /** The URL of {@code pathAndQuery} on another instance. */
    public String url(HostInfo host, String pathAndQuery) {
        return scheme() + "://" + host.host() + ":" + host.port() + pathAndQuery;
    }

    /** A client for calls to other instances. */
    public HttpClient.Builder clientBuilder() {
        HttpClient.Builder builder = HttpClient.newBuilder();
        return client == null ? builder : builder.sslContext(client);
    }

    HttpServer createServer(InetSocketAddress address, int backlog) throws IOException {
        if (!enabled()) {
            return HttpServer.create(address, backlog);
        }
        HttpsServer https = HttpsServer.create(address, backlog);
        https.setHttpsConfigurator(new HttpsConfigurator(server) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = server.getDefaultSSLParameters();
                parameters.setNeedClientAuth(clientAuth);
                params.setSSLParameters(parameters);
            }
        });
        return https;
    }

    @Override
    public String toString() {
        return enabled() ? "HttpTls[on, client auth " + (clientAuth ? "required" : "off") + "]" : "HttpTls[off]";
    }
}
