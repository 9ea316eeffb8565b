package io.shopstreams.service.http;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RouteTableTest {
    private final Handler get = request -> completedFuture(HttpResponse.json(200, Map.of()));
    private final Handler post = request -> completedFuture(HttpResponse.json(202, Map.of()));
    private final RouteTable routes = new RouteTable()
            .route("GET", "/carts/{cartId}", get)
            .route("POST", "/carts/{cartId}/commands", post)
            .route("GET", "/carts/{cartId}/commands/{commandId}", get);

    @Test
    void a_match_names_its_pattern_never_the_raw_path_and_decodes_its_parameters() {
        RouteTable.Match match = routes.match("GET", "/carts/c%201/commands/a+b");

        assertThat(match.routeName()).isEqualTo("GET /carts/{cartId}/commands/{commandId}");
        assertThat(match.handler()).isSameAs(get);
        assertThat(match.params()).containsExactlyInAnyOrderEntriesOf(Map.of("cartId", "c 1", "commandId", "a+b"));
        assertThat(match.status()).isEqualTo(200);
    }

    @Test
    void a_trailing_slash_matches_the_same_route() {
        assertThat(routes.match("POST", "/carts/c-1/commands/").handler()).isSameAs(post);
    }

    @Test
    void a_known_path_with_another_method_is_405_and_an_unknown_path_404() {
        RouteTable.Match wrongMethod = routes.match("DELETE", "/carts/c-1");
        RouteTable.Match unknown = routes.match("GET", "/carts/c-1/lines");

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.handler()).isNull();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.routeName()).isEqualTo(RouteTable.UNMATCHED);
    }

    @Test
    void malformed_percent_encoding_is_a_400_with_its_code() {
        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> routes.match("GET", "/carts/%zz"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("INVALID_PATH");
    }
}
