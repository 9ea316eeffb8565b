package io.shopstreams.service.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;

/**
 * A throw-away RS256 issuer for {@code shopctl dev --auth jwt} and the tests: one generated key pair, its public
 * half as a JWKS, and tokens for given roles. Not an authorization server: it exists so that a user can try the
 * roles in a minute without one.
 */
public final class DevTokenIssuer {
    public static final String ISSUER = "https://shop-streams.dev/issuer";
    public static final String AUDIENCE = "shop-streams";

    private final RSAKey key;
    private final String issuer;
    private final String audience;

    public DevTokenIssuer(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("every JDK can generate an RSA key", e);
        }
    }

    public DevTokenIssuer() {
        this(ISSUER, AUDIENCE);
    }

    /** The public key set, as a JWKS document for {@code JWT_JWKS_FILE} or a JWKS URL. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** A token for {@code subject} with {@code roles} in its {@code scope} claim, valid for {@code ttl}. */
    public String token(String subject, Collection<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .claim("scope", String.join(" ", roles)).build());
    }

    /** Any claims, signed with the key: for tests of what the verifier refuses. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a generated RSA key failed", e);
        }
        return jwt.serialize();
    }

    /** The public key, for tests that forge tokens with it. */
    public RSAKey publicKey() {
        return key.toPublicJWK();
    }
}
