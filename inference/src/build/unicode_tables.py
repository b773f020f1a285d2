#!/usr/bin/python3
"""Writes the Unicode tables the Java tokenizer uses to tokenize exactly as the Python that runs scikit-learn.

    /usr/bin/python3 inference/src/build/unicode_tables.py > inference/src/main/resources/io/kroute/inference/text/unicode-tables.txt

The JVM's own character data follows the JVM's Unicode version (Java 17: Unicode 13), while Python's follows
Python's (3.11: Unicode 14). Taking both from Python makes tokens independent of the JVM running kroute.

Output, one item per line:
  version <unicodedata.unidata_version>
  word <first-hex> <last-hex>       ranges of code points Python's re matches with \\w (str.isalnum() or '_')
  lower <from-hex> <to-hex>         single code points whose str.lower() is one other code point
Code points below 128 are left out (the scanner handles ASCII itself), as are U+0130 and U+03A3, whose
lower-casing is not one-to-one or depends on context.
"""
import re
import sys
import unicodedata

WORD = re.compile(r"\w")


def main():
    out = sys.stdout
    out.write("version %s\n" % unicodedata.unidata_version)
    start = None
    for cp in range(128, 0x110000):
        is_word = 0xD800 > cp or cp > 0xDFFF
        is_word = is_word and WORD.match(chr(cp)) is not None
        if is_word and start is None:
            start = cp
        elif not is_word and start is not None:
            out.write("word %x %x\n" % (start, cp - 1))
            start = None
    if start is not None:
        out.write("word %x %x\n" % (start, 0x10FFFF))
    for cp in range(128, 0x110000):
        if cp in (0x130, 0x3A3) or 0xD800 <= cp <= 0xDFFF:
            continue
        lowered = chr(cp).lower()
        if len(lowered) == 1 and ord(lowered) != cp:
            out.write("lower %x %x\n" % (cp, ord(lowered)))
        elif len(lowered) != 1:
            sys.exit("unexpected multi-character lower case for U+%04X" % cp)


if __name__ == "__main__":
    main()
