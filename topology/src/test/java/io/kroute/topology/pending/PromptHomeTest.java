package io.kroute.topology.pending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class PromptHomeTest {

    @Test
    void shouldPlaceEveryPromptIdWhereJavasDefaultPartitionerPutsItsKey() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            String id = "p-" + Long.toHexString(random.nextLong()) + (i % 3 == 0 ? "-été" : "");
            int partitions = 1 + random.nextInt(64);
            assertThat(PromptHome.partitionOf(id, partitions)).isEqualTo(
                    BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions));
        }
    }

    @Test
    void shouldKnowNoPartitionCountWhenNoneIsConfiguredAndRefuseAnInvalidOne() {
        assertThat(PromptHome.partitions(Map.of())).isZero();
        assertThat(PromptHome.partitions(Map.of(PromptHome.PARTITIONS_CONFIG, "6"))).isEqualTo(6);
        assertThatThrownBy(() -> PromptHome.partitions(Map.of(PromptHome.PARTITIONS_CONFIG, "0")))
                .hasMessage("kroute.prompts.partitions: expected a partition count of at least 1, found '0'");
    }
}
