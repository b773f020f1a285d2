package io.kroute.schemas.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

/**
 * A specific-record reader that refuses strings that are not valid UTF-8 instead of replacing the bad
 * bytes, so a corrupt record is dead-lettered rather than routed with altered text.
 */
final class StrictUtf8DatumReader<T> extends SpecificDatumReader<T> {

    // Strings are copied into a String right away, so one scratch buffer per thread serves every read.
    private final ThreadLocal<Utf8> scratch = ThreadLocal.withInitial(Utf8::new);

    StrictUtf8DatumReader(Schema writer, Schema reader, SpecificData data) {
        super(writer, reader, data);
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
        Utf8 utf8 = in.readString(scratch.get());
        byte[] bytes = utf8.getBytes();
        int length = utf8.getByteLength();
        int bad = Utf8Validator.firstInvalidOffset(bytes, 0, length);
        if (bad >= 0) {
            throw new DecodingException(DecodingException.Kind.INVALID_UTF8,
                    "expected a UTF-8 string, found invalid byte 0x" + String.format("%02x", bytes[bad] & 0xff)
                            + " at offset " + bad + " of a " + length + "-byte string");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
