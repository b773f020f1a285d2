package io.kroute.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The line {@code kroute run} prints every few seconds while it runs: prompts per second since the last line,
 * decisions, quarantined prompts and dead letters so far, the consumer lag of its inputs, the active model.
 */
public final class StatusLine implements AutoCloseable {
    private final MeterRegistry meters;
    private final Supplier<Map<MetricName, ? extends Metric>> streamsMetrics;
    private final Supplier<String> activeModel;
    private final PrintWriter out;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kroute-status-line");
        thread.setDaemon(true);
        return thread;
    });
    private double lastPrompts;
    private long lastNanos = System.nanoTime();

    StatusLine(MeterRegistry meters, Supplier<Map<MetricName, ? extends Metric>> streamsMetrics,
            Supplier<String> activeModel, PrintWriter out) {
        this.meters = meters;
        this.streamsMetrics = streamsMetrics;
        this.activeModel = activeModel;
        this.out = out;
    }

    /** Prints {@link #line()} to {@code out} every {@code every} until closed. */
    public static StatusLine start(KrouteRuntime runtime, PrintWriter out, Duration every) {
        StatusLine line = new StatusLine(runtime.meterRegistry(), () -> runtime.streams().metrics(),
                runtime::activeModel, out);
        line.timer.scheduleAtFixedRate(() -> {
            out.println(line.line());
            out.flush();
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return line;
    }

    /** One status line, with the rate since the previous call. */
    synchronized String line() {
        double decided = sum("kroute.decisions");
        double quarantined = sum("kroute.quarantined");
        double deadLetters = sum("kroute.dead.letters");
        double promptDeadLetters = meters.find("kroute.dead.letters").tag("topic", "prompts").counters().stream()
                .mapToDouble(Counter::count).sum();
        double prompts = decided + quarantined + promptDeadLetters;
        long now = System.nanoTime();
        double rate = (prompts - lastPrompts) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastPrompts = prompts;
        lastNanos = now;
        return String.format(Locale.ROOT, "kroute: %.1f prompts/s, %.0f decided, %.0f quarantined, %.0f dead letters,"
                + " lag %d, model %s", rate, decided, quarantined, deadLetters, lag(), activeModel.get());
    }

    private double sum(String counter) {
        return meters.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Records not yet read from the inputs' partitions this instance owns (the consumers' records-lag). */
    private long lag() {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streamsMetrics.get().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && name.tags().containsKey("partition") && metric.getValue().metricValue() instanceof Double value
                    && !value.isNaN()) {
                lag += value;
            }
        }
        return Math.round(lag);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
