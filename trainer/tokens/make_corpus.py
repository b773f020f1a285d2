#!/usr/bin/env python3
"""Build the token-estimate calibration corpus from the parity corpora (real text in many scripts).

Consecutive texts of one language are joined with a space until a chunk reaches its target length; targets
cycle through 60, 150, 400 and 1,000 characters so short and long prompts are both represented. Every other
chunk of a language goes to the calibration half, the rest to the held-out half the error is measured on.

    python3 trainer/tokens/make_corpus.py > /tmp/token-corpus.jsonl
"""

import json
import os
import sys

PARITY = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "src", "test", "resources", "parity")
TARGETS = (60, 150, 400, 1000)
CHUNKS_PER_LANGUAGE = 24


def read(name):
    with open(os.path.join(PARITY, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def chunks(texts):
    out, current, target = [], [], 0
    for text in texts:
        current.append(text)
        if len(" ".join(current)) >= TARGETS[target % len(TARGETS)]:
            out.append(" ".join(current))
            current, target = [], target + 1
            if len(out) == CHUNKS_PER_LANGUAGE:
                break
    return out


def main():
    by_language = {}
    for row in read("gettext-languages.jsonl"):
        by_language.setdefault(row["label"], []).append(row["text"])
    by_language["en"] = [row["text"] for row in read("brown-genres.jsonl")]
    for language in sorted(by_language):
        for i, text in enumerate(chunks(by_language[language])):
            split = "calibration" if i % 2 == 0 else "held-out"
            sys.stdout.write(json.dumps({"language": language, "split": split, "text": text},
                                        ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
