package io.phonegate.devstack.bench;

import java.util.Collection;

/** Nearest-rank percentiles of a sample of milliseconds. */
record Percentiles(int count, double p50, double p99, double max) {

    static Percentiles of(Collection<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** {@code p50/p99} in whole milliseconds, or a dash without samples. */
    String brief() {
        return count == 0 ? "-" : String.format("%.0f/%.0f", p50, p99);
    }

    @Override
    public String toString() {
        return count == 0 ? "no samples" : String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", p50, p99, max, count);
    }
}
