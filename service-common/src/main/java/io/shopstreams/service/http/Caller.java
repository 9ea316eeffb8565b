package io.shopstreams.service.http;

import java.util.Set;

/**
 * Who sent a request, as far as the HTTP port checked: the token's subject and its roles (docs/security.md).
 *
 * @param subject the token's {@code sub}; for a customer, its customerId
 */
public record Caller(String subject, Set<String> roles) {
    public static final String CART_WRITE = "cart:write";
    public static final String ORDER_WRITE = "order:write";
    public static final String SHOP_READ = "shop:read";
    public static final String SHOP_ADMIN = "shop:admin";
    public static final String CUSTOMER = "customer";

    /** Every role: the service's own token, or a port without authentication. */
    public static final Caller TRUSTED = new Caller("", Set.of(CART_WRITE, ORDER_WRITE, SHOP_READ, SHOP_ADMIN));
    /** No credentials, on a request that needs none. */
    public static final Caller ANONYMOUS = new Caller("", Set.of());

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** A customer's token, restricted to what its subject owns, rather than a shop-wide reader. */
    public boolean onlyCustomer() {
        return has(CUSTOMER) && !has(SHOP_READ);
    }
}
