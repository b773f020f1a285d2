#!/usr/bin/env python3
"""Compares feature settings on a validation split carved out of the fitting side only, never the held-out one.

    KROUTE_CORPORA=... /usr/bin/python3 trainer/validate_settings.py [--seed 5] [--count 24000]
        [--settings "--head-words 8 --tail-words 8" ...]

The fitting phrasings are split again by a hash of their first word (about a quarter, so a validation phrasing
asks with a verb no remaining fitting phrasing starts with) and the fitting documents by a hash of their split key
(about a quarter). Training prompts are generated from the rest (`corpora.training_prompts`), validation prompts
from the carved-out quarter (`corpora.intent_prompts`); the held-out phrasings and documents are not read. Each
setting is train.py's flags on top of `--vectorizer tfidf --sublinear-tf --min-df 3 --model logreg`; the output
is accuracy per intent and by where the instruction stands and its language, as evaluate_intent.py reports.
"""

import argparse
import functools
import hashlib
import os
import shlex
import sys

TRAINER_DIR = os.path.dirname(os.path.abspath(__file__))
if TRAINER_DIR not in sys.path:
    sys.path.insert(0, TRAINER_DIR)

import corpora  # noqa: E402
import evaluate_intent  # noqa: E402
import instructions  # noqa: E402
import train  # noqa: E402

BASE = "--vectorizer tfidf --sublinear-tf --min-df 3 --model logreg"
VALIDATION_PERCENT = 25


@functools.lru_cache(maxsize=None)
def _validation(key: str) -> bool:
    digest = hashlib.sha256(("kroute-validation:" + key).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < VALIDATION_PERCENT


def carve_fitting_side(corpus):
    """Makes the fitting side the "fit" side minus a quarter, and that quarter the "heldout" side (in place)."""
    fitting_cores = instructions.cores

    @functools.lru_cache(maxsize=None)
    def cores(label, side, kind=None):
        return tuple(core for core in fitting_cores(label, "fit", kind)
                     if _validation(label + ":" + (core.split() or [""])[0]) == (side == "heldout"))

    instructions.cores = cores
    carved = {}
    for (side, kind), documents in corpus.by_side_kind.items():
        if side == "fit":
            for document in documents:
                target = "heldout" if _validation(document["source"] + ":" + document["key"]) else "fit"
                carved.setdefault((target, kind), []).append(document)
    corpus.by_side_kind = carved


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="validate_settings.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", action="append", help="train.py flags to compare (repeatable)")
    parser.add_argument("--count", type=int, default=24000, help="training prompts (default: 24000)")
    parser.add_argument("--per-intent", type=int, default=300, help="validation prompts per intent (default: 300)")
    parser.add_argument("--seed", type=int, default=5, help="seed of the validation prompts (default: 5)")
    parser.add_argument("--cache", help="corpus cache (default: $KROUTE_CORPORA or .kroute-cache/corpora)")
    arguments = parser.parse_args(argv)
    corpus = corpora.load_corpus(arguments.cache)
    carve_fitting_side(corpus)
    rows = corpora.training_prompts(corpus, arguments.count, 0)
    prompts = corpora.intent_prompts(corpus, arguments.per_intent, arguments.seed)
    texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
    for settings in arguments.settings or ["--head-words 8", "--head-words 8 --tail-words 8"]:
        parsed = train.build_parser().parse_args(["--data", os.devnull, "--out", os.devnull]
                                                 + shlex.split(BASE + " " + settings))
        options = evaluate_intent.options_from(parsed)
        options.validate()
        vectorizer, model = train._fit(texts, labels, options)
        predicted = [str(p) for p in model.predict(vectorizer.transform([p["text"] for p in prompts]))]
        print("## " + settings)
        print(evaluate_intent.render(evaluate_intent.evaluate(prompts, predicted)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
