package io.kroute.runtime;

import java.util.Map;
import java.util.Objects;

/** A topic kroute needs: its name, partition count and topic-level settings. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least 1 partition, found " + partitions);
        }
        configs = Map.copyOf(configs);
    }
}
