package io.shopstreams.kafka.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for tests of TLS listeners and HTTPS, made with the JDK's own {@code keytool}: a CA, and PKCS12
 * keystores whose certificate the CA signed for given subject alternative names, plus a trust store holding the
 * CA. Nothing is downloaded, nothing hand-rolled.
 */
public final class TestCertificates {
    public static final String PASSWORD = "test-store-pass";

    private final Path dir;
    private final Path caStore;
    private final Path caCert;
    private final Path trustStore;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caStore = dir.resolve("ca.p12");
        this.caCert = dir.resolve("ca.pem");
        this.trustStore = dir.resolve("truststore.p12");
    }

    private static TestCertificates shared;

    /**
     * One CA per JVM, in a temporary directory removed at exit, with {@link #keyStore} stores made on first
     * use: keytool is a JVM start per step, so tests share them.
     */
    public static synchronized TestCertificates shared() throws IOException {
        if (shared == null) {
            Path dir = Files.createTempDirectory("test-certificates");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteRecursively(dir)));
            shared = create(dir);
        }
        return shared;
    }

    /** A new CA in {@code dir}, and a trust store that trusts it. */
    public static TestCertificates create(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestCertificates certs = new TestCertificates(dir);
        certs.keytool("-genkeypair", "-alias", "ca", "-dname", "CN=shop-streams test CA", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-ext", "bc:c", "-keystore", certs.caStore.toString());
        certs.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", certs.caStore.toString(),
                "-file", certs.caCert.toString());
        certs.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", certs.caCert.toString(),
                "-keystore", certs.trustStore.toString());
        return certs;
    }

    public Path trustStore() {
        return trustStore;
    }

    /** The CA's certificate, PEM. */
    public Path caCertificate() {
        return caCert;
    }

    /**
     * A keystore {@code name}.p12 with a key pair and a certificate the CA signed, for {@code san}
     * (e.g. {@code ip:127.0.0.1,dns:localhost}); an existing one of that name is returned as is.
     */
    public synchronized Path keyStore(String name, String san) throws IOException {
        Path store = dir.resolve(name + ".p12");
        if (Files.exists(store)) {
            return store;
        }
        Path request = dir.resolve(name + ".csr");
        Path signed = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-keystore", store.toString());
        keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", caStore.toString(), "-infile", request.toString(),
                "-outfile", signed.toString(), "-rfc", "-validity", "2", "-ext", "san=" + san,
                "-ext", "ku:c=digitalSignature,keyEncipherment", "-ext", "eku=serverAuth,clientAuth");
        // The chain first (the CA), then the signed certificate in place of the self-signed one.
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", store.toString());
        keytool("-importcert", "-alias", name, "-file", signed.toString(), "-keystore", store.toString());
        return store;
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (List.of(args).contains("-genkeypair")) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + args[0] + " failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
