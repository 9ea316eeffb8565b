package io.shopstreams.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CartCommandMixTest {
    private final CartCommandMix mix = new CartCommandMix(7, 50_000, 5_000);

    @Test
    void theSameSeedGivesTheSameRecords() {
        CartCommandMix again = new CartCommandMix(7, 50_000, 5_000);
        for (int i = 0; i < mix.commands().size(); i++) {
            assertThat(again.commands().get(i).cartId()).isEqualTo(mix.commands().get(i).cartId());
            assertThat(again.commands().get(i).value()).isEqualTo(mix.commands().get(i).value());
        }
    }

    @Test
    void everyRecordButAResendHasItsOwnCommandIdAndTheMixIsRealistic() {
        Set<String> ids = new HashSet<>();
        Map<String, Integer> types = new HashMap<>();
        for (CartCommandMix.Command command : mix.commands()) {
            String json = new String(command.value(), StandardCharsets.UTF_8);
            ids.add(json.replaceAll(".*\"commandId\":\"([^\"]+)\".*", "$1"));
            types.merge(json.replaceAll(".*\"type\":\"([^\"]+)\".*", "$1"), 1, Integer::sum);
        }
        assertThat(mix.commands()).hasSize(50_000);
        assertThat(ids).hasSize((int) mix.outcomes());
        assertThat(mix.outcomes() + mix.resends()).isEqualTo(50_000);
        assertThat(mix.resends()).isBetween(800L, 1_200L);
        assertThat(types).containsOnlyKeys("AddItem", "ChangeQuantity", "RemoveItem", "ClearCart", "Checkout");
        assertThat(types.get("AddItem")).isGreaterThan(types.get("ChangeQuantity"));
        assertThat(types.get("Checkout")).isPositive();
    }

    @Test
    void cartsAreSkewedTheMostUsedCartGetsFarMoreThanTheMedianOne() {
        Map<String, Integer> perCart = new HashMap<>();
        mix.commands().forEach(command -> perCart.merge(command.cartId().replaceAll("-[0-9]+$", ""), 1, Integer::sum));
        int top = perCart.values().stream().max(Integer::compare).orElseThrow();
        int median = perCart.values().stream().sorted().toList().get(perCart.size() / 2);
        assertThat(top).isGreaterThan(100 * median);
    }
}
