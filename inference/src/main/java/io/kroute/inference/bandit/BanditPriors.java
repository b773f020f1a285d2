package io.kroute.inference.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Warm-start priors per class and arm, the {@code bandit} section of a weight file:
 *
 * <pre>
 * {"defaultPrior": {"alpha": 1, "beta": 1},
 *  "priors": {"*": {"provider": {"alpha": a, "beta": b}}, "class": {"provider": {"alpha": a, "beta": b}}}}
 * </pre>
 *
 * The prior of (class, arm) is the class's entry, else the global ({@code "*"}) entry, else {@code defaultPrior}.
 */
public final class BanditPriors {

    /** Limits that keep a hostile section from exhausting memory. */
    public static final int MAX_CONTEXTS = 1024;
    public static final int MAX_ARMS = 1024;

    private static final BanditPriors NONE = new BanditPriors(null, Map.of());

    private final ArmPrior defaultPrior;
    private final Map<String, Map<String, ArmPrior>> priors;

    public BanditPriors(ArmPrior defaultPrior, Map<String, Map<String, ArmPrior>> priors) {
        this.defaultPrior = defaultPrior;
        Map<String, Map<String, ArmPrior>> copy = new LinkedHashMap<>();
        priors.forEach((context, arms) -> copy.put(context, Collections.unmodifiableMap(new LinkedHashMap<>(arms))));
        this.priors = Collections.unmodifiableMap(copy);
    }

    public static BanditPriors none() {
        return NONE;
    }

    /** The prior for an arm in a class: class entry, then global entry, then this section's default, then {@code fallback}. */
    public ArmPrior prior(String context, String arm, ArmPrior fallback) {
        ArmPrior p = priors.getOrDefault(context, Map.of()).get(arm);
        if (p == null) {
            p = priors.getOrDefault(ContextualBandit.GLOBAL, Map.of()).get(arm);
        }
        if (p == null) {
            p = defaultPrior;
        }
        return p == null ? fallback : p;
    }

    public Map<String, Map<String, ArmPrior>> priors() {
        return priors;
    }

    public ArmPrior defaultPrior() {
        return defaultPrior;
    }

    /**
     * Reads and validates a {@code bandit} section. Unknown members of the section are ignored (room for later
     * additions, such as the compiler's {@code source}); inside a prior only {@code alpha} and {@code beta} are
     * allowed, so a misspelt member is refused rather than silently replaced by a default.
     *
     * @throws IllegalArgumentException naming the member, what was expected and what was found
     */
    public static BanditPriors fromJson(JsonNode section) {
        String path = "bandit";
        if (section == null || !section.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object, found " + kind(section));
        }
        ArmPrior defaultPrior = section.has("defaultPrior")
                ? readPrior(section.get("defaultPrior"), path + ".defaultPrior") : null;
        Map<String, Map<String, ArmPrior>> priors = new LinkedHashMap<>();
        JsonNode contexts = section.get("priors");
        if (contexts != null) {
            if (!contexts.isObject()) {
                throw new IllegalArgumentException(path + ".priors: expected an object, found " + kind(contexts));
            }
            if (contexts.size() > MAX_CONTEXTS) {
                throw new IllegalArgumentException(path + ".priors: expected at most " + MAX_CONTEXTS
                        + " classes, found " + contexts.size());
            }
            for (Map.Entry<String, JsonNode> context : contexts.properties()) {
                String contextPath = path + ".priors." + context.getKey();
                JsonNode arms = context.getValue();
                if (context.getKey().isBlank()) {
                    throw new IllegalArgumentException(contextPath + ": expected a class name, found a blank one");
                }
                if (!arms.isObject()) {
                    throw new IllegalArgumentException(contextPath + ": expected an object, found " + kind(arms));
                }
                if (arms.size() > MAX_ARMS) {
                    throw new IllegalArgumentException(contextPath + ": expected at most " + MAX_ARMS
                            + " arms, found " + arms.size());
                }
                Map<String, ArmPrior> byArm = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> arm : arms.properties()) {
                    byArm.put(arm.getKey(), readPrior(arm.getValue(), contextPath + "." + arm.getKey()));
                }
                priors.put(context.getKey(), byArm);
            }
        }
        return new BanditPriors(defaultPrior, priors);
    }

    private static ArmPrior readPrior(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object {\"alpha\": a, \"beta\": b}, found "
                    + kind(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("alpha") && !name.equals("beta")) {
                throw new IllegalArgumentException(path + "." + name + ": unknown member; expected alpha and beta");
            }
        }
        return new ArmPrior(readPositive(node.get("alpha"), path + ".alpha"),
                readPositive(node.get("beta"), path + ".beta"));
    }

    private static double readPositive(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException(path + ": expected a number > 0, found " + kind(node));
        }
        double value = node.doubleValue();
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(path + ": expected a number > 0, found " + node.asText());
        }
        return value;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.isValueNode() ? node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + node
                : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The section as JSON, in the shape {@link #fromJson} reads. */
    public ObjectNode toJson() {
        ObjectNode section = JsonNodeFactory.instance.objectNode();
        if (defaultPrior != null) {
            section.set("defaultPrior", priorJson(defaultPrior));
        }
        ObjectNode contexts = section.putObject("priors");
        priors.forEach((context, arms) -> {
            ObjectNode byArm = contexts.putObject(context);
            arms.forEach((arm, prior) -> byArm.set(arm, priorJson(prior)));
        });
        return section;
    }

    private static ObjectNode priorJson(ArmPrior prior) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("alpha", prior.alpha());
        node.put("beta", prior.beta());
        return node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BanditPriors other && java.util.Objects.equals(defaultPrior, other.defaultPrior)
                && priors.equals(other.priors);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(defaultPrior, priors);
    }
}
