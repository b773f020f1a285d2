package io.kroute.inference.routing;

/** The rule that made a provider ineligible for a prompt, in the order the rules are checked. */
public enum ExclusionRule {
    /** The tenant's denylist names the provider. */
    TENANT_DENYLIST("tenant-denylist"),
    /** The tenant has an allowlist without the provider. */
    TENANT_ALLOWLIST("tenant-allowlist"),
    /** The provider lacks a tag the tenant requires. */
    TENANT_REQUIRED_TAG("tenant-required-tag"),
    /** The class's denylist names the provider. */
    CLASS_DENYLIST("class-denylist"),
    /** The class has an allowlist without the provider. */
    CLASS_ALLOWLIST("class-allowlist"),
    /** The prompt's tokens plus the output reserve exceed the provider's context window. */
    CONTEXT_WINDOW("context-window"),
    /** The prompt's estimated cost (input plus reserved output) exceeds the limit. */
    MAX_COST("max-cost");

    private final String key;

    ExclusionRule(String key) {
        this.key = key;
    }

    /** The stable name records and metrics use. */
    public String key() {
        return key;
    }
}
