package io.shopstreams.service.http;

import java.util.concurrent.CompletionStage;

/** Answers a request from this instance's stores, for a key the router found here. */
@FunctionalInterface
public interface LocalQuery {
    CompletionStage<HttpResponse> query(StoreAccess access) throws Exception;
}
