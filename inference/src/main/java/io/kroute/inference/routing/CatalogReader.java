package io.kroute.inference.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a provider catalog from its JSON tree (parsed from JSON or YAML by the caller) and validates every value,
 * refusing the first problem with the file, its JSON path and what was expected. Unknown members are refused too,
 * so a misspelt rule never silently does nothing. The format is documented in docs/routing.md.
 */
public final class CatalogReader {

    /** {@code key:value}, lower case letters, digits and {@code . _ -}, e.g. {@code region:eu}. */
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]*:[a-z0-9][a-z0-9._-]*");

    private static final int FORMAT_VERSION = 1;
    private static final Set<String> ROOT = Set.of("version", "providers", "rules");
    private static final Set<String> PROVIDER = Set.of("name", "model", "contextWindow", "inputPricePer1k",
            "outputPricePer1k", "tags", "tokenizer");
    private static final Set<String> RULES = Set.of("outputReserveTokens", "maxCostUsd", "classes", "tenants");
    private static final Set<String> CLASS_RULE = Set.of("allow", "deny");
    private static final Set<String> TENANT_RULE = Set.of("allow", "deny", "requireTags", "maxCostUsd");

    private final String source;

    private CatalogReader(String source) {
        this.source = source;
    }

    /** The catalog {@code root} describes; {@code source} names the file in errors. */
    public static ProviderCatalog read(JsonNode root, String source) {
        return new CatalogReader(source).catalog(root);
    }

    private ProviderCatalog catalog(JsonNode root) {
        object(root, "$", ROOT);
        JsonNode version = root.get("version");
        if (version != null && !(version.isIntegralNumber() && version.asInt() == FORMAT_VERSION)) {
            throw fail("$.version", "expected " + FORMAT_VERSION + ", found " + version);
        }
        JsonNode list = root.get("providers");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw fail("$.providers", "expected a non-empty list of providers, found " + describe(list));
        }
        List<Provider> providers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            providers.add(provider(list.get(i), "$.providers[" + i + "]"));
        }
        ProviderCatalog bare = new ProviderCatalog(providers, RoutingRules.NONE, source);
        JsonNode rules = root.get("rules");
        return rules == null ? bare : new ProviderCatalog(providers, rules(rules, bare), source);
    }

    private Provider provider(JsonNode node, String path) {
        object(node, path, PROVIDER);
        String name = text(node.get("name"), path + ".name");
        if (name.indexOf('|') >= 0 || !name.strip().equals(name)) {
            throw fail(path + ".name", "expected a name without '|' or surrounding spaces, found '" + name + "'");
        }
        String model = node.has("model") ? text(node.get("model"), path + ".model") : name;
        long window = node.has("contextWindow")
                ? positiveInteger(node.get("contextWindow"), path + ".contextWindow") : Provider.UNLIMITED;
        double input = price(node.get("inputPricePer1k"), path + ".inputPricePer1k");
        double output = price(node.get("outputPricePer1k"), path + ".outputPricePer1k");
        Set<String> tags = tags(node.get("tags"), path + ".tags");
        TokenizerFamily family = TokenizerFamily.CL100K_BASE;
        if (node.has("tokenizer")) {
            try {
                family = TokenizerFamily.fromKey(text(node.get("tokenizer"), path + ".tokenizer"));
            } catch (IllegalArgumentException e) {
                throw e instanceof CatalogException c ? c : fail(path + ".tokenizer", e.getMessage());
            }
        }
        return new Provider(name, model, window, input, output, tags, family);
    }

    private RoutingRules rules(JsonNode node, ProviderCatalog catalog) {
        object(node, "$.rules", RULES);
        long reserve = node.has("outputReserveTokens")
                ? nonNegativeInteger(node.get("outputReserveTokens"), "$.rules.outputReserveTokens") : 0;
        double maxCost = node.has("maxCostUsd")
                ? positiveNumber(node.get("maxCostUsd"), "$.rules.maxCostUsd") : Double.POSITIVE_INFINITY;
        Map<String, RoutingRules.ClassRule> classes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : members(node.get("classes"), "$.rules.classes")) {
            String path = "$.rules.classes." + entry.getKey();
            object(entry.getValue(), path, CLASS_RULE);
            classes.put(entry.getKey(), new RoutingRules.ClassRule(
                    providerNames(entry.getValue().get("allow"), path + ".allow", catalog, true),
                    providerNames(entry.getValue().get("deny"), path + ".deny", catalog, false)));
        }
        Map<String, RoutingRules.TenantRule> tenants = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : members(node.get("tenants"), "$.rules.tenants")) {
            String path = "$.rules.tenants." + entry.getKey();
            JsonNode rule = entry.getValue();
            object(rule, path, TENANT_RULE);
            tenants.put(entry.getKey(), new RoutingRules.TenantRule(
                    providerNames(rule.get("allow"), path + ".allow", catalog, true),
                    providerNames(rule.get("deny"), path + ".deny", catalog, false),
                    tags(rule.get("requireTags"), path + ".requireTags"),
                    rule.has("maxCostUsd") ? positiveNumber(rule.get("maxCostUsd"), path + ".maxCostUsd") : Double.NaN));
        }
        return new RoutingRules(reserve, maxCost, classes, tenants);
    }

    /** A list of provider names of the catalog; null (for "all") when absent and {@code absentIsAll}. */
    private Set<String> providerNames(JsonNode node, String path, ProviderCatalog catalog, boolean absentIsAll) {
        if (node == null) {
            return absentIsAll ? null : Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < array(node, path).size(); i++) {
            String name = text(node.get(i), path + "[" + i + "]");
            if (catalog.indexOf(name) < 0) {
                throw fail(path + "[" + i + "]", "expected a provider of the catalog (" + String.join(", ",
                        catalog.names()) + "), found '" + name + "'");
            }
            names.add(name);
        }
        return names;
    }

    private Set<String> tags(JsonNode node, String path) {
        if (node == null) {
            return Set.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < array(node, path).size(); i++) {
            String tag = text(node.get(i), path + "[" + i + "]");
            if (!TAG.matcher(tag).matches()) {
                throw fail(path + "[" + i + "]", "expected a tag 'key:value' of lower-case letters, digits, '.', "
                        + "'_' or '-' (e.g. region:eu), found '" + tag + "'");
            }
            tags.add(tag);
        }
        return tags;
    }

    private void object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw fail(path, "expected an object, found " + describe(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw fail(path + "." + name, "expected one of " + new java.util.TreeSet<>(allowed)
                        + ", found unknown member '" + name + "'");
            }
        }
    }

    private Iterable<Map.Entry<String, JsonNode>> members(JsonNode node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw fail(path, "expected an object keyed by name, found " + describe(node));
        }
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        node.fields().forEachRemaining(out::add);
        return out;
    }

    private JsonNode array(JsonNode node, String path) {
        if (!node.isArray()) {
            throw fail(path, "expected a list, found " + describe(node));
        }
        return node;
    }

    private String text(JsonNode node, String path) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw fail(path, "expected a non-blank string, found " + describe(node));
        }
        return node.asText();
    }

    private long positiveInteger(JsonNode node, String path) {
        long value = nonNegativeInteger(node, path);
        if (value == 0) {
            throw fail(path, "expected a whole number of tokens > 0, found 0");
        }
        return value;
    }

    private long nonNegativeInteger(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw fail(path, "expected a whole number >= 0, found " + describe(node));
        }
        return node.asLong();
    }

    private double price(JsonNode node, String path) {
        if (node == null) {
            return 0;
        }
        if (!node.isNumber() || !(node.asDouble() >= 0) || Double.isInfinite(node.asDouble())) {
            throw fail(path, "expected a price in USD >= 0, found " + describe(node));
        }
        return node.asDouble();
    }

    private double positiveNumber(JsonNode node, String path) {
        if (!node.isNumber() || !(node.asDouble() > 0) || Double.isInfinite(node.asDouble())) {
            throw fail(path, "expected an amount in USD > 0, found " + describe(node));
        }
        return node.asDouble();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.isTextual() ? "'" + node.asText() + "'" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + (node.isValueNode() ? " " + node : "");
    }

    private CatalogException fail(String path, String message) {
        return new CatalogException(source, path, message);
    }
}
