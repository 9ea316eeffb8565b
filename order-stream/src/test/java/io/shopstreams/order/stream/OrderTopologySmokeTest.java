package io.shopstreams.order.stream;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;
import io.shopstreams.events.ShopSerdes;
import io.shopstreams.events.TopicNames;
import io.shopstreams.order.domain.CustomerOrders;
import io.shopstreams.order.domain.OrderPolicy;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTopologySmokeTest {
    @Test
    void placesAndPays() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        var topology = OrderTopology.build(new OrderTopology.Options(6, Duration.ofDays(7), OrderPolicy.DEFAULT), OrderObserver.NONE);
        try (var driver = new TopologyTestDriver(topology, props, Instant.parse("2026-11-26T12:00:00Z"))) {
            var products = driver.createInputTopic(TopicNames.PRODUCTS, new StringSerializer(), ShopSerdes.products().serializer());
            var cartEvents = driver.createInputTopic(TopicNames.CART_EVENTS, new StringSerializer(), ShopSerdes.cartEvents().serializer());
            var commands = driver.createInputTopic(TopicNames.ORDER_COMMANDS, new ByteArraySerializer(), new ByteArraySerializer());
            var events = driver.createOutputTopic(TopicNames.ORDER_EVENTS, new StringDeserializer(), ShopSerdes.orderEvents().deserializer());
            products.pipeInput("sku-mug", new Product("sku-mug", "Mug", 1299, "EUR", true));
            cartEvents.pipeInput("cart-1", new CartEvent.CartCheckedOut("e1", "cart-1", "c9", 2, Instant.parse("2026-11-26T12:00:00Z"), 1,
                    "order-1", "cust-1", List.of(new Line("sku-mug", "Mug", 1299, 2)), 2598, "EUR"));
            commands.pipeInput("order-1".getBytes(StandardCharsets.UTF_8),
                    "{\"type\":\"PayOrder\",\"commandId\":\"p1\",\"amountCents\":2598,\"paymentRef\":\"pay-1\"}".getBytes(StandardCharsets.UTF_8));
            var out = events.readValuesToList();
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isInstanceOf(OrderEvent.OrderPlaced.class);
            assertThat(out.get(1)).isInstanceOf(OrderEvent.OrderPaid.class);
            CustomerOrders index = driver.<String, CustomerOrders>getKeyValueStore(OrderStores.CUSTOMERS).get("cust-1");
            assertThat(index.orders()).hasSize(1);
            assertThat(index.orders().get(0).status()).isEqualTo("PAID");
        }
    }
}
