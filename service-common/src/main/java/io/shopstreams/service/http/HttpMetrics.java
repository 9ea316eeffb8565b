package io.shopstreams.service.http;

/** What the HTTP port measures; implemented on top of the service's meter registry. */
public interface HttpMetrics {
    /**
     * One request answered.
     *
     * @param route  the matched route, e.g. {@code GET /carts/{cartId}}, or {@code unmatched}: never a raw path
     * @param status the HTTP status sent
     * @param nanos  from the request's dispatch to its response sent (long polls included)
     */
    void answered(String route, int status, long nanos);

    HttpMetrics NONE = (route, status, nanos) -> { };
}
