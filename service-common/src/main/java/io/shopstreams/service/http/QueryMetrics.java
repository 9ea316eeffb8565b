package io.shopstreams.service.http;

/** What the router counts; implemented on top of the service's meter registry. */
public interface QueryMetrics {
    void forwarded();

    QueryMetrics NONE = () -> { };
}
