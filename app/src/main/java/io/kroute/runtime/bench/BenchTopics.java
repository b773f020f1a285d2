package io.kroute.runtime.bench;

import io.kroute.topology.KrouteTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The benchmark's view of the broker's offsets: it empties the topics between runs and reads how far a run got. */
final class BenchTopics {

    private final Admin admin;
    private final Duration timeout;

    BenchTopics(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Deletes every record of the non-compacted topics up to their end, so a new application starts empty. */
    void truncate() {
        List<String> topics = new ArrayList<>(List.of(KrouteTopics.PROMPTS, KrouteTopics.DECISIONS,
                KrouteTopics.QUARANTINE, KrouteTopics.REWARDS, KrouteTopics.DEAD_LETTERS, PassThroughTopology.OUTPUT));
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        endOffsets(topics).forEach((partition, end) -> {
            if (end > 0) {
                deletions.put(partition, RecordsToDelete.beforeOffset(end));
            }
        });
        try {
            admin.deleteRecords(deletions).all().get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while truncating the topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot truncate the benchmark's topics: " + e.getMessage(), e);
        }
    }

    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(timeout.toSeconds(), TimeUnit.SECONDS)
                    .forEach((name, description) -> description.partitions().forEach(
                            p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(timeout.toSeconds(), TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics + ": " + e.getMessage(), e);
        }
    }

    /** The application's committed position on the prompts topic, summed over partitions. */
    long committed(String applicationId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(timeout.toSeconds(), TimeUnit.SECONDS);
            long sum = 0;
            for (var entry : offsets.entrySet()) {
                if (entry.getKey().topic().equals(KrouteTopics.PROMPTS) && entry.getValue() != null) {
                    sum += entry.getValue().offset();
                }
            }
            return sum;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading committed offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets of " + applicationId + ": "
                    + e.getMessage(), e);
        }
    }
}
