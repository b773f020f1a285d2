"""Confluent-format Avro for kroute's topics: Apache Avro's Python library (Debian's `python3-avro`) reads and
writes the Avro binary body; this module adds only the Confluent framing and the registry look-ups.

A value is the magic byte 0, the writer schema's registry id (4 bytes, big-endian) and the Avro binary body.
`Registry` fetches schemas by id and subject; `decode` reads any value kroute writes and `encode` writes a record
with a registered schema. Avro's `timestamp-millis` fields are timezone-aware `datetime`s on both sides.
"""
import io
import json
import struct
import sys
import urllib.request

try:
    import avro.io
    import avro.schema
except ImportError:
    sys.exit('confluent_avro.py: %s has no Apache Avro library; install Debian\'s package with: '
             'apt-get install -y python3-avro (and run /usr/bin/python3)' % sys.executable)

MAGIC_BYTE = 0
HEADER = struct.Struct('>bi')  # magic byte, schema id


class Registry:
    """The read side of a Confluent-compatible schema registry (kroute serves one)."""

    def __init__(self, url):
        self.url = url.rstrip('/')
        self.by_id = {}

    def _get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.load(response)

    def schema(self, schema_id):
        """The parsed Avro schema registered as `schema_id`, fetched once."""
        if schema_id not in self.by_id:
            self.by_id[schema_id] = avro.schema.parse(self._get('/schemas/ids/%d' % schema_id)['schema'])
        return self.by_id[schema_id]

    def latest(self, subject):
        """(id, parsed schema) of a subject's newest version; kroute registers its subjects when it starts."""
        answer = self._get('/subjects/%s/versions/latest' % subject)
        return answer['id'], avro.schema.parse(answer['schema'])


def schema_id_of(value):
    """The registry id in a Confluent-format value's header."""
    if len(value) < HEADER.size or value[0] != MAGIC_BYTE:
        raise ValueError('expected the Confluent wire format (magic byte 0, 4-byte schema id), found %r'
                         % bytes(value[:HEADER.size]))
    return HEADER.unpack_from(value)[1]


def encode(schema_id, schema, record):
    """The Confluent-format bytes of `record` (a dict) written with `schema` (parsed), registered as `schema_id`."""
    out = io.BytesIO()
    out.write(HEADER.pack(MAGIC_BYTE, schema_id))
    avro.io.DatumWriter(schema).write(record, avro.io.BinaryEncoder(out))
    return out.getvalue()


def decode(registry, value):
    """The record (a dict) in Confluent-format bytes, read with its writer's schema from `registry`."""
    schema = registry.schema(schema_id_of(value))
    body = io.BytesIO(value[HEADER.size:])
    record = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(body))
    left = len(value) - HEADER.size - body.tell()
    if left:
        raise ValueError('expected one record in the Avro body, found %d bytes left after it' % left)
    return record
