"""Writes a float32 TFLite flatbuffer for a small sequential CNN.

A minimal forward flatbuffer serialiser (parents before children, so every
offset points forward as the format requires), with the TFLite schema's
field numbers for the tables meterd's reader parses (vision/tflite.c).
Float32 only: weights are stored as they are trained."""
import struct

# builtin operator codes and option-union types of the TFLite schema
OP = {"ADD": 0, "CONV_2D": 3, "FULLY_CONNECTED": 9, "MAX_POOL_2D": 17, "MUL": 18,
      "RESHAPE": 22, "SOFTMAX": 25}
OPT_TYPE = {"CONV_2D": 1, "MAX_POOL_2D": 5, "FULLY_CONNECTED": 8, "RESHAPE": 17, "ADD": 11,
            "MUL": 21}


class Table:
    def __init__(self, fields):
        self.fields = fields      # {field number: (kind, value)}


class Vec:
    def __init__(self, kind, items):
        self.kind, self.items = kind, items


class Str:
    def __init__(self, s):
        self.s = s.encode()


def _align(buf, n):
    while len(buf) % n:
        buf.append(0)


def _write(buf, obj):
    """Appends obj, returns its position (table start, vector length word)."""
    if isinstance(obj, Str):
        _align(buf, 4)
        pos = len(buf)
        buf += struct.pack("<I", len(obj.s)) + obj.s + b"\0"
        return pos
    if isinstance(obj, Vec):
        fmt = {"i32": "<i", "f32": "<f", "i64": "<q", "u8": "<B"}.get(obj.kind)
        _align(buf, 8 if obj.kind == "i64" else 4)
        if obj.kind == "i64" and len(buf) % 8 != 4:
            buf += b"\0" * 4        # so the elements (after the count) are 8-aligned
        pos = len(buf)
        buf += struct.pack("<I", len(obj.items))
        if obj.kind == "u8":
            buf += bytes(obj.items)
            return pos
        if fmt:
            for v in obj.items:
                buf += struct.pack(fmt, v)
            return pos
        slots = []                  # vector of tables: offsets patched below
        for _ in obj.items:
            slots.append(len(buf))
            buf += b"\0\0\0\0"
        for slot, t in zip(slots, obj.items):
            p = _write(buf, t)
            struct.pack_into("<I", buf, slot, p - slot)
        return pos
    # table: vtable first, then the table, then its children
    _align(buf, 4)
    nf = max(obj.fields) + 1 if obj.fields else 0
    layout, size = {}, 4
    for k in sorted(obj.fields):
        kind, _ = obj.fields[k]
        w = {"u8": 1, "i32": 4, "f32": 4}.get(kind, 4)
        while size % w:
            size += 1
        layout[k] = size
        size += w
    while size % 4:
        size += 1
    vt = len(buf)
    buf += struct.pack("<HH", 4 + 2 * nf, size)
    for k in range(nf):
        buf += struct.pack("<H", layout.get(k, 0))
    _align(buf, 4)
    tpos = len(buf)
    buf += b"\0" * size
    struct.pack_into("<i", buf, tpos, tpos - vt)
    children = []
    for k, (kind, v) in obj.fields.items():
        at = tpos + layout[k]
        if kind == "u8":
            struct.pack_into("<B", buf, at, v)
        elif kind == "i32":
            struct.pack_into("<i", buf, at, v)
        elif kind == "f32":
            struct.pack_into("<f", buf, at, v)
        else:
            children.append((at, v))
    for at, child in children:
        p = _write(buf, child)
        struct.pack_into("<I", buf, at, p - at)
    return tpos


def model_bytes(tensors, ops, inputs, outputs, buffers):
    """tensors: dicts {shape, buffer, name}; ops: (opname, [in], [out], {options});
    buffers: list of bytes (index 0 must be b'')."""
    names = sorted({o[0] for o in ops}, key=lambda n: OP[n])
    codes = [Table({0: ("u8", min(OP[n], 127)), 2: ("i32", 1), 3: ("i32", OP[n])}) for n in names]
    ttabs = [Table({0: ("ref", Vec("i32", t["shape"])), 1: ("u8", 0),
                    2: ("i32", t["buffer"]), 3: ("ref", Str(t["name"]))}) for t in tensors]
    otabs = []
    for name, ins, outs, opt in ops:
        f = {0: ("i32", names.index(name)), 1: ("ref", Vec("i32", ins)),
             2: ("ref", Vec("i32", outs))}
        if name in OPT_TYPE:
            f[3] = ("u8", OPT_TYPE[name])
            of = {}
            if name == "CONV_2D":
                of = {0: ("u8", 0), 1: ("i32", 1), 2: ("i32", 1), 3: ("u8", opt.get("act", 0))}
            elif name == "MAX_POOL_2D":
                of = {0: ("u8", 1), 1: ("i32", 2), 2: ("i32", 2), 3: ("i32", 2), 4: ("i32", 2)}
            elif name == "FULLY_CONNECTED":
                of = {0: ("u8", opt.get("act", 0))}
            elif name == "RESHAPE":
                of = {0: ("ref", Vec("i32", opt["shape"]))}
            f[4] = ("ref", Table(of))
        otabs.append(Table(f))
    sg = Table({0: ("ref", Vec("tbl", ttabs)), 1: ("ref", Vec("i32", inputs)),
                2: ("ref", Vec("i32", outputs)), 3: ("ref", Vec("tbl", otabs)),
                4: ("ref", Str("main"))})
    bufs = [Table({0: ("ref", Vec("u8", b))}) if b else Table({}) for b in buffers]
    model = Table({0: ("i32", 3), 1: ("ref", Vec("tbl", codes)), 2: ("ref", Vec("tbl", [sg])),
                   3: ("ref", Str("meterd train_pointer.py")), 4: ("ref", Vec("tbl", bufs))})
    buf = bytearray(b"\0\0\0\0TFL3")
    root = _write(buf, model)
    struct.pack_into("<I", buf, 0, root)
    return bytes(buf)
