"""The default model's training prompts: real payloads from fitting documents behind fitting phrasings, mixed
with synthetic prompts (synthetic_prompts.py) for what people ask without pasting anything."""

import random

import compose
import instructions
import synthetic_prompts

SIDE = "fit"

# Per class: the share of prompts that wrap a real payload, and the payload kinds they wrap (weights).
# Payload kinds are spread alike over the classes that take any payload, so that what was pasted says little
# about the class and the instruction decides; code review needs code (or data and specifications to code for).
_ANY_PAYLOAD = {"article": 25, "email": 20, "language": 20, "techdoc": 15, "code": 10, "data": 10}
REAL_PAYLOADS = {
    "summarization": (0.85, _ANY_PAYLOAD),
    "translation": (0.8, _ANY_PAYLOAD),
    "code": (0.7, {"code": 80, "data": 12, "techdoc": 8}),
    "data_extraction": (0.85, _ANY_PAYLOAD),
    "creative_writing": (0.25, _ANY_PAYLOAD),
    "factual_question": (0.12, _ANY_PAYLOAD),
    "conversation": (0.12, _ANY_PAYLOAD),
    "math": (0.15, {"data": 80, "article": 20}),
}

# Where the instruction stands in training prompts: first in this share, first with a reminder after the
# payload in 10 %, after the payload in the rest. Fewer than in real traffic (evaluation.py keeps 70 % first),
# so the model learns an instruction from the whole text and not only from the opening words.
FIRST_SHARE = 0.35


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
            row = compose.real_prompt(corpus, rng, label, SIDE, kind, compose.training_length(rng),
                                      first_share=FIRST_SHARE)
            rows.append({"text": row["text"], "label": label, "source": row["source"]})
        else:
            row = synthetic.prompt(label)
            rows.append({"text": row["text"], "label": label, "source": "synthetic"})
    return rows
