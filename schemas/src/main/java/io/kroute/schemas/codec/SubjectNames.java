package io.kroute.schemas.codec;

/** Confluent's TopicNameStrategy: a topic's values are registered under {@code <topic>-value}, keys under {@code <topic>-key}. */
public final class SubjectNames {

    private SubjectNames() {
    }

    public static String forTopic(String topic, boolean isKey) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("expected a topic name, found " + (topic == null ? "null" : "an empty string"));
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
