package io.shopstreams.cart.stream;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Product;
import io.shopstreams.events.ShopSerdes;
import io.shopstreams.events.TopicNames;
import io.shopstreams.service.stream.DeadLetterExceptionHandler;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class CartTopologySmokeTest {
    @Test
    void addsAnItemAndDeadLettersGarbage() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cart-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        var topology = CartTopology.build(new CartTopology.Options(6, Duration.ofDays(7)), CartObserver.NONE);
        try (var driver = new TopologyTestDriver(topology, props, Instant.parse("2026-11-26T12:00:00Z"))) {
            var products = driver.createInputTopic(TopicNames.PRODUCTS, new StringSerializer(), ShopSerdes.products().serializer());
            var commands = driver.createInputTopic(TopicNames.CART_COMMANDS, new ByteArraySerializer(), new ByteArraySerializer());
            var events = driver.createOutputTopic(TopicNames.CART_EVENTS, new StringDeserializer(), ShopSerdes.cartEvents().deserializer());
            var dead = driver.createOutputTopic(TopicNames.DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            products.pipeInput("sku-mug", new Product("sku-mug", "Mug", 1299, "EUR", true));
            commands.pipeInput("cart-1".getBytes(StandardCharsets.UTF_8),
                    "{\"type\":\"AddItem\",\"commandId\":\"c1\",\"sku\":\"sku-mug\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8));
            commands.pipeInput("cart-1".getBytes(StandardCharsets.UTF_8), "nope".getBytes(StandardCharsets.UTF_8));
            commands.pipeInput("cart-1".getBytes(StandardCharsets.UTF_8),
                    "{\"type\":\"AddItem\",\"commandId\":\"c1\",\"sku\":\"sku-mug\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8));
            var out = events.readValuesToList();
            assertThat(out).hasSize(1).first().isInstanceOf(CartEvent.ItemAdded.class);
            System.out.println(JsonCodec.CART_EVENTS.encodeToString(out.get(0)));
            var dl = dead.readRecordsToList();
            assertThat(dl).hasSize(1);
            dl.get(0).headers().forEach(h -> System.out.println(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
            Cart cart = driver.<String, Cart>getKeyValueStore(CartStores.CARTS).get("cart-1");
            assertThat(cart.version()).isEqualTo(1);
            System.out.println(driver.producedTopicNames());
        }
    }
}
