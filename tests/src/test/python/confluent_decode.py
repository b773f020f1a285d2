#!/usr/bin/env python3
"""A Confluent-format Avro consumer written with Python's standard library only.

Reads records written by `kcat -C -f '%S:%s'` (size, colon, raw value bytes, repeated), and for each value
checks the Confluent wire format (magic byte 0, 4-byte big-endian schema id), fetches the writer schema from
the schema registry's REST API (GET /schemas/ids/{id}), decodes the Avro binary body and prints one JSON
object per record. With --subject it also checks that the id is the subject's latest version.

Usage: confluent_decode.py REGISTRY_URL KCAT_OUTPUT_FILE [--subject SUBJECT]
"""
import json
import struct
import sys
import urllib.request


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


class Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def read(self, n):
        if self.pos + n > len(self.data):
            raise ValueError("Avro body ends early at byte %d (needs %d more)" % (self.pos, n))
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def long(self):
        shift, result = 0, 0
        while True:
            byte = self.read(1)[0]
            result |= (byte & 0x7F) << shift
            if byte & 0x80 == 0:
                return (result >> 1) ^ -(result & 1)
            shift += 7


def decode(schema, reader, named):
    if isinstance(schema, list):
        return decode(schema[reader.long()], reader, named)
    if isinstance(schema, str):
        kind = schema
        if kind in named:
            return decode(named[kind], reader, named)
    else:
        kind = schema["type"]
        if isinstance(kind, (dict, list)):
            return decode(kind, reader, named)
    if kind == "null":
        return None
    if kind == "boolean":
        return reader.read(1) == b"\x01"
    if kind in ("int", "long"):
        return reader.long()
    if kind == "float":
        return struct.unpack("<f", reader.read(4))[0]
    if kind == "double":
        return struct.unpack("<d", reader.read(8))[0]
    if kind == "bytes":
        return reader.read(reader.long()).hex()
    if kind == "string":
        return reader.read(reader.long()).decode("utf-8")
    if kind == "record":
        full = schema.get("namespace", "") + "." + schema["name"] if "namespace" in schema else schema["name"]
        named[schema["name"]] = schema
        named[full] = schema
        return {field["name"]: decode(field["type"], reader, named) for field in schema["fields"]}
    if kind == "enum":
        return schema["symbols"][reader.long()]
    if kind == "fixed":
        return reader.read(schema["size"]).hex()
    if kind in ("array", "map"):
        items = [] if kind == "array" else {}
        while True:
            count = reader.long()
            if count == 0:
                return items
            if count < 0:
                count = -count
                reader.long()  # block size in bytes, not needed
            for _ in range(count):
                if kind == "array":
                    items.append(decode(schema["items"], reader, named))
                else:
                    key = reader.read(reader.long()).decode("utf-8")
                    items[key] = decode(schema["values"], reader, named)
    raise ValueError("unsupported Avro type %r" % (kind,))


def records(raw):
    pos = 0
    while pos < len(raw):
        colon = raw.index(b":", pos)
        size = int(raw[pos:colon])
        yield raw[colon + 1:colon + 1 + size]
        pos = colon + 1 + size


def main(argv):
    registry, path = argv[1].rstrip("/"), argv[2]
    subject = argv[4] if len(argv) > 4 and argv[3] == "--subject" else None
    latest_id = get_json("%s/subjects/%s/versions/latest" % (registry, subject))["id"] if subject else None
    with open(path, "rb") as handle:
        raw = handle.read()
    for value in records(raw):
        if len(value) < 5 or value[0] != 0:
            raise SystemExit("expected the Confluent wire format (magic byte 0), found %r" % value[:5])
        schema_id = struct.unpack(">i", value[1:5])[0]
        if latest_id is not None and schema_id != latest_id:
            raise SystemExit("schema id %d is not the latest of %s (%d)" % (schema_id, subject, latest_id))
        schema = json.loads(get_json("%s/schemas/ids/%d" % (registry, schema_id))["schema"])
        reader = Reader(value[5:])
        record = decode(schema, reader, {})
        if reader.pos != len(reader.data):
            raise SystemExit("%d bytes left after the record" % (len(reader.data) - reader.pos))
        record["_schemaId"] = schema_id
        print(json.dumps(record, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv)
