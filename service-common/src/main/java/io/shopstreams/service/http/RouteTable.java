package io.shopstreams.service.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The route table of a service's HTTP port: {@code METHOD /a/{param}/b} patterns, matched segment by segment,
 * path parameters percent-decoded. Pure: no server, no I/O, so matching is testable alone.
 */
public final class RouteTable {
    /** The route name of a request that matched none, for metrics: never the raw path. */
    public static final String UNMATCHED = "unmatched";

    private final List<Route> routes = new ArrayList<>();

    private record Route(String name, String method, String[] segments, Handler handler) {
    }

    /**
     * What a request matched: its route's name ({@code GET /carts/{cartId}}) with handler and path parameters,
     * or no handler, when {@link #status()} says why (404 no such path, 405 the path exists for other methods).
     */
    public record Match(String routeName, Handler handler, Map<String, String> params, int status) {
    }

    public RouteTable route(String method, String pattern, Handler handler) {
        routes.add(new Route(method + " " + pattern, method, split(pattern), handler));
        return this;
    }

    /** @throws BadRequestException for a path parameter with malformed percent-encoding */
    public Match match(String method, String rawPath) {
        String[] segments = split(rawPath);
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), segments);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (route.method().equals(method)) {
                return new Match(route.name(), route.handler(), params, 200);
            }
        }
        return new Match(UNMATCHED, null, Map.of(), pathMatched ? 405 : 404);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static Map<String, String> match(String[] pattern, String[] actual) {
        if (pattern.length != actual.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String part = pattern[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), QueryString.decode(actual[i]));
            } else if (!part.equals(actual[i])) {
                return null;
            }
        }
        return params;
    }
}
