"""Turns each extracted package into documents: real text, one record per unit the split is made on.

A document is a dict:
    source  the Source name (sources.py)
    id      unique within the source (a path, a path and a number)
    key     the split key (sources.side_of); the same article or page in several languages shares it
    side    "fit" or "heldout"
    kind    one of KINDS
    lang    natural language (BCP 47-ish tag as the package gives it; "en" for English)
    format  what the text is: "prose", "email", "markdown", a programming language, "json", "csv", "log", "sql"
    text    the text itself, as the package has it (code and data untouched; prose with markup removed)
"""

import gzip
import json
import os
import re
import zipfile
from html.parser import HTMLParser
from typing import Dict, Iterator, List
from xml.etree import ElementTree

from sources import BY_NAME, side_of

KINDS = ("article", "email", "language", "code", "data", "techdoc")

CODE_EXTENSIONS = {".go": "go", ".rs": "rust", ".py": "python", ".pyi": "python", ".h": "c", ".c": "c",
                   ".rb": "ruby", ".sh": "shell", ".js": "javascript", ".mjs": "javascript", ".ts": "typescript",
                   ".java": "java"}
MIN_CODE_CHARS = 200
MIN_PROSE_CHARS = 80


def _document(source_name: str, doc_id: str, key: str, kind: str, lang: str, fmt: str, text: str) -> Dict:
    return {"source": source_name, "id": doc_id, "key": key, "side": side_of(BY_NAME[source_name], key),
            "kind": kind, "lang": lang, "format": fmt, "text": text}


def _read_text(path: str) -> str:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:
        raw = handle.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _walk(root: str) -> List[str]:
    found = []
    for directory, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            found.append(os.path.join(directory, name))
    return found


# ---------------------------------------------------------------------------------------------------------
# Prose

_BROWN_TOKEN = re.compile(r"(\S+)/[^\s/]+")
_SPACE_BEFORE = re.compile(r" ([,.;:?!%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenize_brown(tagged: str) -> str:
    """'The/at jury/nn said/vbd ,/, ``/`` no/at ''/'' ./.' -> 'The jury said, "no".'"""
    words = [match.group(1) for match in _BROWN_TOKEN.finditer(tagged)]
    text = " ".join(words).replace("``", "\u201c").replace("''", "\u201d")
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    text = text.replace("\u201c ", "\u201c").replace(" \u201d", "\u201d")
    return text


def brown_documents(root: str) -> Iterator[Dict]:
    folder = os.path.join(root, "package")
    for name in sorted(os.listdir(folder)):
        if not re.fullmatch(r"c[a-r]\d\d", name):
            continue
        paragraphs = []
        for block in re.split(r"\n\s*\n", _read_text(os.path.join(folder, name))):
            sentence = detokenize_brown(block)
            if sentence:
                paragraphs.append(sentence)
        yield _document("brown", name, name, "article", "en", "prose", "\n\n".join(paragraphs))


def sotu_documents(root: str) -> Iterator[Dict]:
    folder = os.path.join(root, "package", "data")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            speech = json.load(handle)
        # The package keeps each speech on one line; paragraphs of about five sentences read like the original.
        sentences = re.split(r"(?<=[.!?]) (?=[A-Z])", speech["text"].strip())
        paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
        yield _document("sotu", name, name, "article", "en", "prose", "\n\n".join(paragraphs))


def _arff_strings(text: str) -> List[str]:
    values = []
    for line in text.split("\n"):
        match = re.match(r"\s*'((?:[^'\\]|\\.)*)'", line)
        if match:
            escaped = match.group(1).replace("\\n", "\n")
            values.append(re.sub(r"\\(.)", r"\1", escaped))
    return values


def weka_documents(root: str) -> Iterator[Dict]:
    folder = os.path.join(root, "usr", "share", "doc", "weka", "examples")
    seen = set()
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.startswith("Reuters") and name.endswith(".arff"):
            for number, article in enumerate(_arff_strings(_read_text(path))):
                article = re.sub(r"\s*\bReuter\s*$", "", article.strip())
                if len(article) < MIN_PROSE_CHARS or article in seen:
                    continue
                seen.add(article)
                doc_id = "%s#%d" % (name, number)
                yield _document("weka", doc_id, doc_id, "article", "en", "prose", article)
        elif name.endswith(".arff"):
            csv_text = arff_to_csv(_read_text(path))
            if csv_text:
                yield _document("weka", name, name, "data", "en", "csv", csv_text)


def arff_to_csv(text: str) -> str:
    """A Weka ARFF file's data as CSV with a header row of its attribute names."""
    names = []
    rows = []
    in_data = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        lowered = stripped.lower()
        if lowered.startswith("@attribute"):
            match = re.match(r"@attribute\s+('[^']*'|\"[^\"]*\"|\S+)", stripped, re.I)
            names.append(match.group(1).strip("'\""))
        elif lowered.startswith("@data"):
            in_data = True
        elif in_data:
            rows.append(stripped)
    if not names or not rows:
        return ""
    return ",".join(names) + "\n" + "\n".join(rows) + "\n"


# ---------------------------------------------------------------------------------------------------------
# E-mail

def spam_assassin_documents(root: str) -> Iterator[Dict]:
    folder = os.path.join(root, "package", "data")
    for group in sorted(os.listdir(folder)):
        directory = os.path.join(folder, group)
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".txt"):
                continue  # each message is also there as a JSON record of the same text
            doc_id = group + "/" + name
            text = _read_text(os.path.join(directory, name)).replace("\r\n", "\n")
            yield _document("spam_assassin", doc_id, doc_id, "email", "en", "email", text.strip("\n"))


# ---------------------------------------------------------------------------------------------------------
# Many languages

class _UdhrParser(HTMLParser):
    """Collects the preamble and each article of one UDHR translation as lists of lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.units: Dict[str, List[str]] = {}
        self.current = None
        self.buffer = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang") or attributes.get("data-iso6393")
        elif tag == "header":
            self.current = "0"
        elif tag == "article":
            self.current = attributes.get("data-number", "x")
        elif tag in ("h2", "h3", "p", "li") and self.current is not None:
            self.buffer = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3", "p", "li") and self.buffer is not None:
            line = " ".join("".join(self.buffer).split())
            if line:
                self.units.setdefault(self.current, []).append(line)
            self.buffer = None
        elif tag in ("header", "article"):
            self.current = None

    def handle_data(self, data):
        if self.buffer is not None:
            self.buffer.append(data)


def udhr_documents(root: str) -> Iterator[Dict]:
    folder = os.path.join(root, "package", "declaration")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".html"):
            continue
        parser = _UdhrParser()
        parser.feed(_read_text(os.path.join(folder, name)))
        code = name[:-len(".html")]
        for number, lines in sorted(parser.units.items()):
            text = "\n\n".join(lines)
            if len(text) < 40:
                continue
            doc_id = "%s#%s" % (code, number)
            yield _document("udhr", doc_id, "article-" + number, "language", parser.lang or code, "prose", text)


_MALLARD = "{http://projectmallard.org/1.0/}"
_BLOCKS = {"title", "desc", "p", "item", "code", "screen", "note", "td"}


def _mallard_text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def mallard_to_text(data: bytes, markdown: bool) -> str:
    """A Mallard help page as paragraphs (headings marked `#` and list items `-` when markdown is wanted)."""
    root = ElementTree.fromstring(data)
    lines = []

    def visit(element, depth):
        tag = element.tag.replace(_MALLARD, "")
        if tag == "info":
            return
        if tag in ("title", "p", "code", "screen", "desc"):
            text = _mallard_text(element)
            if text:
                if markdown and tag == "title":
                    text = "#" * min(depth, 3) + " " + text
                elif markdown and tag in ("code", "screen"):
                    text = "```\n" + "".join(element.itertext()).strip("\n") + "\n```"
                lines.append(text)
            return
        if tag == "item" and not any(child.tag.replace(_MALLARD, "") in ("p", "title") for child in element):
            text = _mallard_text(element)
            if text:
                lines.append(("- " if markdown else "") + text)
            return
        for child in element:
            visit(child, depth + (1 if tag == "section" else 0))

    visit(root, 1)
    return "\n\n".join(lines)


def gnome_documents(root: str) -> Iterator[Dict]:
    help_root = os.path.join(root, "usr", "share", "help")
    for lang in sorted(os.listdir(help_root)):
        for guide in sorted(os.listdir(os.path.join(help_root, lang))):
            folder = os.path.join(help_root, lang, guide)
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".page"):
                    continue
                with open(os.path.join(folder, name), "rb") as handle:
                    data = handle.read()
                try:
                    text = mallard_to_text(data, markdown=(lang == "C"))
                except ElementTree.ParseError:
                    continue
                if len(text) < MIN_PROSE_CHARS:
                    continue
                key = "%s/%s" % (guide, name)
                doc_id = "%s/%s" % (lang, key)
                if lang == "C":
                    yield _document("gnome_user_docs", doc_id, key, "techdoc", "en", "markdown", text)
                else:
                    yield _document("gnome_user_docs", doc_id, key, "language", lang.replace("_", "-"),
                                    "prose", text)


# ---------------------------------------------------------------------------------------------------------
# Code, data and technical documents from software packages

def _code_format(path: str, source_name: str):
    extension = os.path.splitext(path)[1]
    if extension in CODE_EXTENSIONS:
        return CODE_EXTENSIONS[extension]
    if source_name == "bash_completion" and "/completions/" in path:
        return "shell"
    return None


def software_documents(source_name: str, root: str) -> Iterator[Dict]:
    """Source files, Markdown documents and package metadata (JSON) of a package."""
    source = BY_NAME[source_name]
    paths = _walk(root)
    if source.registry == "maven":
        paths = []
        jar = root  # for Maven the "root" is the sources jar itself
        with zipfile.ZipFile(jar) as archive:
            for name in sorted(archive.namelist()):
                if name.endswith(".java"):
                    text = archive.read(name).decode("utf-8", "replace")
                    if len(text) >= MIN_CODE_CHARS:
                        yield _document(source_name, name, name, "code", "en", "java", text)
        return
    for path in paths:
        relative = os.path.relpath(path, root)
        if "/dist/" in "/" + relative or "/bundles/" in relative or relative.endswith(".map"):
            continue  # built copies of the sources
        lower = relative.lower()
        if "code" in source.kinds:
            fmt = _code_format(relative, source_name)
            if fmt and not lower.endswith(".d.ts"):
                text = _read_text(path)
                if len(text) >= MIN_CODE_CHARS:
                    yield _document(source_name, relative, relative, "code", "en", fmt, text)
                continue
        if "techdoc" in source.kinds and re.search(r"\.md(\.gz)?$", lower) and "changelog" not in lower:
            text = _read_text(path)
            if len(text) >= MIN_PROSE_CHARS:
                yield _document(source_name, relative, relative, "techdoc", "en", "markdown", text)
        elif "data" in source.kinds and lower.endswith(".json"):
            yield _document(source_name, relative, relative, "data", "en", "json", _read_text(path))
        elif "data" in source.kinds and lower.endswith(".sql"):
            yield _document(source_name, relative, relative, "data", "en", "sql", _read_text(path))


def iso_codes_documents(root: str) -> Iterator[Dict]:
    folder = os.path.join(root, "usr", "share", "iso-codes", "json")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json") and not name.startswith("schema-"):
            yield _document("iso_codes", name, name, "data", "en", "json", _read_text(os.path.join(folder, name)))


def fail2ban_documents(root: str) -> Iterator[Dict]:
    folder = os.path.join(root, "usr", "lib", "python3", "dist-packages", "fail2ban", "tests", "files", "logs")
    for path in _walk(folder):
        relative = os.path.relpath(path, folder)
        # The fixtures annotate real log lines with "# failJSON: ..." comments of the test suite: not log content.
        lines = [line for line in _read_text(path).split("\n") if line.strip() and not line.startswith("#")]
        if len(lines) >= 3:
            yield _document("fail2ban", relative, relative, "data", "en", "log", "\n".join(lines) + "\n")


EXTRACTORS = {
    "brown": brown_documents,
    "sotu": sotu_documents,
    "spam_assassin": spam_assassin_documents,
    "udhr": udhr_documents,
    "weka": weka_documents,
    "fail2ban": fail2ban_documents,
    "gnome_user_docs": gnome_documents,
    "iso_codes": iso_codes_documents,
}


def documents_of(source_name: str, root: str) -> Iterator[Dict]:
    extractor = EXTRACTORS.get(source_name)
    if extractor is not None:
        return extractor(root)
    return software_documents(source_name, root)
