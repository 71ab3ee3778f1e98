"""Answers to ``decode_words``: ``decode(words, kind, scale)`` for 16-bit scaled, uint32 and float32 values."""

from __future__ import annotations

import struct

from ..catalogue import Wrong

CHECK = "decode_words"


def decode(words, kind, scale):
    """Reference: high word first (ABCD), as the line sends 32-bit values."""
    if kind == "float32":
        return struct.unpack(">f", struct.pack(">HH", words[0], words[1]))[0]
    if kind == "uint32":
        raw = words[0] * 65536 + words[1]
    else:
        raw = words[0]
        if kind == "int16" and raw >= 32768:
            raw = raw - 65536
    return raw / scale


def with_shifts(words, kind, scale):
    """Bit shifts and masks, a table of signed kinds."""
    if kind == "float32":
        (value,) = struct.unpack(">f", bytes([words[0] >> 8, words[0] & 0xFF, words[1] >> 8, words[1] & 0xFF]))
        return value
    raw = (words[0] << 16) | words[1] if kind in ("uint32", "int32") else words[0]
    bits = {"int16": 16, "int32": 32}.get(kind)
    if bits and raw & (1 << (bits - 1)):
        raw -= 1 << bits
    return raw / scale


def with_struct(words, kind, scale):
    """struct for everything: pack the words big-endian, unpack as the kind."""
    formats = {"uint16": ">H", "int16": ">h", "uint32": ">I", "float32": ">f"}
    packed = struct.pack(">" + "H" * len(words), *words)
    (raw,) = struct.unpack(formats[kind], packed)
    return raw if kind == "float32" else raw / scale


CORRECT = [decode, with_shifts, with_struct]
REFERENCE = decode


def cdab(words, kind, scale):
    if kind == "float32":
        return struct.unpack(">f", struct.pack(">HH", words[1], words[0]))[0]
    if kind == "uint32":
        return (words[1] * 65536 + words[0]) / scale
    return decode(words, kind, scale)


def unsigned(words, kind, scale):
    if kind in ("uint16", "int16"):
        return words[0] / scale
    return decode(words, kind, scale)


def no_scale(words, kind, scale):
    return decode(words, kind, 1)


def times_scale(words, kind, scale):
    return decode(words, kind, 1) * scale


def times_65535(words, kind, scale):
    if kind == "uint32":
        return (words[0] * 65535 + words[1]) / scale
    return decode(words, kind, scale)


def first_word(words, kind, scale):
    if kind in ("uint32", "float32"):
        return words[0] / scale
    return decode(words, kind, scale)


def float_as_integer(words, kind, scale):
    if kind == "float32":
        return (words[0] * 65536 + words[1]) / scale
    return decode(words, kind, scale)


def integer_division(words, kind, scale):
    if kind == "float32":
        return decode(words, kind, scale)
    return decode(words, kind, 1) // scale


def returns_words(words, kind, scale):
    return words


def swapped_and_unscaled(words, kind, scale):
    """Two mistakes: CDAB and no scale; the first wrong value names one of them."""
    if kind == "uint32":
        return words[1] * 65536 + words[0]
    return decode(words, kind, scale)


def hundred(words, kind, scale):
    return decode(words, kind, scale) + 100


WRONG = [
    Wrong(cdab, "word_order_cdab"),
    Wrong(unsigned, "unsigned_int16"),
    Wrong(no_scale, "forgot_scale"),
    Wrong(times_scale, "multiplied_scale"),
    Wrong(times_65535, "times_65535"),
    Wrong(first_word, "first_word_only"),
    Wrong(float_as_integer, "float_as_integer"),
    Wrong(integer_division, "integer_division"),
    Wrong(returns_words, "not_a_number"),
    Wrong(hundred, "wrong_value"),
]
