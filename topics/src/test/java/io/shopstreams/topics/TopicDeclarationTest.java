package io.shopstreams.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TopicDeclarationTest {

    @Test
    void keepsItsConfigsSortedAndUnmodifiable() {
        Map<String, String> configs = new HashMap<>(Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
        TopicDeclaration topic = new TopicDeclaration("cart-events", 6, 1, configs);
        configs.clear();

        assertThat(topic.configs()).containsExactly(Map.entry("cleanup.policy", "delete"), Map.entry("retention.ms", "-1"));
        assertThatThrownBy(() -> topic.configs().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(topic.summary()).isEqualTo("cart-events (6 partitions, RF 1, cleanup.policy=delete, retention.ms=-1)");
    }

    @Test
    void refusesIllegalNamesAndCounts() {
        assertThatThrownBy(() -> new TopicDeclaration("..", 1, 1, Map.of())).hasMessageContaining("not a legal topic name");
        assertThatThrownBy(() -> new TopicDeclaration("a/b", 1, 1, Map.of())).hasMessageContaining("not a legal topic name");
        assertThatThrownBy(() -> new TopicDeclaration("a", 0, 1, Map.of()))
                .hasMessage("topic a: partitions must be at least 1, was 0");
        assertThatThrownBy(() -> new TopicDeclaration("a", 1, 40_000, Map.of()))
                .hasMessage("topic a: replication factor must be 1..32767, was 40000");
    }

    @Test
    void canBeCopiedUnderAnotherName() {
        TopicDeclaration topic = new TopicDeclaration("a", 3, 1, Map.of("retention.ms", "1"));

        assertThat(topic.withName("b")).isEqualTo(new TopicDeclaration("b", 3, 1, Map.of("retention.ms", "1")));
    }
}
