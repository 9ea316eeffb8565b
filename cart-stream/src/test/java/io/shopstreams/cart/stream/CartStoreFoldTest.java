package io.shopstreams.cart.stream;

import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.cart.replay.CartStoreFold;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.Topics;
import io.shopstreams.service.replay.StoreContents;
import io.shopstreams.service.stream.StoreSerde;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.shopstreams.cart.stream.CartMessages.CATALOG;
import static io.shopstreams.service.replay.StoreContents.keys;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild's fold ({@link CartStoreFold}) against the stores the production topology built in a
 * {@link CartDriver} from the same log: the cart events the driver emitted and the order events piped into it.
 * Every entry of every rebuilt store must be the same, key, window start and value.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CartStoreFoldTest {
    @TempDir
    Path stateDir;
    private CartDriver driver;
    private List<ConsumerRecord<String, byte[]>> cartEvents;
    private List<ConsumerRecord<String, byte[]>> orderEvents;

    @BeforeEach
    void playTheScenario() {
        driver = new CartDriver(stateDir, DecisionObserver.none());
        CATALOG.forEach(driver::product);
        CartScenario.play(driver);
        cartEvents = records(Topics.CART_EVENTS.name(), driver.rawEventRecords());
        orderEvents = records(Topics.ORDER_EVENTS.name(), driver.pipedOrderEvents());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void rebuilds_every_entry_of_every_store_the_topology_built() {
        StoreContents folded = fold(inTimeOrder());

        assertThat(folded.values()).containsExactlyInAnyOrderEntriesOf(live());
    }

    @Test
    void does_not_depend_on_how_the_two_topics_interleave() {
        List<ConsumerRecord<String, byte[]>> orderEventsFirst = new ArrayList<>(orderEvents);
        orderEventsFirst.addAll(cartEvents);

        assertThat(fold(orderEventsFirst).values()).containsExactlyInAnyOrderEntriesOf(live());
    }

    @Test
    void puts_every_entry_on_the_partition_of_its_cart() {
        StoreContents folded = fold(inTimeOrder());

        assertThat(folded.partitionKeys()).isNotEmpty().allSatisfy((entry, partitionKey) ->
                assertThat(partitionKey).as("%s", entry).isEqualTo(entry.key().split("\\|")[0]));
    }

    @Test
    void is_checked_on_a_scenario_with_orders_rejections_and_duplicates() {
        Map<StoreContents.Entry, Object> live = live();
        String firstOrder = EventIds.orderIdFor(CartScenario.SAGA, "s4");
        String secondOrder = EventIds.orderIdFor(CartScenario.SAGA, "s7");

        assertThat(keys(live, CartStores.CARTS)).containsExactlyInAnyOrder(CartScenario.SAGA, CartScenario.PLAIN);
        assertThat(keys(live, CartStores.ORDERS)).containsExactlyInAnyOrder(
                CartStores.orderKey(CartScenario.SAGA, firstOrder), CartStores.orderKey(CartScenario.SAGA, secondOrder));
        assertThat(keys(live, CartStores.OUTCOMES)).hasSize(cartEvents.size()).contains(
                OutcomeMemory.key(CartScenario.ONLY_REJECTED, "r1"), OutcomeMemory.key(CartScenario.ONLY_REJECTED, "r2"),
                OutcomeMemory.key(CartScenario.ONLY_REJECTED, "r3"));
    }

    private Map<StoreContents.Entry, Object> live() {
        Map<StoreContents.Entry, Object> live = new LinkedHashMap<>();
        live.putAll(StoreContents.keyValues(CartStores.CARTS, driver.keyValueStore(CartStores.CARTS)));
        live.putAll(StoreContents.keyValues(CartStores.ORDERS, driver.keyValueStore(CartStores.ORDERS)));
        live.putAll(StoreContents.keyValues(CartStores.OUTCOMES, driver.keyValueStore(CartStores.OUTCOMES),
                StoreContents.OUTCOME_ENTRIES));
        return live;
    }

    private static StoreContents fold(List<ConsumerRecord<String, byte[]>> log) {
        return StoreContents.folded(new CartStoreFold(Long.MAX_VALUE), log, Map.of(
                CartStores.CARTS, new StoreSerde<>(Cart.class).deserializer(),
                CartStores.ORDERS, new StoreSerde<>(CartOrder.class).deserializer(),
                CartStores.OUTCOMES, StoreContents.OUTCOME_ENTRIES));
    }

    /** Both topics merged by record time, as the services saw them. */
    private List<ConsumerRecord<String, byte[]>> inTimeOrder() {
        return Stream.concat(cartEvents.stream(), orderEvents.stream())
                .sorted(Comparator.comparingLong(ConsumerRecord::timestamp)).toList();
    }

    /** The records as a consumer of the topic would read them, one partition, in order. */
    private static List<ConsumerRecord<String, byte[]>> records(String topic, List<TestRecord<String, byte[]>> sent) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (TestRecord<String, byte[]> record : sent) {
            records.add(new ConsumerRecord<>(topic, 0, records.size(), record.timestamp(), TimestampType.CREATE_TIME,
                    -1, record.value().length, record.key(), record.value(), new RecordHeaders(), Optional.empty()));
        }
        return records;
    }
}
