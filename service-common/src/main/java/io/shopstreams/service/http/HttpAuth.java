package io.shopstreams.service.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Bearer-token protection of the HTTP port ({@code HTTP_AUTH_TOKEN}, {@code HTTP_AUTH_READS}). With a token,
 * every request that is not a GET or HEAD, and every {@code /admin/*} request, must carry
 * {@code Authorization: Bearer <token>}: 401 without it, 403 with another token. Other reads stay open unless
 * reads are protected too; {@code /health} and {@code /ready} always stay open for probes. Without a token
 * nothing is checked. The token is compared in constant time and never appears in {@link #toString()}.
 */
public final class HttpAuth {
    /** No token: every request is allowed. */
    public static final HttpAuth NONE = new HttpAuth("", false);

    private static final String BEARER = "bearer ";

    private final String token;
    private final boolean protectReads;

    private HttpAuth(String token, boolean protectReads) {
        this.token = token;
        this.protectReads = protectReads;
    }

    /** @param token empty for no protection */
    public static HttpAuth of(String token, boolean protectReads) {
        return token.isEmpty() ? NONE : new HttpAuth(token, protectReads);
    }

    public boolean enabled() {
        return !token.isEmpty();
    }

    /** The header value other instances of the service accept, for calls between instances. */
    public Optional<String> authorization() {
        return enabled() ? Optional.of("Bearer " + token) : Optional.empty();
    }

    /** Whether a {@code method} request to {@code path} must carry the token. */
    public boolean requiresToken(String method, String path) {
        if (!enabled()) {
            return false;
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (!read || path.equals("/admin") || path.startsWith("/admin/")) {
            return true;
        }
        return protectReads && !path.equals("/health") && !path.equals("/ready");
    }

    /** The refusal of a request with this {@code Authorization} header, or empty when it may be served. */
    public Optional<HttpResponse> refusal(String method, String path, Optional<String> authorization) {
        if (!requiresToken(method, path)) {
            return Optional.empty();
        }
        String header = authorization.orElse("");
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.of(HttpResponse.error(401, "UNAUTHORIZED",
                            "this request needs an Authorization: Bearer header with the service's token")
                    .withHeader("WWW-Authenticate", "Bearer"));
        }
        String presented = header.substring(BEARER.length()).trim();
        return constantTimeEquals(token, presented) ? Optional.empty()
                : Optional.of(HttpResponse.error(403, "FORBIDDEN", "the bearer token is not the service's token"));
    }

    /**
     * Whether {@code a} equals {@code b}, in a time that depends on neither content nor length: both are hashed
     * first, so {@link MessageDigest#isEqual} compares two 32-byte values.
     */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return enabled() ? "HttpAuth[token set, reads " + (protectReads ? "protected" : "open") + "]" : "HttpAuth[off]";
    }
}
