package io.phonegate.devstack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The gateway's own timing of its {@code 202}s, read from its {@code phonegate_auth_start_seconds} histogram
 * (outcome {@code challenged}: from its outermost filter to the paced answer's completion), next to what the
 * load driver saw, and how long its admitted requests' work took ({@code phonegate_gateway_requests_work}: the
 * time each held its slot). The difference is what the gateway cannot see: the kernel's accept queue, the wait for a
 * Tomcat thread to read the request, and the driver's own threads; a driver p99 far above the gateway's says
 * the time went there; a gateway p99 far above the floor with its work fast says it went to the waits around the
 * work (the answer's dispatch on a starved host), not to Cognito or Kafka.
 *
 * <p>One scrape before a rate and one after: the buckets' difference is that rate's answers alone.
 */
final class GatewayTimings {

    private static final String START_BUCKET = "phonegate_auth_start_seconds_bucket{";
    private static final String WORK_BUCKET = "phonegate_gateway_requests_work_seconds_bucket{";
    private static final String CHALLENGED = "outcome=\"challenged\"";
    private static final String LIMIT = "phonegate_gateway_requests_limit";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI prometheus;

    GatewayTimings(URI managementUri) {
        this.prometheus = managementUri.resolve("/actuator/prometheus");
    }

    /** The histograms now, and the in-progress limit the gateway has learned. */
    Scrape scrape() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(prometheus + " answered " + answer.statusCode());
            }
            return Scrape.parse(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + prometheus, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param answers the {@code 202}s, from the gateway's first filter to the answer's end
     * @param work    every admitted API request's work: the time it held its slot ({@code phonegate_gateway_requests_work})
     * @param limit   the learned bound on requests in progress, or -1 when the gateway did not report it
     */
    record Scrape(Histogram answers, Histogram work, double limit) {

        static Scrape parse(String exposition) {
            NavigableMap<Double, Double> answers = new TreeMap<>();
            NavigableMap<Double, Double> work = new TreeMap<>();
            double limit = -1;
            for (String line : exposition.split("\n")) {
                if (line.startsWith(START_BUCKET) && line.contains(CHALLENGED)) {
                    answers.merge(boundMs(line), value(line), Double::sum);
                } else if (line.startsWith(WORK_BUCKET)) {
                    work.merge(boundMs(line), value(line), Double::sum);
                } else if (line.startsWith(LIMIT + "{") || line.startsWith(LIMIT + " ")) {
                    limit = value(line);
                }
            }
            return new Scrape(new Histogram(answers), new Histogram(work), limit);
        }

        private static double boundMs(String line) {
            int le = line.indexOf("le=\"");
            String bound = line.substring(le + 4, line.indexOf('"', le + 4));
            return "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound) * 1000;
        }

        private static double value(String line) {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }

        /** What was counted since {@code before}; the limit as it is now. */
        Scrape since(Scrape before) {
            return new Scrape(answers.since(before.answers), work.since(before.work), limit);
        }
    }

    /** @param buckets cumulative counts by upper bound in milliseconds, as Prometheus histograms keep them */
    record Histogram(NavigableMap<Double, Double> buckets) {

        Histogram since(Histogram before) {
            NavigableMap<Double, Double> difference = new TreeMap<>();
            buckets.forEach((bound, count) -> difference.put(bound, count - before.buckets.getOrDefault(bound, 0.0)));
            return new Histogram(difference);
        }

        double count() {
            return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        }

        /** The smallest bucket bound that holds at least {@code quantile} of the values: an upper bound. */
        double atMostMs(double quantile) {
            double wanted = Math.ceil(quantile * count());
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                if (bucket.getValue() >= wanted) {
                    return bucket.getKey();
                }
            }
            return Double.NaN;
        }

        /** {@code p50 ≤ … ms, p99 ≤ … ms (n=…)}, in the histogram's bucket bounds. */
        String brief() {
            if (count() == 0) {
                return "none";
            }
            return String.format("p50 ≤ %.0f ms, p99 ≤ %.0f ms (n=%.0f)", atMostMs(0.50), atMostMs(0.99), count());
        }
    }
}
