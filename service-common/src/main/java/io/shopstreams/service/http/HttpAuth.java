package io.shopstreams.service.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call what on the HTTP port (docs/security.md). Two modes:
 * <ul>
 *   <li><b>Static token</b> ({@code HTTP_AUTH_TOKEN}, {@code HTTP_AUTH_READS}), the zero-config dev mode: every
 *   request that is not a GET or HEAD, and every {@code /admin/*} request, must carry
 *   {@code Authorization: Bearer <token>}: 401 without it, 403 with another token. Other reads stay open unless
 *   reads are protected too. The token is compared in constant time and never appears in {@link #toString()}.
 *   <li><b>JWT</b> ({@code JWT_JWKS_URL} or {@code JWT_JWKS_FILE}): every request but the probes needs a valid
 *   access token ({@link JwtVerifier}) with the role its route asks for ({@link #requirement}); the static token,
 *   when also set, is the instances' own credential and holds every role.
 * </ul>
 * {@code /health} and {@code /ready} always stay open for probes. Without either nothing is checked.
 */
public final class HttpAuth {
    /** No token: every request is allowed. */
    public static final HttpAuth NONE = new HttpAuth("", false, null, false);

    private static final String BEARER = "bearer ";

    private final String token;
    private final boolean protectReads;
    private final JwtVerifier jwt;
    private final boolean metricsOpen;

    /** What a route asks of the caller in JWT mode. */
    public enum Requirement {
        /** Probes. */
        OPEN,
        /** Any valid token (a path that matches no route: its 404 or 405). */
        AUTHENTICATED,
        READ,
        CART_WRITE,
        /** {@code order:write}, or a customer, whose command and order the handler checks. */
        ORDER_WRITE_OR_OWN_CANCEL,
        ADMIN,
        /** {@code shop:read}, or a customer, whose order the handler checks is its own. */
        READ_OR_OWN_ORDER,
        /** {@code shop:read}, or the customer the path names. */
        READ_OR_SAME_CUSTOMER
    }

    /**
     * The outcome of the check: the caller when the request may be served (the handler may still check what
     * it owns), or the refusal to send.
     */
    public record Decision(Caller caller, HttpResponse refusal) {
        static Decision allow(Caller caller) {
            return new Decision(caller, null);
        }

        static Decision refuse(HttpResponse refusal) {
            return new Decision(null, refusal);
        }

        public boolean allowed() {
            return refusal == null;
        }
    }

    private HttpAuth(String token, boolean protectReads, JwtVerifier jwt, boolean metricsOpen) {
        this.token = token;
        this.protectReads = protectReads;
        this.jwt = jwt;
        this.metricsOpen = metricsOpen;
    }

    /** @param token empty for no protection */
    public static HttpAuth of(String token, boolean protectReads) {
        return token.isEmpty() ? NONE : new HttpAuth(token, protectReads, null, false);
    }

    /**
     * @param instanceToken the instances' own credential (every role), empty for none
     * @param metricsOpen   whether {@code /metrics} needs no token (a scraper without credentials)
     */
    public static HttpAuth jwt(JwtVerifier verifier, String instanceToken, boolean metricsOpen) {
        return new HttpAuth(instanceToken, true, verifier, metricsOpen);
    }

    public boolean enabled() {
        return !token.isEmpty() || jwt != null;
    }

    /** What the route {@code routeName} ({@code GET /orders/{orderId}}, or {@link RouteTable#UNMATCHED}) asks. */
    public Requirement requirement(String method, String routeName) {
        String path = routeName.startsWith(method + " ") ? routeName.substring(method.length() + 1) : routeName;
        if (path.equals("/health") || path.equals("/ready")) {
            return Requirement.OPEN;
        }
        if (path.equals("/metrics")) {
            return metricsOpen ? Requirement.OPEN : Requirement.ADMIN;
        }
        if (path.equals("/topology") || path.startsWith("/admin/")) {
            return Requirement.ADMIN;
        }
        if (routeName.equals(RouteTable.UNMATCHED)) {
            return Requirement.AUTHENTICATED;
        }
        if (method.equals("POST")) {
            return path.startsWith("/orders/") ? Requirement.ORDER_WRITE_OR_OWN_CANCEL : Requirement.CART_WRITE;
        }
        if (path.equals("/orders/{orderId}")) {
            return Requirement.READ_OR_OWN_ORDER;
        }
        if (path.equals("/customers/{customerId}/orders")) {
            return Requirement.READ_OR_SAME_CUSTOMER;
        }
        return Requirement.READ;
    }

    /**
     * Whether a {@code method} request to {@code path}, which matched {@code routeName} with {@code params}, may
     * be served to the sender of {@code authorization}.
     */
    public Decision authorize(String method, String path, String routeName, Map<String, String> params,
                              Optional<String> authorization) {
        if (jwt == null) {
            // One token, no roles: whoever passes may do everything the route does.
            return refusal(method, path, authorization).map(Decision::refuse)
                    .orElseGet(() -> Decision.allow(Caller.TRUSTED));
        }
        Requirement requirement = requirement(method, routeName);
        if (requirement == Requirement.OPEN) {
            return Decision.allow(Caller.ANONYMOUS);
        }
        Optional<String> bearer = authorization.filter(h -> h.toLowerCase(Locale.ROOT).startsWith(BEARER))
                .map(h -> h.substring(BEARER.length()).trim());
        if (bearer.isEmpty()) {
            return Decision.refuse(HttpResponse.error(401, "UNAUTHORIZED",
                    "this request needs an Authorization: Bearer header with an access token")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"shop\""));
        }
        Caller caller;
        if (!token.isEmpty() && constantTimeEquals(token, bearer.get())) {
            caller = Caller.TRUSTED;
        } else {
            try {
                caller = jwt.verify(bearer.get());
            } catch (JwtVerifier.InvalidToken e) {
                String reason = printable(e.getMessage());
                return Decision.refuse(HttpResponse.error(401, "INVALID_TOKEN", "the access token is refused: " + reason)
                        .withHeader("WWW-Authenticate", "Bearer realm=\"shop\", error=\"invalid_token\", "
                                + "error_description=\"" + reason.replace('"', '\'') + "\""));
            } catch (JwtVerifier.KeysUnavailable e) {
                return Decision.refuse(HttpResponse.error(503, "AUTH_UNAVAILABLE",
                        "the keys to check the access token cannot be read now; retry").withHeader("Retry-After", "1"));
            }
        }
        return permits(requirement, caller, params) ? Decision.allow(caller)
                : Decision.refuse(forbidden(requirement, caller));
    }

    private static boolean permits(Requirement requirement, Caller caller, Map<String, String> params) {
        return switch (requirement) {
            case OPEN, AUTHENTICATED -> true;
            case READ -> caller.has(Caller.SHOP_READ);
            case CART_WRITE -> caller.has(Caller.CART_WRITE);
            case ORDER_WRITE_OR_OWN_CANCEL -> caller.has(Caller.ORDER_WRITE) || caller.has(Caller.CUSTOMER);
            case ADMIN -> caller.has(Caller.SHOP_ADMIN);
            case READ_OR_OWN_ORDER -> caller.has(Caller.SHOP_READ) || caller.has(Caller.CUSTOMER);
            case READ_OR_SAME_CUSTOMER -> caller.has(Caller.SHOP_READ)
                    || caller.has(Caller.CUSTOMER) && caller.subject().equals(params.get("customerId"));
        };
    }

    private static HttpResponse forbidden(Requirement requirement, Caller caller) {
        if (requirement == Requirement.READ_OR_SAME_CUSTOMER && caller.has(Caller.CUSTOMER)) {
            return notOwner("these are another customer's orders");
        }
        String role = switch (requirement) {
            case CART_WRITE -> Caller.CART_WRITE;
            case ORDER_WRITE_OR_OWN_CANCEL -> Caller.ORDER_WRITE;
            case ADMIN -> Caller.SHOP_ADMIN;
            case READ_OR_OWN_ORDER, READ_OR_SAME_CUSTOMER -> Caller.SHOP_READ + " or " + Caller.CUSTOMER;
            default -> Caller.SHOP_READ;
        };
        return HttpResponse.error(403, "MISSING_ROLE", "the access token lacks the role " + role);
    }

    /** The refusal of a customer's token for what another customer owns. */
    public static HttpResponse notOwner(String what) {
        return HttpResponse.error(403, "NOT_OWNER", "the access token's customer may not read this: " + what);
    }

    private static String printable(String message) {
        String text = message == null ? "invalid" : message.replaceAll("[^\\x20-\\x7e]", "?");
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }

    /** The header value other instances of the service accept, for calls between instances. */
    public Optional<String> authorization() {
        return token.isEmpty() ? Optional.empty() : Optional.of("Bearer " + token);
    }

    /** Whether a {@code method} request to {@code path} must carry the token (static-token mode). */
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

    /** Static-token mode: the refusal of a request with this {@code Authorization} header, or empty. */
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
        if (jwt != null) {
            return "HttpAuth[jwt, instance token " + (token.isEmpty() ? "unset" : "set") + ", metrics "
                    + (metricsOpen ? "open" : "protected") + "]";
        }
        return enabled() ? "HttpAuth[token set, reads " + (protectReads ? "protected" : "open") + "]" : "HttpAuth[off]";
    }
}
