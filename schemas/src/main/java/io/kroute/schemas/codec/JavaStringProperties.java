package io.kroute.schemas.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * Generated classes carry {@code "avro.java.string": "String"} on every string type, telling Java readers
 * which class to build. That is a reading preference, not part of the data's shape, so the schema kroute
 * registers leaves it out: registry entries then equal the shipped {@code .avsc} files, and clients in
 * other languages see clean schemas.
 */
public final class JavaStringProperties {

    static final String PROPERTY = "avro.java.string";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JavaStringProperties() {
    }

    /** The same schema without any {@code avro.java.string} property. */
    public static Schema strip(Schema schema) {
        try {
            JsonNode tree = MAPPER.readTree(schema.toString());
            removeEverywhere(tree);
            return new Schema.Parser().parse(tree.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read Avro's own schema text", e);
        }
    }

    private static void removeEverywhere(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(PROPERTY);
        }
        node.forEach(JavaStringProperties::removeEverywhere);
    }
}
