"""The default model's training prompts: real payloads from fitting documents behind fitting phrasings, mixed
with synthetic prompts (synthetic_prompts.py) for what people ask without pasting anything."""

import random

import compose
import instructions
import synthetic_prompts

SIDE = "fit"

# Per class: the share of prompts that wrap a real payload, and the payload kinds they wrap (weights).
REAL_PAYLOADS = {
    "summarization": (0.8, {"article": 35, "email": 25, "techdoc": 15, "language": 10, "code": 5, "data": 10}),
    "translation": (0.7, {"language": 55, "article": 15, "email": 10, "techdoc": 15, "code": 5}),
    "code": (0.65, {"code": 80, "data": 12, "techdoc": 8}),
    "data_extraction": (0.8, {"email": 30, "article": 20, "data": 30, "techdoc": 10, "language": 5, "code": 5}),
    "creative_writing": (0.25, {"article": 60, "email": 15, "language": 15, "techdoc": 10}),
    "factual_question": (0.12, {"article": 60, "language": 25, "email": 15}),
    "conversation": (0.12, {"email": 40, "article": 30, "language": 15, "techdoc": 15}),
    "math": (0.15, {"data": 80, "article": 20}),
}


def training_prompts(corpus: compose.Corpus, count: int, seed: int):
    """`count` labelled prompts, the same for the same corpus and seed."""
    rng = random.Random(seed)
    synthetic = synthetic_prompts.PromptGenerator(seed)
    labels = synthetic_prompts.LABELS
    weights = [synthetic_prompts.LABEL_WEIGHTS[label] for label in labels]
    rows = []
    for _ in range(count):
        label = rng.choices(labels, weights=weights)[0]
        share, kinds = REAL_PAYLOADS[label]
        usable = {k: w for k, w in sorted(kinds.items())
                  if instructions.cores(label, SIDE, k) and corpus.documents(SIDE, k)}
        if usable and rng.random() < share:
            kind = rng.choices(list(usable), weights=list(usable.values()))[0]
            row = compose.real_prompt(corpus, rng, label, SIDE, kind, compose.training_length(rng))
            rows.append({"text": row["text"], "label": label, "source": row["source"]})
        else:
            row = synthetic.prompt(label)
            rows.append({"text": row["text"], "label": label, "source": "synthetic"})
    return rows
