package io.shopstreams.service.http;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every token the resource server must refuse, and the two algorithms it accepts. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwtVerifierTest {
    private static final Duration SKEW = Duration.ofSeconds(30);
    private final DevTokenIssuer issuer = new DevTokenIssuer();
    private final JwtVerifier verifier = verifierOf(new JWKSet(issuer.publicKey()), "scope");

    private JwtVerifier verifierOf(JWKSet keys, String rolesClaim) {
        return new JwtVerifier(new ImmutableJWKSet<>(keys), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE,
                rolesClaim, SKEW);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(DevTokenIssuer.ISSUER).audience(DevTokenIssuer.AUDIENCE)
                .subject("customer-7").expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", "customer shop:read");
    }

    @Test
    void an_rs256_token_of_the_key_set_names_its_subject_and_roles() throws Exception {
        Caller caller = verifier.verify(issuer.token("customer-7", List.of("customer", "shop:read"),
                Duration.ofMinutes(5)));
        assertThat(caller).isEqualTo(new Caller("customer-7", Set.of("customer", "shop:read")));
    }

    @Test
    void an_es256_token_of_the_key_set_is_accepted() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
                claims().build());
        jwt.sign(new ECDSASigner(ec));
        Caller caller = verifierOf(new JWKSet(List.of(issuer.publicKey(), ec.toPublicJWK())), "scope")
                .verify(jwt.serialize());
        assertThat(caller.subject()).isEqualTo("customer-7");
    }

    @Test
    void an_unsigned_alg_none_token_is_refused() {
        String none = new PlainJWT(new PlainHeader(), claims().build()).serialize();
        assertThatThrownBy(() -> verifier.verify(none)).isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessageContaining("Unsecured");
    }

    @Test
    void an_hmac_token_keyed_with_the_public_key_is_refused() throws Exception {
        // The classic confusion: HS256 with the RSA public key's bytes as the shared secret.
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.publicKey().getKeyID())
                .build(), claims().build());
        jwt.sign(new MACSigner(issuer.publicKey().toRSAPublicKey().getEncoded()));
        assertThatThrownBy(() -> verifier.verify(jwt.serialize())).isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessageContaining("Another algorithm expected");
    }

    @Test
    void an_expired_token_is_refused_beyond_the_skew_and_accepted_within_it() throws Exception {
        Instant now = Instant.now();
        String expired = issuer.sign(claims().expirationTime(Date.from(now.minusSeconds(60))).build());
        assertThatThrownBy(() -> verifier.verify(expired)).isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessageContaining("Expired");
        String justExpired = issuer.sign(claims().expirationTime(Date.from(now.minusSeconds(10))).build());
        assertThat(verifier.verify(justExpired).subject()).isEqualTo("customer-7");
    }

    @Test
    void a_token_not_valid_yet_is_refused() {
        String later = issuer.sign(claims().notBeforeTime(Date.from(Instant.now().plusSeconds(120))).build());
        assertThatThrownBy(() -> verifier.verify(later)).isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessageContaining("before use time");
    }

    @Test
    void a_token_without_expiry_is_refused() {
        String forever = issuer.sign(claims().expirationTime(null).build());
        assertThatThrownBy(() -> verifier.verify(forever)).isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessageContaining("exp");
    }

    @Test
    void a_token_for_another_audience_or_from_another_issuer_is_refused() {
        String otherAudience = issuer.sign(claims().audience("billing").build());
        assertThatThrownBy(() -> verifier.verify(otherAudience)).isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessageContaining("aud claim rejected");
        String otherIssuer = issuer.sign(claims().issuer("https://evil.example").build());
        assertThatThrownBy(() -> verifier.verify(otherIssuer)).isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessageContaining("iss");
    }

    @Test
    void a_token_signed_by_another_key_with_a_known_key_id_is_refused() {
        DevTokenIssuer forger = new DevTokenIssuer();
        String forged = forger.sign(claims().build());
        // Same header kid as the real key: the signature, not the id, must decide.
        String[] parts = forged.split("\\.");
        String real = issuer.sign(claims().build());
        String spliced = real.split("\\.")[0] + "." + parts[1] + "." + parts[2];
        assertThatThrownBy(() -> verifier.verify(spliced)).isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessageContaining("no matching key");
    }

    @Test
    void garbage_is_an_invalid_token_not_an_error() {
        for (String garbage : List.of("", "abc", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30.", "....", "e30.e30.e30")) {
            assertThatThrownBy(() -> verifier.verify(garbage)).as(garbage)
                    .isInstanceOf(JwtVerifier.InvalidToken.class);
        }
    }

    @Test
    void roles_come_from_a_space_separated_string_an_array_or_a_dotted_path() throws Exception {
        String keycloak = issuer.sign(claims().claim("realm_access", Map.of("roles", List.of("shop:admin", "x")))
                .build());
        assertThat(verifierOf(new JWKSet(issuer.publicKey()), "realm_access.roles").verify(keycloak).roles())
                .containsExactlyInAnyOrder("shop:admin", "x");
        String array = issuer.sign(claims().claim("roles", List.of("cart:write")).build());
        assertThat(verifierOf(new JWKSet(issuer.publicKey()), "roles").verify(array).roles())
                .containsExactly("cart:write");
        assertThat(verifierOf(new JWKSet(issuer.publicKey()), "missing").verify(array).roles()).isEmpty();
    }

    @Test
    void keys_from_a_file() throws Exception {
        Path file = Files.writeString(dir.resolve("jwks.json"), issuer.jwks());
        JwtVerifier fromFile = JwtVerifier.fromFile(file, DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE, "scope", SKEW);
        assertThat(fromFile.verify(issuer.token("c-1", List.of("shop:read"), Duration.ofMinutes(1))).subject())
                .isEqualTo("c-1");
    }

    @TempDir
    Path dir;

    @Test
    void keys_from_a_url_are_cached_and_reloaded_for_an_unknown_key_id_at_most_once_per_interval() throws Exception {
        AtomicReference<String> served = new AtomicReference<>(issuer.jwks());
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            JwtVerifier fromUrl = JwtVerifier.fromUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks",
                    DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE, "scope", SKEW);
            for (int i = 0; i < 5; i++) {
                fromUrl.verify(issuer.token("c-1", List.of("shop:read"), Duration.ofMinutes(1)));
            }
            assertThat(fetches).as("one fetch for five tokens").hasValue(1);

            // The issuer rotates to a new key: the unknown kid reloads the set once.
            DevTokenIssuer rotated = new DevTokenIssuer();
            served.set(rotated.jwks());
            assertThat(fromUrl.verify(rotated.token("c-2", List.of("shop:read"), Duration.ofMinutes(1))).subject())
                    .isEqualTo("c-2");
            assertThat(fetches).hasValue(2);

            // Tokens with made-up key ids cannot make it fetch again and again.
            for (int i = 0; i < 5; i++) {
                String unknown = new DevTokenIssuer().token("c-3", List.of("shop:read"), Duration.ofMinutes(1));
                assertThatThrownBy(() -> fromUrl.verify(unknown)).isInstanceOf(Exception.class);
            }
            assertThat(fetches.get()).isLessThanOrEqualTo(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void an_unreachable_key_url_is_keys_unavailable_not_an_invalid_token() throws Exception {
        JwtVerifier unreachable = JwtVerifier.fromUrl("http://127.0.0.1:1/jwks", DevTokenIssuer.ISSUER,
                DevTokenIssuer.AUDIENCE, "scope", SKEW);
        assertThatThrownBy(() -> unreachable.verify(issuer.token("c-1", List.of("shop:read"), Duration.ofMinutes(1))))
                .isInstanceOf(JwtVerifier.KeysUnavailable.class);
    }
}
