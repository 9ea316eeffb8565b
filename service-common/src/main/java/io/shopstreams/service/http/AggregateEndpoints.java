package io.shopstreams.service.http;

import io.shopstreams.service.tracing.Tracing;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The read endpoints every aggregate has, served from any instance: {@code GET /{things}/{id}} with the long
 * poll {@code ?minVersion=N&timeoutMs=T} (read-your-writes), and {@code GET /{things}/{id}/commands/{commandId}}.
 *
 * @param <S> the aggregate's state as stored
 */
public final class AggregateEndpoints<S> {
    /** Long polls wait at most this long, whatever the client asks. */
    public static final long MAX_TIMEOUT_MS = 60_000;
    static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final QueryRouter router;
    private final VersionWaiters waiters;
    private final String noun;
    private final String store;
    private final String outcomeStore;
    private final ToLongFunction<S> version;
    private final BiFunction<S, StoreAccess, Object> view;
    private final Function<S, String> owner;

    /**
     * @param noun         the aggregate's name in messages and error codes, e.g. "cart"
     * @param store        the aggregate store: id -> state; it also routes the outcome store (same task)
     * @param outcomeStore the {@link OutcomeMemory} store of the aggregate's commands
     * @param view         the JSON body for a state, given access to the other stores of its partition
     * @param owner        the customerId whose token may read a state, or null for none (shop roles only)
     */
    public AggregateEndpoints(QueryRouter router, VersionWaiters waiters, String noun, String store,
                              String outcomeStore, ToLongFunction<S> version, BiFunction<S, StoreAccess, Object> view,
                              Function<S, String> owner) {
        this.router = router;
        this.waiters = waiters;
        this.noun = noun;
        this.store = store;
        this.outcomeStore = outcomeStore;
        this.version = version;
        this.view = view;
        this.owner = owner;
    }

    /**
     * Registers the routes every aggregate has under {@code /{collection}/{noun}Id}: its state (with the long
     * poll), {@code POST .../commands} through {@code submitter}, and a command's outcome.
     */
    public void register(RouteTable routes, String collection, CommandSubmitter<?> submitter) {
        register(routes, collection, submitter, command -> false);
    }

    /**
     * As {@link #register(RouteTable, String, CommandSubmitter)}, and a customer's token may send the commands
     * {@code customerMay} accepts, to what it owns ({@code owner}): checked where the state is, like its reads.
     */
    public <C> void register(RouteTable routes, String collection, CommandSubmitter<C> submitter,
                             Predicate<C> customerMay) {
        String idParam = noun + "Id";
        String path = "/" + collection + "/{" + idParam + "}";
        routes.route("GET", path, request -> get(request, idParam));
        routes.route("POST", path + "/commands", request -> request.caller().onlyCustomer()
                ? customerSubmit(request, idParam, submitter, customerMay)
                : submitter.submit(request.param(idParam), request.body(),
                        request.header(Tracing.TRACEPARENT).orElse(null)));
        routes.route("GET", path + "/commands/{commandId}", request -> outcome(request, idParam));
    }

    private CompletionStage<HttpResponse> get(HttpRequest request, String idParam) throws Exception {
        String id = CommandSubmitter.requireId(idParam, request.param(idParam));
        long minVersion = request.longParam("minVersion", 0, 0, Long.MAX_VALUE);
        long timeoutMs = request.longParam("timeoutMs", DEFAULT_TIMEOUT_MS, 0, MAX_TIMEOUT_MS);
        Duration extraWait = Duration.ofMillis(minVersion > 0 ? timeoutMs : 0);
        return router.route(request, store, id, extraWait, access -> {
            HttpResponse now = read(access, id, minVersion, request.caller());
            if (now != null) {
                return CompletableFuture.completedFuture(now);
            }
            // Not there yet: wait for the stream thread to write this aggregate, then read again.
            return waiters.await(id, minVersion, timeoutMs).thenApply(reached -> {
                HttpResponse after = read(access, id, minVersion, request.caller());
                return after != null ? after : HttpResponse.error(504, "TIMEOUT",
                        noun + " " + id + " did not reach version " + minVersion + " within " + timeoutMs + " ms");
            });
        });
    }

    /** The view, 404 when unknown; null when a long poll must go on waiting. */
    private HttpResponse read(StoreAccess access, String id, long minVersion, Caller caller) {
        ReadOnlyKeyValueStore<String, S> states = access.keyValue(store);
        S state = states.get(id);
        long current = state == null ? 0 : version.applyAsLong(state);
        if (minVersion > 0 && current < minVersion) {
            return null;
        }
        if (state == null) {
            return HttpResponse.error(404, notFoundCode(), "no " + noun + " " + id);
        }
        // Checked where the state is read, so a forward to the owning instance checks it too.
        if (caller.onlyCustomer() && !caller.subject().equals(owner.apply(state))) {
            return HttpAuth.notOwner(noun + " " + id + " is another customer's");
        }
        return HttpResponse.json(200, view.apply(state, access));
    }

    private <C> CompletionStage<HttpResponse> customerSubmit(HttpRequest request, String idParam,
                                                            CommandSubmitter<C> submitter, Predicate<C> customerMay)
            throws Exception {
        String id = request.param(idParam);
        CommandSubmitter.Prepared<C> prepared = submitter.prepare(id, request.body());
        if (!customerMay.test(prepared.command())) {
            return CompletableFuture.completedFuture(HttpResponse.error(403, "MISSING_ROLE", "a customer may not send "
                    + prepared.command().getClass().getSimpleName() + "; it needs the role " + Caller.ORDER_WRITE));
        }
        // Routed like a read: the instance that holds the state checks the owner, then sends.
        return router.route(request, store, id, Duration.ZERO, access -> {
            S state = access.<String, S>keyValue(store).get(id);
            if (state == null) {
                return CompletableFuture.completedFuture(HttpResponse.error(404, notFoundCode(), "no " + noun + " " + id));
            }
            if (!request.caller().subject().equals(owner.apply(state))) {
                return CompletableFuture.completedFuture(HttpAuth.notOwner(noun + " " + id + " is another customer's"));
            }
            return submitter.send(id, prepared, request.header(Tracing.TRACEPARENT).orElse(null));
        });
    }

    private CompletionStage<HttpResponse> outcome(HttpRequest request, String idParam) throws Exception {
        String id = CommandSubmitter.requireId(idParam, request.param(idParam));
        String commandId = CommandSubmitter.requireId("commandId", request.param("commandId"));
        return router.route(request, store, id, Duration.ZERO, access -> {
            ReadOnlyKeyValueStore<String, byte[]> outcomes = access.keyValue(outcomeStore);
            return CompletableFuture.completedFuture(OutcomeMemory.find(outcomes, id, commandId)
                    .map(outcome -> HttpResponse.json(200, outcome))
                    .orElseGet(() -> HttpResponse.error(404, "COMMAND_NOT_FOUND",
                            "command " + commandId + " of " + noun + " " + id + " is not decided (yet)")));
        });
    }

    private String notFoundCode() {
        return noun.toUpperCase(java.util.Locale.ROOT) + "_NOT_FOUND";
    }
}
