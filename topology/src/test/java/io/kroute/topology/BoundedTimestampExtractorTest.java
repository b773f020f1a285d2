package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class BoundedTimestampExtractorTest {
    static final long NOW = 1_780_000_000_000L;
    final BoundedTimestampExtractor extractor = new BoundedTimestampExtractor(Duration.ofMinutes(1), () -> NOW);

    static ConsumerRecord<Object, Object> at(long timestamp) {
        return new ConsumerRecord<>("rewards", 0, 0L, timestamp, TimestampType.CREATE_TIME, 0, 0, null, null,
                new RecordHeaders(), Optional.empty());
    }

    @Test
    void shouldKeepTimesInThePastAndWithinTheAllowedSkew() {
        assertThat(extractor.extract(at(NOW - Duration.ofDays(365).toMillis()), NOW))
                .isEqualTo(NOW - Duration.ofDays(365).toMillis());
        assertThat(extractor.extract(at(NOW + 60_000), NOW)).isEqualTo(NOW + 60_000);
    }

    @Test
    void shouldReplaceATimeTooFarAheadWithTheClock() {
        assertThat(extractor.extract(at(NOW + 60_001), NOW - 5)).isEqualTo(NOW);
        assertThat(extractor.extract(at(NOW + Duration.ofMinutes(50).toMillis()), -1)).isEqualTo(NOW);
    }

    @Test
    void shouldGiveARecordWithoutATimeItsPartitionTimeOrTheClock() {
        assertThat(extractor.extract(at(-1), NOW - 1_000)).isEqualTo(NOW - 1_000);
        assertThat(extractor.extract(at(-1), -1)).isEqualTo(NOW);
    }

    @Test
    void shouldRefuseANegativeSkew() {
        assertThatThrownBy(() -> new BoundedTimestampExtractor(Duration.ofSeconds(-1), () -> NOW))
                .hasMessageContaining("expected zero or a positive duration, found PT-1S");
    }
}
