package io.shopstreams.service.http;

import java.util.concurrent.CompletionStage;

/** Serves one route. May answer later (long polls, forwarded queries) without holding a server thread. */
@FunctionalInterface
public interface Handler {
    CompletionStage<HttpResponse> handle(HttpRequest request) throws Exception;
}
