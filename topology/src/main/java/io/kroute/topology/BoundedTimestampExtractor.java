package io.kroute.topology;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of kroute's inputs, bounded against producer clocks that run fast. A record stamped more than
 * {@link #MAX_AHEAD} after this machine's clock takes this machine's time instead: left alone, one such record
 * moves its task's stream time ahead, which closes every open reward window of the task at once, and, as a
 * reward, discounts everything its arm had learnt down to nearly nothing (and every later reward with it).
 * Records stamped in the past keep their time. A record without a valid time takes its partition's stream time,
 * or the clock when the partition has none yet, instead of stopping the stream.
 */
public final class BoundedTimestampExtractor implements TimestampExtractor {

    /** How far ahead of this machine's clock a record's time may be: ordinary skew between hosts, no more. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(1);

    private final long maxAheadMs;
    private final LongSupplier clock;

    public BoundedTimestampExtractor() {
        this(MAX_AHEAD, System::currentTimeMillis);
    }

    /** @param clock this machine's time in epoch milliseconds */
    public BoundedTimestampExtractor(Duration maxAhead, LongSupplier clock) {
        if (maxAhead == null || maxAhead.isNegative()) {
            throw new IllegalArgumentException("maxAhead: expected zero or a positive duration, found " + maxAhead);
        }
        this.maxAheadMs = maxAhead.toMillis();
        this.clock = clock;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long time = record.timestamp();
        long now = clock.getAsLong();
        if (time < 0) {
            return partitionTime >= 0 ? partitionTime : now;
        }
        return time - now > maxAheadMs ? now : time;
    }
}
