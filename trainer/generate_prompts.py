#!/usr/bin/env python3
"""Seeded generator of the labelled prompts kroute's default classifier is trained on.

    python3 trainer/generate_prompts.py --out FILE.jsonl --count N --seed S [--cache DIR] [--synthetic-only]

Writes one JSON object {"text": ..., "label": ..., "source": ...} per line. Most prompts wrap real text — articles,
raw e-mails, source code, JSON/CSV/log payloads, technical documentation, text in dozens of languages and
scripts — behind an instruction of their class; the rest are synthetic prompts for what people ask without
pasting anything (trainer/synthetic_prompts.py). The real text comes from the corpora fetched by
`python3 trainer/corpora/fetch.py`, and only from their fitting side: documents and instruction phrasings kept
for evaluation are never used (docs/training.md). `source` names the corpus a payload came from, or
`synthetic`. `--synthetic-only` needs no corpora. Standard library only.
"""

import argparse
import json
import os
import sys

TRAINER_DIR = os.path.dirname(os.path.abspath(__file__))
if TRAINER_DIR not in sys.path:
    sys.path.insert(0, TRAINER_DIR)

import corpora  # noqa: E402
import synthetic_prompts  # noqa: E402

LABELS = synthetic_prompts.LABELS


class PromptGenerator:
    """Labelled prompts from one seed: real-text prompts when given a corpus, synthetic ones otherwise."""

    def __init__(self, seed: int, corpus=None):
        self.seed = seed
        self.corpus = corpus

    def prompts(self, count: int):
        if self.corpus is None:
            return [dict(row, source="synthetic")
                    for row in synthetic_prompts.PromptGenerator(self.seed).prompts(count)]
        return corpora.training_prompts(self.corpus, count, self.seed)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="generate_prompts.py",
                                     description="Write N seeded, labelled LLM prompts as JSONL.")
    parser.add_argument("--out", required=True, help="JSONL file to write")
    parser.add_argument("--count", type=int, required=True, help="number of prompts")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--cache", help="corpus cache (default: $KROUTE_CORPORA or .kroute-cache/corpora)")
    parser.add_argument("--synthetic-only", action="store_true",
                        help="only synthetic prompts (needs no fetched corpora)")
    arguments = parser.parse_args(argv)
    if arguments.count < 1:
        parser.error("--count: expected an integer >= 1, found %d" % arguments.count)
    corpus = None
    if not arguments.synthetic_only:
        try:
            corpus = corpora.load_corpus(arguments.cache)
        except corpora.CorpusMissingError as error:
            sys.stderr.write("generate_prompts.py: %s\n" % error)
            return 1
    rows = PromptGenerator(arguments.seed, corpus).prompts(arguments.count)
    os.makedirs(os.path.dirname(os.path.abspath(arguments.out)), exist_ok=True)
    with open(arguments.out, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
