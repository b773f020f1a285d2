"""Confluent-format Avro for kroute's topics with Python's standard library only (Debian ships no fastavro).

A value is the magic byte 0, the writer schema's registry id (4 bytes, big-endian) and the Avro binary body.
`Registry` fetches schemas by id and subject; `decode` reads any value kroute writes (records, maps, arrays,
unions, enums, primitives); `encode` writes the flat records producers send (`RewardEvent`, `PromptEvent`).
"""
import json
import struct
import urllib.request


class Registry:
    """The read side of a Confluent-compatible schema registry (kroute serves one)."""

    def __init__(self, url):
        self.url = url.rstrip('/')
        self.by_id = {}

    def _get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.load(response)

    def schema(self, schema_id):
        if schema_id not in self.by_id:
            self.by_id[schema_id] = json.loads(self._get('/schemas/ids/%d' % schema_id)['schema'])
        return self.by_id[schema_id]

    def latest(self, subject):
        """(id, schema) of a subject's newest version; kroute registers its subjects when it starts."""
        answer = self._get('/subjects/%s/versions/latest' % subject)
        return answer['id'], json.loads(answer['schema'])


def _zigzag(value):
    value = (value << 1) ^ (value >> 63)
    out = bytearray()
    while value & ~0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _write(schema, value, out):
    if isinstance(schema, list):  # a union: the first branch the value fits
        for index, branch in enumerate(schema):
            kind = branch if isinstance(branch, str) else branch['type']
            if (value is None) == (kind == 'null'):
                out += _zigzag(index)
                _write(branch, value, out)
                return
        raise ValueError('no branch of %r takes %r' % (schema, value))
    kind = schema if isinstance(schema, str) else schema['type']
    if isinstance(kind, (dict, list)):
        return _write(kind, value, out)
    if kind == 'null':
        return
    if kind == 'boolean':
        out.append(1 if value else 0)
    elif kind in ('int', 'long'):
        out += _zigzag(int(value))
    elif kind == 'double':
        out += struct.pack('<d', float(value))
    elif kind == 'float':
        out += struct.pack('<f', float(value))
    elif kind == 'string':
        data = value.encode('utf-8')
        out += _zigzag(len(data)) + data
    elif kind == 'map':
        if value:
            out += _zigzag(len(value))
            for key, item in value.items():
                data = key.encode('utf-8')
                out += _zigzag(len(data)) + data
                _write(schema['values'], item, out)
        out += _zigzag(0)
    elif kind == 'record':
        for field in schema['fields']:
            _write(field['type'], value.get(field['name'], field.get('default')), out)
    else:
        raise ValueError('encode: unsupported Avro type %r' % (kind,))


def encode(schema_id, schema, record):
    """The Confluent-format bytes of `record` (a dict) written with `schema`, registered as `schema_id`."""
    out = bytearray(b'\x00' + struct.pack('>i', schema_id))
    _write(schema, record, out)
    return bytes(out)


class _Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def read(self, n):
        if self.pos + n > len(self.data):
            raise ValueError('the Avro body ends early at byte %d' % self.pos)
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def long(self):
        shift = result = 0
        while True:
            byte = self.read(1)[0]
            result |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return (result >> 1) ^ -(result & 1)
            shift += 7


def _read(schema, reader, named):
    if isinstance(schema, list):
        return _read(schema[reader.long()], reader, named)
    if isinstance(schema, str) and schema in named:
        return _read(named[schema], reader, named)
    kind = schema if isinstance(schema, str) else schema['type']
    if isinstance(kind, (dict, list)):
        return _read(kind, reader, named)
    if kind == 'null':
        return None
    if kind == 'boolean':
        return reader.read(1) == b'\x01'
    if kind in ('int', 'long'):
        return reader.long()
    if kind == 'float':
        return struct.unpack('<f', reader.read(4))[0]
    if kind == 'double':
        return struct.unpack('<d', reader.read(8))[0]
    if kind == 'string':
        return reader.read(reader.long()).decode('utf-8')
    if kind == 'bytes':
        return reader.read(reader.long())
    if kind == 'enum':
        return schema['symbols'][reader.long()]
    if kind == 'record':
        named[schema['name']] = schema
        if 'namespace' in schema:
            named[schema['namespace'] + '.' + schema['name']] = schema
        return {field['name']: _read(field['type'], reader, named) for field in schema['fields']}
    if kind in ('array', 'map'):
        items = [] if kind == 'array' else {}
        while True:
            count = reader.long()
            if count == 0:
                return items
            if count < 0:
                count = -count
                reader.long()  # the block's size in bytes
            for _ in range(count):
                if kind == 'array':
                    items.append(_read(schema['items'], reader, named))
                else:
                    key = reader.read(reader.long()).decode('utf-8')
                    items[key] = _read(schema['values'], reader, named)
    raise ValueError('decode: unsupported Avro type %r' % (kind,))


def decode(registry, value):
    """The record (a dict) in Confluent-format bytes, read with its writer's schema from `registry`."""
    if len(value) < 5 or value[0] != 0:
        raise ValueError('expected the Confluent wire format (magic byte 0), found %r' % value[:5])
    reader = _Reader(value[5:])
    record = _read(registry.schema(struct.unpack('>i', value[1:5])[0]), reader, {})
    if reader.pos != len(reader.data):
        raise ValueError('%d bytes left after the record' % (len(reader.data) - reader.pos))
    return record
