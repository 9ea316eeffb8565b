package io.shopstreams.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommitTimelineTest {
    @Test
    void takeoverCountsOnlyEventsOfInputSentAfterTheKill() throws InterruptedException {
        CommitTimeline timeline = new CommitTimeline();
        long killedAt = Monotonic.millis();
        long killedAtEpoch = System.currentTimeMillis();
        Thread.sleep(5);
        // Committed by the killed instance just before its kill, seen by the reader just after: not a takeover.
        timeline.committed(Service.CART, 0, "cmd-1", killedAtEpoch - 100);
        timeline.committed(Service.CART, 1, "cmd-2", killedAtEpoch - 100);
        assertThat(allMoved(timeline, Service.CART, killedAt, killedAtEpoch)).isEqualTo(-1);

        timeline.committed(Service.CART, 0, "cmd-3", killedAtEpoch + 1);
        assertThat(allMoved(timeline, Service.CART, killedAt, killedAtEpoch)).isEqualTo(-1);

        Thread.sleep(20);
        long beforeLast = Monotonic.millis();
        timeline.committed(Service.CART, 1, "cmd-4", killedAtEpoch + 2);
        long afterLast = Monotonic.millis();
        assertThat(allMoved(timeline, Service.CART, killedAt, killedAtEpoch))
                .isBetween(beforeLast - killedAt, afterLast - killedAt);
        long[] perPartition = timeline.partitionsMovedAfter(Service.CART, 2, killedAt, killedAtEpoch);
        assertThat(perPartition[1]).isBetween(beforeLast - killedAt, afterLast - killedAt);
        assertThat(perPartition[0]).isLessThan(perPartition[1]);
        assertThat(allMoved(timeline, Service.ORDER, killedAt, killedAtEpoch)).isEqualTo(-1);
        assertThat(timeline.partitionsMovedAfter(Service.ORDER, 2, killedAt, killedAtEpoch)).containsExactly(-1, -1);
    }

    private static long allMoved(CommitTimeline timeline, Service service, long since, long sinceEpochMillis) {
        return CommitTimeline.whenAllMoved(timeline.partitionsMovedAfter(service, 2, since, sinceEpochMillis));
    }
}
