package io.shopstreams.service.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates OAuth2 access tokens (JWTs) with Nimbus JOSE+JWT: signed with RS256 or ES256 by a key of the JWKS, by
 * {@code iss} and {@code aud}, with {@code exp} required and {@code nbf} honoured within a clock skew. Anything
 * else (unsigned {@code alg=none}, HMAC, encrypted tokens, unknown keys) is refused. Roles come from one claim,
 * a space-separated string ({@code scope}) or an array of strings, found by a dotted path
 * ({@code realm_access.roles}).
 */
public final class JwtVerifier {
    /** A JWKS read from a URL is kept this long; an unknown {@code kid} reloads it, at most once per 30 s. */
    static final Duration JWKS_CACHE = Duration.ofMinutes(5);
    private static final int JWKS_TIMEOUT_MS = 2_000;
    private static final int JWKS_MAX_BYTES = 256 * 1024;

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String rolesClaim;

    /** A token that is not valid here: a 401, with {@link #getMessage()} as the reason given to the client. */
    public static final class InvalidToken extends Exception {
        InvalidToken(String message) {
            super(message);
        }
    }

    /** The keys could not be read (the JWKS URL does not answer): not the client's fault, a 503. */
    public static final class KeysUnavailable extends Exception {
        KeysUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    JwtVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, String rolesClaim, Duration skew) {
        this.rolesClaim = rolesClaim;
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "sub"), Set.of());
        claims.setMaxClockSkew(Math.toIntExact(skew.toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Keys from a JWKS file, read once at start. */
    public static JwtVerifier fromFile(Path jwks, String issuer, String audience, String rolesClaim, Duration skew)
            throws IOException, ParseException {
        return new JwtVerifier(new ImmutableJWKSet<>(JWKSet.load(jwks.toFile())), issuer, audience, rolesClaim, skew);
    }

    /** Keys from a JWKS URL: cached, reloaded for an unknown key id, with bounded time and size per fetch. */
    public static JwtVerifier fromUrl(String jwksUrl, String issuer, String audience, String rolesClaim, Duration skew)
            throws MalformedURLException {
        URL url = URI.create(jwksUrl).toURL();
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(url, new DefaultResourceRetriever(JWKS_TIMEOUT_MS, JWKS_TIMEOUT_MS, JWKS_MAX_BYTES))
                .cache(JWKS_CACHE.toMillis(), JWKS_TIMEOUT_MS)
                .rateLimited(30_000)
                .refreshAheadCache(false)
                .retrying(false)
                .build();
        return new JwtVerifier(keys, issuer, audience, rolesClaim, skew);
    }

    /** The caller the token names, or why it is refused. */
    public Caller verify(String token) throws InvalidToken, KeysUnavailable {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (KeySourceException e) {
            throw new KeysUnavailable("the token's keys could not be read: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new InvalidToken("the bearer token is not a JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidToken(e.getMessage());
        } catch (RuntimeException e) {
            // A token crafted to break the parser is still only an invalid token.
            throw new InvalidToken("the bearer token could not be read");
        }
        return new Caller(claims.getSubject(), roles(claims.getClaims()));
    }

    private Set<String> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String part : rolesClaim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        Set<String> roles = new HashSet<>();
        if (value instanceof String text) {
            roles.addAll(List.of(text.trim().split("\\s+")));
            roles.remove("");
        } else if (value instanceof Collection<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
        }
        return roles;
    }
}
