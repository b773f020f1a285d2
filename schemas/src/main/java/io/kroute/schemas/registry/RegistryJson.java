package io.kroute.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** JSON shapes of Confluent Schema Registry's REST API, shared by the client and the server. */
public final class RegistryJson {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistryJson() {
    }

    /** Parses Avro schema text; a fresh parser each time, since parsers remember the names they have seen. */
    public static Schema parseSchema(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException | NullPointerException e) {
            throw SchemaRegistryException.invalidSchema(e.getMessage());
        }
    }

    /** {"schema": "..."} — the body of registration, lookup and compatibility requests. */
    public static ObjectNode schemaRequest(Schema schema) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    /** {"subject", "version", "id", "schema"} — one version of a subject. */
    public static ObjectNode registeredSchema(RegisteredSchema registered) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("subject", registered.subject());
        node.put("version", registered.version());
        node.put("id", registered.id());
        node.put("schema", registered.schema().toString());
        return node;
    }

    public static RegisteredSchema readRegisteredSchema(JsonNode node) {
        requireAvro(node);
        return new RegisteredSchema(text(node, "subject"), number(node, "version"), number(node, "id"),
                parseSchema(text(node, "schema")));
    }

    /** Refuses schemas of other types (PROTOBUF, JSON): kroute speaks Avro only. */
    public static void requireAvro(JsonNode node) {
        JsonNode type = node.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw SchemaRegistryException.invalidSchema("expected schemaType AVRO, found " + type.asText());
        }
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new SchemaRegistryException(0, SchemaRegistryException.UNAVAILABLE,
                    "expected a string field '" + field + "' in the registry's answer, found " + describe(value));
        }
        return value.asText();
    }

    public static int number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new SchemaRegistryException(0, SchemaRegistryException.UNAVAILABLE,
                    "expected an integer field '" + field + "' in the registry's answer, found " + describe(value));
        }
        return value.asInt();
    }

    public static ObjectNode error(int errorCode, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error_code", errorCode);
        node.put("message", message);
        return node;
    }

    private static String describe(JsonNode value) {
        return value == null ? "nothing" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
