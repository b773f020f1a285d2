#!/usr/bin/env python3
"""The shipped classifier's intent accuracy on held-out real-payload prompts with unseen instruction phrasings.

    python3 trainer/evaluate_intent.py [--weights weights/default.json] [--per-intent 300] [--seed 1]
        [--kroute ./kroute] [--json FILE]

The prompts come from `corpora.intent_prompts` (trainer/corpora/): real payloads from documents kept out of
fitting, behind instruction phrasings kept out of fitting, for the four intents summarization, translation,
code (review, explain, fix) and data_extraction; payloads from one sentence to several thousand words. The
real Java classifier labels them (one `kroute classify` run). Prints accuracy per intent and overall, and by
where the instruction stands (before the payload, or after it) and by its language (English or another).
Needs the fetched corpora (python3 trainer/corpora/fetch.py). Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
from collections import Counter

TRAINER_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(TRAINER_DIR)
if TRAINER_DIR not in sys.path:
    sys.path.insert(0, TRAINER_DIR)

import corpora  # noqa: E402


def java_labels(kroute: str, weights: str, texts):
    payload = "".join(json.dumps({"text": t}, ensure_ascii=True) + "\n" for t in texts).encode("utf-8")
    result = subprocess.run([kroute, "classify", "--weights", weights], input=payload, capture_output=True,
                            cwd=REPO_DIR, timeout=3600)
    if result.returncode != 0:
        raise RuntimeError("kroute classify failed (%d): %s" % (result.returncode, result.stderr.decode()[-2000:]))
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    if len(rows) != len(texts):
        raise RuntimeError("expected %d answers from kroute classify, found %d" % (len(texts), len(rows)))
    return [row["label"] for row in rows]


def _accuracy(pairs):
    pairs = list(pairs)
    return {"prompts": len(pairs), "accuracy": (sum(t == p for t, p in pairs) / len(pairs)) if pairs else None}


def evaluate(prompts, predicted):
    truth = [row["label"] for row in prompts]
    pairs = list(zip(truth, predicted))
    results = {"overall": _accuracy(pairs), "perIntent": {}, "slices": {}, "confusions": {}}
    for intent in corpora.INTENTS:
        results["perIntent"][intent] = _accuracy((t, p) for t, p in pairs if t == intent)
    slices = {
        "instruction first": lambda row: row["instructionFirst"],
        "instruction after the payload": lambda row: not row["instructionFirst"],
        "English instruction": lambda row: row["instruction"].isascii(),
        "instruction in another language": lambda row: not row["instruction"].isascii(),
        "instruction first, English": lambda row: row["instructionFirst"] and row["instruction"].isascii(),
    }
    for name, test in slices.items():
        results["slices"][name] = _accuracy((t, p) for row, (t, p) in zip(prompts, pairs) if test(row))
    confusions = Counter("%s -> %s" % (t, p) for t, p in pairs if t != p)
    results["confusions"] = dict(confusions.most_common(8))
    return results


def render(results) -> str:
    def cell(entry):
        return "%.1f %%" % (100 * entry["accuracy"]) if entry["accuracy"] is not None else "—"
    lines = ["| prompts | intent | accuracy |", "|---|---|---|"]
    for intent, entry in results["perIntent"].items():
        lines.append("| %d | %s | %s |" % (entry["prompts"], intent, cell(entry)))
    lines.append("| %d | **overall** | **%s** |" % (results["overall"]["prompts"], cell(results["overall"])))
    lines += ["", "| prompts | slice | accuracy |", "|---|---|---|"]
    for name, entry in results["slices"].items():
        lines.append("| %d | %s | %s |" % (entry["prompts"], name, cell(entry)))
    lines += ["", "most frequent confusions: " + ", ".join("%s (%d)" % item for item in results["confusions"].items())]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="evaluate_intent.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--weights", default=os.path.join(REPO_DIR, "weights", "default.json"))
    parser.add_argument("--per-intent", type=int, default=300, help="prompts per intent (default: 300)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the held-out prompts (default: 1)")
    parser.add_argument("--cache", help="corpus cache (default: $KROUTE_CORPORA or .kroute-cache/corpora)")
    parser.add_argument("--kroute", default=os.path.join(REPO_DIR, "kroute"), help="the kroute launcher")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    arguments = parser.parse_args(argv)
    try:
        corpus = corpora.load_corpus(arguments.cache)
    except corpora.CorpusMissingError as error:
        sys.stderr.write("evaluate_intent.py: %s\n" % error)
        return 1
    prompts = corpora.intent_prompts(corpus, arguments.per_intent, arguments.seed)
    predicted = java_labels(arguments.kroute, arguments.weights, [row["text"] for row in prompts])
    results = evaluate(prompts, predicted)
    print(render(results))
    if arguments.json:
        with open(arguments.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
