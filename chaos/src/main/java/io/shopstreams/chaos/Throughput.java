package io.shopstreams.chaos;

/**
 * The dip of committed events per second after a fault and the time until the rate recovered, against the mean
 * of the 10 s before it. Pure.
 */
final class Throughput {
    private static final int BEFORE = 10;
    private static final int AFTER = 30;

    private Throughput() {
    }

    /** The deepest drop, in percent of the baseline, of a 2 s mean within 30 s of {@code second}. */
    static long dipPercent(long[] perSecond, int second) {
        double baseline = baseline(perSecond, second);
        if (baseline == 0) {
            return 0;
        }
        double lowest = baseline;
        for (int s = second; s < Math.min(second + AFTER, perSecond.length - 1); s++) {
            lowest = Math.min(lowest, (perSecond[s] + perSecond[s + 1]) / 2.0);
        }
        return Math.round(100 * (1 - lowest / baseline));
    }

    /**
     * From {@code second} until a 3 s mean is back at 80 % of the baseline after the lowest point, in ms; 0 for a
     * dip of less than 20 %, -1 if the rate never recovered.
     */
    static long recoveryMillis(long[] perSecond, int second) {
        double baseline = baseline(perSecond, second);
        if (baseline == 0 || dipPercent(perSecond, second) < 20) {
            return 0;
        }
        int lowestAt = second;
        for (int s = second; s < Math.min(second + AFTER, perSecond.length); s++) {
            lowestAt = perSecond[s] < perSecond[lowestAt] ? s : lowestAt;
        }
        for (int s = lowestAt; s + 2 < perSecond.length; s++) {
            if ((perSecond[s] + perSecond[s + 1] + perSecond[s + 2]) / 3.0 >= 0.8 * baseline) {
                return (s - second) * 1000L;
            }
        }
        return -1;
    }

    private static double baseline(long[] perSecond, int second) {
        int from = Math.max(0, second - BEFORE);
        if (second <= from || second > perSecond.length) {
            return 0;
        }
        long sum = 0;
        for (int s = from; s < second; s++) {
            sum += perSecond[s];
        }
        return (double) sum / (second - from);
    }
}
