package io.shopstreams.order.stream;

import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.Topics;
import io.shopstreams.order.domain.CustomerOrder;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.replay.OrderStoreFold;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.shopstreams.order.stream.OrderMessages.CATALOG;
import static io.shopstreams.order.stream.OrderMessages.CUSTOMER;
import static io.shopstreams.order.stream.OrderMessages.OTHER_CUSTOMER;
import static io.shopstreams.service.replay.StoreContents.keys;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild's fold ({@link OrderStoreFold}) against the stores the production topology built in an
 * {@link OrderDriver} from the same log: the order events the driver emitted. Every entry of every rebuilt
 * store must be the same, key, window start and value.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrderStoreFoldTest {
    @TempDir
    Path stateDir;
    private OrderDriver driver;
    private List<ConsumerRecord<String, byte[]>> orderEvents;

    @BeforeEach
    void playTheScenario() {
        driver = new OrderDriver(stateDir, DecisionObserver.none());
        CATALOG.forEach(driver::product);
        OrderScenario.play(driver);
        orderEvents = records(Topics.ORDER_EVENTS.name(), driver.rawEventRecords());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void rebuilds_every_entry_of_every_store_the_topology_built() {
        assertThat(fold(orderEvents).values()).containsExactlyInAnyOrderEntriesOf(live());
    }

    @Test
    void puts_every_entry_on_the_partition_of_its_order_or_customer() {
        StoreContents folded = fold(orderEvents);

        assertThat(folded.partitionKeys()).isNotEmpty().allSatisfy((entry, partitionKey) ->
                assertThat(partitionKey).as("%s", entry).isEqualTo(entry.key().split("\\|")[0]));
    }

    @Test
    void is_checked_on_a_scenario_with_placements_rejections_and_refused_commands() {
        Map<StoreContents.Entry, Object> live = live();

        assertThat(keys(live, OrderStores.ORDERS)).containsExactlyInAnyOrder(OrderScenario.DELIVERED,
                OrderScenario.CANCELLED, OrderScenario.PLACED, OrderScenario.REJECTED, OrderScenario.TOO_HIGH);
        assertThat(keys(live, OrderStores.CUSTOMERS)).containsExactlyInAnyOrderElementsOf(driver.orders().values()
                .stream().filter(order -> order.customerId() != null)
                .map(order -> OrderStores.customerKey(order.customerId(), order.orderId())).toList());
        assertThat(keys(live, OrderStores.CUSTOMERS).stream().map(key -> key.split("\\|")[0]).distinct())
                .containsExactlyInAnyOrder(CUSTOMER, OTHER_CUSTOMER);
        assertThat(keys(live, OrderStores.OUTCOMES)).hasSize(orderEvents.size()).contains(
                OutcomeMemory.key(OrderScenario.UNKNOWN, "u1"), OutcomeMemory.key(OrderScenario.UNKNOWN, "u2"),
                OutcomeMemory.key(OrderScenario.CANCELLED, "x3"), OutcomeMemory.key(OrderScenario.REJECTED, "r1"));
    }

    private Map<StoreContents.Entry, Object> live() {
        Map<StoreContents.Entry, Object> live = new LinkedHashMap<>();
        live.putAll(StoreContents.keyValues(OrderStores.ORDERS, driver.keyValueStore(OrderStores.ORDERS)));
        live.putAll(StoreContents.keyValues(OrderStores.CUSTOMERS, driver.keyValueStore(OrderStores.CUSTOMERS)));
        live.putAll(StoreContents.keyValues(OrderStores.OUTCOMES, driver.keyValueStore(OrderStores.OUTCOMES),
                StoreContents.OUTCOME_ENTRIES));
        return live;
    }

    private static StoreContents fold(List<ConsumerRecord<String, byte[]>> log) {
        return StoreContents.folded(new OrderStoreFold(Long.MAX_VALUE), log, Map.of(
                OrderStores.ORDERS, new StoreSerde<>(Order.class).deserializer(),
                OrderStores.CUSTOMERS, new StoreSerde<>(CustomerOrder.class).deserializer(),
                OrderStores.OUTCOMES, StoreContents.OUTCOME_ENTRIES));
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
