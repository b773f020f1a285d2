package io.kroute.runtime;

import io.kroute.schemas.ArmState;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.codec.SubjectNames;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.KrouteTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * kroute's value subjects, registered in the registry kroute serves when it starts: producers configured not to
 * register schemas ({@code auto.register.schemas=false}, the usual production setting) find {@code prompts-value}
 * and {@code rewards-value} there, and consumers find every schema kroute writes before its first record.
 */
final class KrouteSubjects {

    /** Each of kroute's topics with an Avro value, and the record its values hold. */
    static final Map<String, Class<? extends SpecificRecord>> VALUES = values();

    private KrouteSubjects() {
    }

    private static Map<String, Class<? extends SpecificRecord>> values() {
        Map<String, Class<? extends SpecificRecord>> values = new LinkedHashMap<>();
        values.put(KrouteTopics.PROMPTS, PromptEvent.class);
        values.put(KrouteTopics.REWARDS, RewardEvent.class);
        values.put(KrouteTopics.DECISIONS, RoutingDecision.class);
        values.put(KrouteTopics.QUARANTINE, QuarantineRecord.class);
        values.put(KrouteTopics.ARM_STATE, ArmState.class);
        return values;
    }

    /**
     * Registers the schema kroute writes (the shipped {@code .avsc}) under each value subject; a schema already
     * registered keeps its id.
     *
     * @return subject to schema id
     */
    static Map<String, Integer> register(SchemaRegistry registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        VALUES.forEach((topic, type) -> {
            String subject = SubjectNames.forTopic(topic, false);
            ids.put(subject, registry.register(subject, AvroCodec.forValues(type, registry).writerSchema()));
        });
        return ids;
    }
}
