package io.kroute.topology;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A topic name with the serdes its keys and values are written with, so the two never drift apart. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
