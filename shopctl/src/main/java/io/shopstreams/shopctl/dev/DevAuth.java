package io.shopstreams.shopctl.dev;

import io.shopstreams.service.http.Caller;
import io.shopstreams.service.http.DevTokenIssuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP authentication {@code shopctl dev --auth} gives both services: none, one generated static token, or
 * JWTs of a key pair generated for the run, with a ready-made token per role printed for copy and paste.
 */
final class DevAuth {
    enum Mode { NONE, TOKEN, JWT }

    /** Printed tokens outlive a working day of trying things. */
    static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    /** The customer whose token the banner prints; the examples check out as her. */
    static final String CUSTOMER = "alice";

    private final Mode mode;
    private final String instanceToken;
    private final Path jwks;
    /** Shell variable -> token, in the order printed. */
    private final Map<String, String> tokens = new LinkedHashMap<>();

    private DevAuth(Mode mode, String instanceToken, Path jwks) {
        this.mode = mode;
        this.instanceToken = instanceToken;
        this.jwks = jwks;
    }

    /** @param dir where the JWKS is written in JWT mode */
    static DevAuth create(Mode mode, Path dir) {
        if (mode == Mode.NONE) {
            return new DevAuth(mode, "", null);
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = "dev-" + HexFormat.of().formatHex(random);
        if (mode == Mode.TOKEN) {
            DevAuth auth = new DevAuth(mode, token, null);
            auth.tokens.put("SHOP_TOKEN", token);
            return auth;
        }
        DevTokenIssuer issuer = new DevTokenIssuer();
        Path jwks = dir.resolve("jwks.json");
        try {
            Files.createDirectories(dir);
            Files.writeString(jwks, issuer.jwks());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jwks, e);
        }
        DevAuth auth = new DevAuth(mode, token, jwks);
        for (String role : List.of(Caller.SHOP_READ, Caller.CART_WRITE, Caller.ORDER_WRITE, Caller.SHOP_ADMIN)) {
            auth.tokens.put(variable(role), issuer.token("dev-" + role.replace(':', '-'), List.of(role), TOKEN_LIFETIME));
        }
        auth.tokens.put("CUSTOMER_TOKEN", issuer.token(CUSTOMER, List.of(Caller.CUSTOMER), TOKEN_LIFETIME));
        return auth;
    }

    private static String variable(String role) {
        return role.replace(':', '_').toUpperCase(java.util.Locale.ROOT);
    }

    /** The settings both services read (docs/configuration.md). */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        if (mode != Mode.NONE) {
            env.put("HTTP_AUTH_TOKEN", instanceToken);
        }
        if (mode == Mode.JWT) {
            env.put("JWT_JWKS_FILE", jwks.toString());
            env.put("JWT_ISSUER", DevTokenIssuer.ISSUER);
            env.put("JWT_AUDIENCE", DevTokenIssuer.AUDIENCE);
        }
        return env;
    }

    /** The curl option that authorizes a request needing {@code role}, or "" where none is needed. */
    String header(String role) {
        return switch (mode) {
            case NONE -> "";
            case TOKEN -> role.equals(Caller.SHOP_READ) ? "" : " -H \"Authorization: Bearer $SHOP_TOKEN\"";
            case JWT -> " -H \"Authorization: Bearer $" + (role.equals(Caller.CUSTOMER) ? "CUSTOMER_TOKEN"
                    : variable(role)) + "\"";
        };
    }

    /** What the banner says about authentication, tokens included; nothing without it. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (mode == Mode.NONE) {
            return lines;
        }
        lines.add(mode == Mode.TOKEN
                ? "Auth: one static token for writes and /admin (reads stay open). In the other terminal:"
                : "Auth: JWTs (RS256, key generated for this run, JWKS " + jwks + "), valid "
                        + TOKEN_LIFETIME.toHours() + " h; " + CUSTOMER + " may read only her own orders:");
        tokens.forEach((name, token) -> lines.add("  export " + name + "=" + token));
        lines.add("");
        return lines;
    }
}
