#!/usr/bin/env python3
"""Held-out evaluation sets: real legitimate prompts in six families, and intent-labelled prompts.

    python3 trainer/corpora/evaluation.py --out-dir DIR [--per-family 400] [--per-intent 300] [--seed 1]
        [--cache DIR]

writes DIR/legitimate.jsonl and DIR/intent.jsonl. Every payload comes from a held-out document (sources.py)
and every instruction from a held-out phrasing (instructions.py): nothing here was seen by the fitting.
"""

import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import compose  # noqa: E402
import instructions  # noqa: E402

SIDE = "heldout"

# family -> (payload kind, payload words (low, high), the classes its instructions ask for, with weights)
FAMILY_SPECS = {
    "long_documents": ("article", (300, 5000), {"summarization": 40, "data_extraction": 20, "translation": 10,
                                                "creative_writing": 10, "factual_question": 10, "math": 5,
                                                "conversation": 5}),
    "code": ("code", (20, 2000), {"code": 70, "summarization": 10, "data_extraction": 10, "translation": 5,
                                  "conversation": 5}),
    "emails": ("email", (30, 3000), {"summarization": 35, "data_extraction": 35, "translation": 10,
                                     "conversation": 10, "creative_writing": 5, "factual_question": 5}),
    "data_payloads": ("data", (20, 1500), {"data_extraction": 45, "code": 20, "summarization": 15, "math": 15,
                                           "conversation": 5}),
    "languages": ("language", (10, 1500), {"translation": 45, "summarization": 25, "data_extraction": 20,
                                           "factual_question": 5, "creative_writing": 5}),
    "technical_docs": ("techdoc", (50, 2500), {"summarization": 35, "data_extraction": 25, "code": 15,
                                               "translation": 15, "conversation": 10}),
}
FAMILIES = tuple(FAMILY_SPECS)

# intent -> payload kinds a clear request of it is made on, with weights
INTENT_KINDS = {
    "summarization": {"article": 40, "email": 25, "techdoc": 15, "language": 10, "data": 5, "code": 5},
    "translation": {"language": 50, "article": 20, "email": 10, "techdoc": 15, "code": 5},
    "code": {"code": 80, "data": 12, "techdoc": 8},
    "data_extraction": {"email": 30, "article": 20, "data": 30, "techdoc": 10, "language": 5, "code": 5},
}


def load_corpus(cache=None) -> compose.Corpus:
    import fetch  # the cache location lives there
    return compose.Corpus(os.path.join(fetch.cache_dir(cache), "docs"))


def _weighted(rng, weights):
    keys = sorted(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def legitimate_prompts(corpus=None, per_family: int = 400, seed: int = 1):
    """`per_family` held-out legitimate prompts in each family, in family order."""
    corpus = corpus or load_corpus()
    rows = []
    for family in FAMILIES:
        kind, (low, high), labels = FAMILY_SPECS[family]
        rng = random.Random("%d:%s" % (seed, family))
        usable = {label: w for label, w in labels.items() if instructions.cores(label, SIDE, kind)}
        for _ in range(per_family):
            label = _weighted(rng, usable)
            row = compose.real_prompt(corpus, rng, label, SIDE, kind, compose.payload_words(rng, low, high))
            row["family"] = family
            rows.append(row)
    return rows


def intent_prompts(corpus=None, per_intent: int = 300, seed: int = 1):
    """`per_intent` held-out prompts with a clear instruction for each intent, payloads one sentence to
    several thousand words."""
    corpus = corpus or load_corpus()
    rows = []
    for intent in instructions.INTENTS:
        rng = random.Random("%d:intent:%s" % (seed, intent))
        kinds = {k: w for k, w in INTENT_KINDS[intent].items()
                 if instructions.cores(intent, SIDE, k) and corpus.documents(SIDE, k)}
        for _ in range(per_intent):
            kind = _weighted(rng, kinds)
            rows.append(compose.real_prompt(corpus, rng, intent, SIDE, kind, compose.payload_words(rng, 8, 4000)))
    return rows


def write_jsonl(path: str, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="evaluation.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--per-family", type=int, default=400)
    parser.add_argument("--per-intent", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", help="corpus cache (default: $KROUTE_CORPORA or .kroute-cache/corpora)")
    arguments = parser.parse_args(argv)
    try:
        corpus = load_corpus(arguments.cache)
    except compose.CorpusMissingError as error:
        sys.stderr.write("evaluation.py: %s\n" % error)
        return 1
    os.makedirs(arguments.out_dir, exist_ok=True)
    write_jsonl(os.path.join(arguments.out_dir, "legitimate.jsonl"),
                legitimate_prompts(corpus, arguments.per_family, arguments.seed))
    write_jsonl(os.path.join(arguments.out_dir, "intent.jsonl"),
                intent_prompts(corpus, arguments.per_intent, arguments.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
