package io.kroute.schemas.codec;

/**
 * Confluent's wire format: one magic byte {@code 0}, the writer schema's registry id as a 4-byte big-endian
 * integer, then the Avro binary encoding of the record.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Reads and checks the header, returning the writer schema id. */
    public static int schemaId(String topic, byte[] bytes) {
        if (bytes == null) {
            throw new DecodingException(DecodingException.Kind.TRUNCATED,
                    "record from topic '" + topic + "': expected at least " + HEADER_LENGTH
                            + " bytes (magic byte and schema id), found a null value");
        }
        if (bytes.length > 0 && bytes[0] != MAGIC_BYTE) {
            throw new DecodingException(DecodingException.Kind.UNKNOWN_MAGIC_BYTE,
                    "record from topic '" + topic + "': expected magic byte 0x00, found "
                            + describeFirstByte(bytes[0]));
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new DecodingException(DecodingException.Kind.TRUNCATED,
                    "record from topic '" + topic + "': expected at least " + HEADER_LENGTH
                            + " bytes (magic byte and schema id), found " + bytes.length);
        }
        return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    /** Writes the header for {@code schemaId} into the first five bytes of {@code target}. */
    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    private static String describeFirstByte(byte first) {
        String hex = String.format("0x%02x", first & 0xff);
        // Producers that send JSON to an Avro topic are the commonest cause; say so.
        if (first == '{' || first == '[') {
            return hex + " ('" + (char) first + "': the value looks like JSON, not Confluent-framed Avro)";
        }
        return hex;
    }
}
