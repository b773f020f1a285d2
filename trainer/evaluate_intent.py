#!/usr/bin/env python3
"""The shipped classifier's intent accuracy on held-out real-payload prompts with unseen instruction phrasings.

    python3 trainer/evaluate_intent.py [--weights weights/default.json] [--per-intent 300] [--seed 1]
        [--kroute ./kroute] [--json FILE]
    /usr/bin/python3 trainer/evaluate_intent.py --fit weights/prompts.jsonl --settings "--model cnb ..."

The prompts come from `corpora.intent_prompts` (trainer/corpora/): real payloads from documents kept out of
fitting, behind instruction phrasings kept out of fitting, for the four intents summarization, translation,
code (review, explain, fix) and data_extraction; payloads from one sentence to several thousand words. The
real Java classifier labels them (one `kroute classify` run). Prints accuracy per intent and overall, and by
where the instruction stands (before the payload, or after it) and by its language (English or another).
Needs the fetched corpora (python3 trainer/corpora/fetch.py).

With --fit DATA, no weight file is read: a model is fitted on DATA with train.py's settings given in --settings
(its own flags) and scikit-learn labels the prompts, to compare settings before compiling one (scikit-learn
and Java agree within 1e-9 on every probability, so the labels are the same). Standard library only, except
--fit, which needs scikit-learn.
"""

import argparse
import json
import os
import shlex
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


def options_from(arguments):
    """train.py's TrainingOptions from its parsed command line."""
    import train  # needs scikit-learn
    return train.TrainingOptions(
        vectorizer=arguments.vectorizer, ngram_max=arguments.ngram_max, model=arguments.model,
        alpha=arguments.alpha, min_df=arguments.min_df, max_features=arguments.max_features, seed=arguments.seed,
        analyzer=arguments.analyzer, ngram_min=arguments.ngram_min, sublinear_tf=arguments.sublinear_tf,
        max_df=arguments.max_df, head_words=arguments.head_words, tail_words=arguments.tail_words,
        ends_char_ngrams=None if arguments.ends_char_ngrams is None else tuple(arguments.ends_char_ngrams),
        sgd_loss=arguments.sgd_loss, ensemble=arguments.ensemble)


def sklearn_labels(data: str, settings: str, texts):
    """Fits train.py's pipeline with `settings` (its command-line flags) on `data`; scikit-learn's labels."""
    import train  # needs scikit-learn
    arguments = train.build_parser().parse_args(["--data", data, "--out", os.devnull] + shlex.split(settings))
    options = options_from(arguments)
    options.validate()
    train_texts, train_labels, _ = train.read_training_data(data)
    vectorizer, model = train._fit(train_texts, train_labels, options)
    return [str(label) for label in model.predict(vectorizer.transform(texts))]


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
    parser.add_argument("--fit", metavar="DATA", help="fit on DATA with scikit-learn instead of reading --weights")
    parser.add_argument("--settings", default="", help="train.py flags for --fit, e.g. \"--model cnb\"")
    arguments = parser.parse_args(argv)
    try:
        corpus = corpora.load_corpus(arguments.cache)
    except corpora.CorpusMissingError as error:
        sys.stderr.write("evaluate_intent.py: %s\n" % error)
        return 1
    prompts = corpora.intent_prompts(corpus, arguments.per_intent, arguments.seed)
    texts = [row["text"] for row in prompts]
    if arguments.fit:
        predicted = sklearn_labels(arguments.fit, arguments.settings, texts)
    else:
        predicted = java_labels(arguments.kroute, arguments.weights, texts)
    results = evaluate(prompts, predicted)
    print(render(results))
    if arguments.json:
        with open(arguments.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
