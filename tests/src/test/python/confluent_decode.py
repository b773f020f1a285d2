#!/usr/bin/env python3
"""A Confluent-format Avro consumer: the examples' `confluent_avro` module on Apache Avro's Python library.

Reads records written by `kcat -C -f '%S:%s'` (size, colon, raw value bytes, repeated), and for each value
checks the Confluent wire format (magic byte 0, 4-byte big-endian schema id), fetches the writer schema from
the schema registry's REST API (GET /schemas/ids/{id}), decodes the Avro binary body and prints one JSON
object per record (timestamps as epoch milliseconds, bytes as hex). With --subject it also checks that the id
is the subject's latest version.

Usage: confluent_decode.py REGISTRY_URL KCAT_OUTPUT_FILE [--subject SUBJECT]
"""
import datetime
import json
import sys
from pathlib import Path

# tests/src/test/python -> the repository root -> examples/python: one Confluent framing for examples and tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "examples" / "python"))
from confluent_avro import Registry, decode, schema_id_of  # noqa: E402

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def as_json(value):
    if isinstance(value, datetime.datetime):
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError("no JSON form for %r" % (value,))


def records(raw):
    pos = 0
    while pos < len(raw):
        colon = raw.index(b":", pos)
        size = int(raw[pos:colon])
        yield raw[colon + 1:colon + 1 + size]
        pos = colon + 1 + size


def main(argv):
    registry, path = Registry(argv[1]), argv[2]
    subject = argv[4] if len(argv) > 4 and argv[3] == "--subject" else None
    latest_id = registry.latest(subject)[0] if subject else None
    with open(path, "rb") as handle:
        raw = handle.read()
    for value in records(raw):
        try:
            schema_id = schema_id_of(value)
            record = decode(registry, value)
        except ValueError as error:
            raise SystemExit(str(error))
        if latest_id is not None and schema_id != latest_id:
            raise SystemExit("schema id %d is not the latest of %s (%d)" % (schema_id, subject, latest_id))
        record["_schemaId"] = schema_id
        print(json.dumps(record, sort_keys=True, default=as_json))


if __name__ == "__main__":
    main(sys.argv)
