package io.kroute.runtime;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kroute.inference.routing.CatalogException;
import io.kroute.inference.routing.CatalogReader;
import io.kroute.inference.routing.ProviderCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a provider catalog file ({@code --providers-file}): YAML for {@code .yaml} and {@code .yml}, JSON
 * otherwise. Syntax errors name the file, line and column; everything after parsing is validated by
 * {@link CatalogReader}, whose errors name the file and the JSON path.
 */
public final class CatalogFiles {

    private CatalogFiles() {
    }

    public static ProviderCatalog read(Path file) {
        String name = file.toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        // Two members of the same name (two rules for one tenant) would otherwise keep the last one silently.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr() + ":";
            throw new CatalogException(name, "$", "expected a " + (yaml ? "YAML" : "JSON") + " document;" + where
                    + " " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CatalogException(name, "$", "expected a readable file, found: " + e);
        }
        if (root == null || root.isMissingNode()) {
            throw new CatalogException(name, "$", "expected a catalog with providers, found an empty file");
        }
        return CatalogReader.read(root, name);
    }
}
