package io.kroute.topology.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One of kroute's Avro records as one UTF-8 JSON object, for consumers without Avro (kcat, scripts): the
 * schema's field names and nesting, a union as its value or {@code null}, a map as an object, a
 * {@code timestamp-millis} as an ISO-8601 UTC instant ({@code "2026-01-01T00:00:00.123Z"}). Reading accepts
 * what writing produces.
 */
public final class JsonRecordSerde<T extends SpecificRecord> implements Serde<T> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Schema schema;

    private JsonRecordSerde(Schema schema) {
        this.schema = schema;
    }

    public static <T extends SpecificRecord> JsonRecordSerde<T> of(Class<T> type) {
        return new JsonRecordSerde<>(SpecificData.get().getSchema(type));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            try {
                return MAPPER.writeValueAsBytes(toJson(schema, record));
            } catch (IOException e) {
                throw new SerializationException("cannot write a " + schema.getName() + " as JSON: " + e.getMessage(), e);
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return (T) fromJson(schema, MAPPER.readTree(bytes));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("expected a " + schema.getName() + " as JSON from topic '" + topic
                        + "': " + e.getMessage(), e);
            }
        };
    }

    static JsonNode toJson(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(field.schema(), record.get(field.pos())));
                }
                return object;
            }
            case UNION -> {
                return toJson(nonNull(schema), value);
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((key, item) -> object.set(key.toString(), toJson(schema.getValueType(), item)));
                return object;
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                ((List<?>) value).forEach(item -> array.add(toJson(schema.getElementType(), item)));
                return array;
            }
            case LONG -> {
                return value instanceof Instant instant ? NODES.textNode(instant.toString())
                        : NODES.numberNode(((Number) value).longValue());
            }
            case INT -> {
                return NODES.numberNode(((Number) value).intValue());
            }
            case DOUBLE, FLOAT -> {
                double number = ((Number) value).doubleValue();
                // JSON has no NaN or infinity: an undefined figure is written as null.
                return Double.isFinite(number) ? NODES.numberNode(number) : NODES.nullNode();
            }
            case BOOLEAN -> {
                return NODES.booleanNode((Boolean) value);
            }
            default -> {
                return NODES.textNode(value.toString()); // STRING, ENUM
            }
        }
    }

    static Object fromJson(Schema schema, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), fromJson(field.schema(), node.get(field.name())));
                }
                return record;
            }
            case UNION -> {
                return fromJson(nonNull(schema), node);
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                node.fields().forEachRemaining(entry -> map.put(entry.getKey(),
                        fromJson(schema.getValueType(), entry.getValue())));
                return map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                node.forEach(item -> list.add(fromJson(schema.getElementType(), item)));
                return list;
            }
            case LONG -> {
                return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis ? Instant.parse(node.asText())
                        : node.asLong();
            }
            case INT -> {
                return node.asInt();
            }
            case DOUBLE -> {
                return node.asDouble();
            }
            case FLOAT -> {
                return (float) node.asDouble();
            }
            case BOOLEAN -> {
                return node.asBoolean();
            }
            case ENUM -> {
                return SpecificData.get().createEnum(node.asText(), schema);
            }
            default -> {
                return node.asText();
            }
        }
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst()
                .orElseThrow();
    }
}
