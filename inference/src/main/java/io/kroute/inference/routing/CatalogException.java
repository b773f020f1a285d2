package io.kroute.inference.routing;

/**
 * A provider catalog that cannot be used, with the file, the JSON path of the offending value and what was
 * expected, e.g. {@code providers.yaml: $.providers[2].inputPricePer1k: expected a number >= 0, found -1}.
 */
public final class CatalogException extends IllegalArgumentException {

    private final String source;
    private final String path;

    public CatalogException(String source, String path, String message) {
        super(source + ": " + path + ": " + message);
        this.source = source;
        this.path = path;
    }

    /** The file (or other source) the catalog came from. */
    public String source() {
        return source;
    }

    /** The JSON path of the offending value, e.g. {@code $.rules.tenants.acme.allow[0]}. */
    public String path() {
        return path;
    }
}
