package io.kroute.schemas;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * The Avro record classes generated from kroute's schemas, and the one place that makes Avro trust them.
 *
 * <p>Avro 1.12 refuses to instantiate a class it resolves by name unless the class is trusted (by the
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} system property or the global {@link ClassSecurityValidator}).
 * {@link #trust()} adds exactly these classes to the global predicate, keeping whatever was trusted before,
 * so kroute's records decode in any JVM without users setting properties. kroute's codec calls it on first
 * use; code that decodes these classes with Avro's own readers, without the codec, calls it once itself.
 */
public final class RecordClasses {

    /** Every top-level and nested record class generated from {@code src/main/avro}. */
    public static final List<Class<? extends SpecificRecord>> ALL = List.of(
            PromptEvent.class, RoutingDecision.class, ArmScore.class, QuarantineRecord.class,
            FeatureScore.class, RewardEvent.class, ArmState.class, ArmHistory.class, ArmDetection.class,
            ArmDetector.class, ProviderExclusion.class);

    private static final Map<String, Class<? extends SpecificRecord>> BY_FULL_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));

    private static boolean trusted;

    private RecordClasses() {
    }

    /** The generated class for a record's full name (namespace.name), or null when it is not one of ours. */
    public static Class<? extends SpecificRecord> forFullName(String fullName) {
        return BY_FULL_NAME.get(fullName);
    }

    /**
     * Adds kroute's record classes to Avro's global trusted classes. Idempotent and thread-safe; classes
     * trusted before (by properties or by other libraries) stay trusted.
     */
    public static synchronized void trust() {
        if (trusted) {
            return;
        }
        ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
        ALL.forEach(ours::add);
        ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, ours.build()));
        trusted = true;
    }
}
