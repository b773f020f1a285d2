package io.kroute.runtime.bench;

import java.util.Arrays;

/** Produce-to-output latencies of one run, summarised by nearest-rank percentiles. */
public record LatencySummary(int samples, double p50Millis, double p99Millis, double maxMillis) {

    /** @param latenciesMillis one latency per record received after the warm-up; sorted in place */
    public static LatencySummary of(long[] latenciesMillis, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("expected at least one latency sample, found none: no output record "
                    + "arrived after the warm-up");
        }
        Arrays.sort(latenciesMillis, 0, count);
        return new LatencySummary(count, percentile(latenciesMillis, count, 0.50),
                percentile(latenciesMillis, count, 0.99), latenciesMillis[count - 1]);
    }

    /** The nearest-rank percentile: the smallest sample with at least {@code q} of the samples at or below it. */
    static double percentile(long[] sorted, int count, double q) {
        int rank = (int) Math.ceil(q * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)];
    }
}
