"""Real payloads cut from documents, and prompts made of an instruction and a payload.

`Corpus` holds the documents of the cache (or of any folder of docs/*.jsonl files), grouped by side and kind.
`excerpt` cuts a payload of about a target length from a document, at natural boundaries: paragraphs and
sentences of prose, top-level lines of code, whole records of JSON, lines of logs and CSV (header kept), an
e-mail's headers kept whole. `wrap` puts an instruction of a class before, after or around a payload.
"""

import json
import math
import os
import re
from typing import Dict, List, Optional

import instructions

OPENERS = ["", "", "", "", "", "Hi! ", "Hello, ", "Hey, ", "Quick one: ", "Please ", "Hi there. ", "Okay so ",
           "For work: ", "Hey there, ", "Good morning! "]
CLOSERS = ["", "", "", "", "", " Thanks!", " Thank you.", " Keep it short.", " Be concise.", " Use bullet points.",
           " Please be thorough.", " Reply in plain text.", " Format the answer in Markdown.", " thx",
           " No more than 200 words.", " This is urgent."]
FENCE_NAMES = {"javascript": "js", "typescript": "ts", "shell": "bash", "python": "python", "go": "go",
               "rust": "rust", "c": "c", "ruby": "ruby", "java": "java", "json": "json", "csv": "csv", "log": "",
               "sql": "sql", "markdown": "markdown"}
_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f\u061f\u0964])\s+")
CHARS_PER_WORD = 6


class CorpusMissingError(RuntimeError):
    pass


class Corpus:
    """Documents by (side, kind); loads every docs/<source>.jsonl of `docs_dir`."""

    def __init__(self, docs_dir: str):
        if not os.path.isdir(docs_dir) or not any(n.endswith(".jsonl") for n in os.listdir(docs_dir)):
            raise CorpusMissingError(
                "expected corpus documents (docs/*.jsonl) in %s, found none; fetch them first with: "
                "python3 trainer/corpora/fetch.py" % docs_dir)
        self.by_side_kind: Dict[tuple, List[dict]] = {}
        for name in sorted(os.listdir(docs_dir)):
            if not name.endswith(".jsonl"):
                continue
            with open(os.path.join(docs_dir, name), encoding="utf-8") as handle:
                for line in handle:
                    document = json.loads(line)
                    self.by_side_kind.setdefault((document["side"], document["kind"]), []).append(document)

    def documents(self, side: str, kind: str) -> List[dict]:
        return self.by_side_kind.get((side, kind), [])

    def kinds(self, side: str) -> List[str]:
        return sorted(kind for (s, kind), docs in self.by_side_kind.items() if s == side and docs)

    def pick(self, rng, side: str, kind: str) -> dict:
        """A document of this kind, with each source equally likely (one huge source does not swamp the rest)."""
        documents = self.documents(side, kind)
        if not documents:
            raise CorpusMissingError("no %s documents of kind %r in the corpus" % (side, kind))
        sources = sorted({d["source"] for d in documents})
        source = rng.choice(sources)
        return rng.choice([d for d in documents if d["source"] == source])


# ---------------------------------------------------------------------------------------------------------
# Excerpts


def excerpt(document: dict, target_words: int, rng) -> str:
    """About `target_words` words of the document (or all of it if shorter), cut at natural boundaries."""
    text = document["text"]
    target = max(1, target_words) * CHARS_PER_WORD
    if len(text) <= target * 1.3:
        return text.strip("\n")
    fmt = document["format"]
    if fmt == "email":
        return _email_excerpt(text, target)
    if fmt == "json":
        return _json_excerpt(text, target, rng)
    if fmt in ("csv", "log", "sql"):
        return _line_excerpt(text, target, rng, keep_header=(fmt == "csv"))
    if document["kind"] == "code":
        return _code_excerpt(text, target, rng)
    return _prose_excerpt(text, target, rng)


def _take_lines(lines: List[str], start: int, target: int) -> List[str]:
    taken, size = [], 0
    for line in lines[start:]:
        if taken and size + len(line) > target:
            break
        taken.append(line)
        size += len(line) + 1
    return taken


def _email_excerpt(text: str, target: int) -> str:
    head, _, body = text.partition("\n\n")
    kept = _take_lines(body.split("\n"), 0, max(target - len(head), 200))
    return (head + "\n\n" + "\n".join(kept)).rstrip("\n")


def _line_excerpt(text: str, target: int, rng, keep_header: bool) -> str:
    lines = text.rstrip("\n").split("\n")
    header = lines[:1] if keep_header else []
    body = lines[1:] if keep_header else lines
    start = rng.randrange(max(1, len(body) - 1))
    return "\n".join(header + _take_lines(body, start, target))


def _code_excerpt(text: str, target: int, rng) -> str:
    lines = text.split("\n")
    # Start at a top-level line (a definition, an import, a comment block), as people paste code.
    starts = [i for i, line in enumerate(lines) if line and not line[0].isspace() and line.strip() not in "{}"]
    start = rng.choice(starts) if starts else 0
    return "\n".join(_take_lines(lines, start, target)).strip("\n")


def _prose_excerpt(text: str, target: int, rng) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    start = rng.randrange(len(paragraphs))
    taken = _take_lines(paragraphs, start, target)
    if sum(len(p) for p in taken) > target * 1.5:
        # One long paragraph: cut it at sentence ends instead.
        sentences = _SENTENCE_END.split(taken[0])
        first = rng.randrange(len(sentences)) if len(sentences) > 1 else 0
        return " ".join(_take_lines(sentences, first, target)).strip()
    return "\n\n".join(taken).strip()


def _json_excerpt(text: str, target: int, rng) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return _line_excerpt(text, target, rng, keep_header=False)
    compact = "\n" not in text[:500].strip()

    def dump(value):
        if compact:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(value, ensure_ascii=False, indent=2)

    def slice_of(items):
        per_item = max(1, len(dump(items[:5])) // max(1, min(5, len(items))))
        count = max(1, min(len(items), target // per_item))
        start = rng.randrange(len(items) - count + 1)
        return items[start:start + count]

    if isinstance(data, list) and data:
        return dump(slice_of(data))
    if isinstance(data, dict) and data:
        lists = [key for key, value in data.items() if isinstance(value, list) and value]
        if lists:
            key = lists[0]
            return dump({key: slice_of(data[key])})
        return dump(dict(slice_of(list(data.items()))))
    return text


# ---------------------------------------------------------------------------------------------------------
# Prompts


def payload_words(rng, low: int, high: int) -> int:
    """Log-uniform between low and high: as many one-paragraph payloads as book-chapter ones, per octave."""
    return int(round(math.exp(rng.uniform(math.log(low), math.log(high)))))


def training_length(rng) -> int:
    """The training prompts' payload lengths: one sentence to several thousand words, most under 250."""
    r = rng.random()
    if r < 0.35:
        return payload_words(rng, 8, 60)
    if r < 0.72:
        return payload_words(rng, 60, 250)
    if r < 0.92:
        return payload_words(rng, 250, 900)
    if r < 0.985:
        return payload_words(rng, 900, 2500)
    return payload_words(rng, 2500, 6000)


def _present(payload: str, document: dict, rng) -> str:
    """The payload as people paste it: raw, fenced or quoted."""
    fmt = document["format"]
    r = rng.random()
    if document["kind"] in ("code", "data") and r < 0.55:
        return "```%s\n%s\n```" % (FENCE_NAMES.get(fmt, "") if rng.random() < 0.8 else "", payload)
    if r < 0.08:
        return '"""\n%s\n"""' % payload
    if r < 0.14:
        return "---\n%s\n---" % payload
    return payload


def wrap(payload: str, label: str, rng, side: str, kind: str = "article", fmt: str = "prose",
         core: Optional[str] = None, first_share: float = 0.7) -> str:
    """An instruction of class `label` (a phrasing from `side`) around the payload.

    The instruction comes first in `first_share` of prompts (70 % by default), first with a closing reminder
    after the payload in 10 %, and after the payload in the rest.
    """
    choices = instructions.cores(label, side, kind)
    if core is None:
        if not choices:
            raise ValueError("class %r has no %s phrasing for a %s payload" % (label, side, kind))
        core = rng.choice(choices)
    ask = instructions.fill(core, rng, kind, fmt)
    opener, closer = rng.choice(OPENERS), rng.choice(CLOSERS)
    if rng.random() < 0.1:
        opener = ""
    if not opener or opener.endswith((", ", "so ", "Please ")):
        if rng.random() < 0.5 or opener:
            ask = ask[:1].lower() + ask[1:]
    position = rng.random()
    if position < first_share:
        end = "" if ask.endswith("?") else rng.choice([":", ":", ".", ""])
        gap = rng.choice(["\n\n", "\n", " ", "\n\n"]) if "\n" not in payload[:200] or end != ":" else "\n\n"
        if end == ":" and closer:
            return (opener + ask + end + gap + payload + "\n\n" + closer.strip()).strip()
        return (opener + ask + end + closer + gap + payload).strip()
    after = re.sub(r"\b(the following|following|below)\b", "above", ask)
    after = re.sub(r"\bthis\b", rng.choice(["this", "that", "the above"]), after, count=1)
    end = "" if after.endswith("?") else "."
    if position < 0.9:  # first_share up to 0.9: after the payload
        return (payload + "\n\n" + opener + after + end + closer).strip()
    return (opener + ask + ":\n\n" + payload + "\n\n" + rng.choice(["Again: ", "To repeat: ", "Reminder: ", ""])
            + after + end).strip()


def real_prompt(corpus: Corpus, rng, label: str, side: str, kind: str, words: int,
                first_share: float = 0.7) -> Dict[str, str]:
    """One prompt of class `label`: a real payload of `kind` from `side`, behind a phrasing from `side`."""
    document = corpus.pick(rng, side, kind)
    payload = _present(excerpt(document, words, rng), document, rng)
    choices = instructions.cores(label, side, kind)
    if not choices:
        raise ValueError("class %r has no %s phrasing for a %s payload" % (label, side, kind))
    core = rng.choice(choices)
    text = wrap(payload, label, rng, side, kind, document["format"], core=core, first_share=first_share)
    return {"text": text, "label": label, "kind": kind, "source": document["source"], "document": document["id"],
            "lang": document["lang"], "format": document["format"], "instruction": core,
            "instructionFirst": not text.startswith(payload)}


def wrap_in_every_class(payload: str, rng, side: str = "heldout", kind: str = "article",
                        fmt: str = "prose") -> Dict[str, str]:
    """The payload behind one instruction of every class (an attacker chooses the class by the instruction).

    Classes with no phrasing for this kind of payload use one written for any payload.
    """
    wrapped = {}
    for label in instructions.LABELS:
        usable = kind if instructions.cores(label, side, kind) else None
        core = rng.choice(instructions.cores(label, side, usable))
        wrapped[label] = wrap(payload, label, rng, side, kind if usable else "article",
                              fmt if usable else "prose", core=core)
    return wrapped
