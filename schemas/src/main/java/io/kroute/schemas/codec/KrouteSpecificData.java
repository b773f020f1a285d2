package io.kroute.schemas.codec;

import io.kroute.schemas.RecordClasses;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/**
 * Avro's specific-record model restricted to kroute's generated classes: record names are mapped to classes
 * from a fixed table, never loaded by name from whatever a writer schema says, so decoding needs no trusted
 * package settings and cannot be steered into instantiating other classes.
 */
final class KrouteSpecificData extends SpecificData {

    static final KrouteSpecificData INSTANCE = new KrouteSpecificData();

    private KrouteSpecificData() {
        super(KrouteSpecificData.class.getClassLoader());
        addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        // The generated classes' hand-written coders bypass the strict UTF-8 check of StrictUtf8DatumReader.
        setCustomCoders(false);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class getClass(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) {
            Class<?> known = RecordClasses.forFullName(schema.getFullName());
            if (known != null) {
                return known;
            }
        }
        return super.getClass(schema);
    }
}
