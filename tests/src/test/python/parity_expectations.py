#!/usr/bin/python3
"""Trains kroute weight files with trainer/train.py and records what scikit-learn says about held-out texts.

For one labelled data set (JSON lines with "text" and "label") this makes a seeded stratified split,
then for every requested configuration fits a pipeline on the training part with the trainer's own
`fit_pipeline` (or by hand, for what its command line does not fit), compiles it with `export_pipeline` and
writes, under OUT/<configuration>/:

  weights.json    the weight file, exactly as the trainer encodes it (without the anomaly section and the
                  quality figures, which need further fits and play no part in the classifier's parity)
  expected.json   {"classes": [...], "rows": [{"text", "truth", "label", "probabilities"}]} for every
                  held-out text: `label` is the fitted model's predict, `probabilities` its predict_proba
                  (Python float repr, so the shortest string that reads back to the same double)

and OUT/tokens.json, {"rows": [{"text", "tokens"}]}: the tokens of scikit-learn's default word analyzer
(the one every word configuration uses) for every held-out text, so that a tokenizer difference shows as such.

A configuration is written MODEL-ANALYZER-WEIGHTING-NGRAMS[-headN][-tailN], e.g. logreg-char_wb-sublinear-2_5
or mnb-word-tfidf-1_2-head8:
  MODEL      mnb, cnb, logreg (multinomial), logreg_ovr, sgd (log loss), sgd_huber (modified Huber),
             svc (LinearSVC in CalibratedClassifierCV, sigmoid, ensemble) or svc_single (ensemble=False)
  ANALYZER   word, char or char_wb
  WEIGHTING  count, tfidf or sublinear (tf-idf with sublinear tf)
  NGRAMS     MIN_MAX (or one number N for 1_N)
  headN      a FeatureUnion with a vectorizer over the first N words (trainer/head_words.py)
  tailN      a FeatureUnion with a vectorizer over the last N words (trainer/head_words.py's TailWords)
The older form MODEL-VECTORIZER-NGRAMMAX (mnb-count-1, cnb-tfidf-2) means word 1_NGRAMMAX. All configurations
of a data set are trained in one process, so scikit-learn is imported once.

    /usr/bin/python3 parity_expectations.py --data FILE.jsonl --out DIR --config mnb-count-1 [--config ...]
        [--held-out 1200] [--seed 7] [--two-classes NAME=LABEL,LABEL,...]

--two-classes makes a binary task: the listed labels become NAME, every other label "other".
"""
import argparse
import importlib.util
import json
import random
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[4]
VECTORIZERS = ("count", "tfidf")
WEIGHTINGS = ("count", "tfidf", "sublinear")
ANALYZERS = ("word", "char", "char_wb")
MODELS = {"mnb": dict(model="mnb"), "cnb": dict(model="cnb"), "logreg": dict(model="logreg"),
          "logreg_ovr": dict(model="logreg"), "sgd": dict(model="sgd", sgd_loss="log_loss"),
          "sgd_huber": dict(model="sgd", sgd_loss="modified_huber"), "svc": dict(model="linearsvc", ensemble=True),
          "svc_single": dict(model="linearsvc", ensemble=False)}


def load_trainer(repo_root):
    path = repo_root / "trainer" / "train.py"
    if not path.is_file():
        raise SystemExit(f"expected the trainer at {path}, found no such file")
    spec = importlib.util.spec_from_file_location("kroute_trainer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_config(name):
    """The trainer's options for a configuration name (see the module documentation)."""
    parts = name.split("-")
    try:
        if len(parts) == 3 and parts[0] in ("mnb", "cnb") and parts[1] in VECTORIZERS and parts[2].isdigit():
            parts = [parts[0], "word", parts[1], "1_" + parts[2]]
        ends = {"head": None, "tail": None}
        while len(parts) > 4 and parts[-1][:4] in ends and parts[-1][4:].isdigit() and ends[parts[-1][:4]] is None:
            ends[parts[-1][:4]] = int(parts[-1][4:])
            parts = parts[:-1]
        model, analyzer, weighting, ngrams = parts
        low, high = (ngrams.split("_") + [None])[:2] if "_" in ngrams else ("1", ngrams)
        options = dict(MODELS[model], analyzer=analyzer, ngram_min=int(low), ngram_max=int(high),
                       vectorizer="count" if weighting == "count" else "tfidf",
                       sublinear_tf=weighting == "sublinear", head_words=ends["head"],
                       tail_words=ends["tail"])
        if analyzer not in ANALYZERS or weighting not in WEIGHTINGS:
            raise ValueError(name)
        return options
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(
            f"expected MODEL-ANALYZER-WEIGHTING-NGRAMS[-headN][-tailN] with MODEL in {sorted(MODELS)}, ANALYZER in "
            f"{ANALYZERS}, WEIGHTING in {WEIGHTINGS} (e.g. logreg-char_wb-sublinear-2_5), found {name!r}") from None


def check_config(name):
    parse_config(name)
    return name


def read_rows(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as data:
        for number, line in enumerate(data, start=1):
            row = json.loads(line)
            if not isinstance(row.get("text"), str) or not isinstance(row.get("label"), str):
                raise SystemExit(f"{path}:{number}: expected string members \"text\" and \"label\", found {row!r}")
            texts.append(row["text"])
            labels.append(row["label"])
    return texts, labels


def stratified_split(labels, held_out_count, seed):
    """Seeded split holding out about held_out_count rows, each label in proportion to its size."""
    by_label = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, []).append(index)
    fraction = held_out_count / len(labels)
    rng = random.Random(seed)
    train_rows, held_out_rows = [], []
    for label in sorted(by_label):
        rows = by_label[label]
        rng.shuffle(rows)
        take = min(len(rows) - 1, max(1, round(fraction * len(rows))))
        held_out_rows.extend(rows[:take])
        train_rows.extend(rows[take:])
    return sorted(train_rows), sorted(held_out_rows)


def write_tokens(path, texts):
    from sklearn.feature_extraction.text import CountVectorizer
    analyzer = CountVectorizer().build_analyzer()
    with open(path, "w", encoding="ascii") as out:
        json.dump({"rows": [{"text": text, "tokens": analyzer(text)} for text in texts]}, out, ensure_ascii=True)


def fit_by_hand(trainer, options, texts, labels):
    """A pipeline the trainer's command line does not fit (one-vs-rest LogisticRegression), compiled as
    trainer/export.py compiles a user's pipeline."""
    from sklearn.linear_model import LogisticRegression
    pipeline = trainer.Pipeline([("features", options.make_vectorizer()),
                                 ("model", LogisticRegression(multi_class="ovr", max_iter=1000,
                                                              random_state=options.seed))])
    pipeline.fit(texts, labels)
    return pipeline


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--config", type=check_config, action="append", required=True)
    parser.add_argument("--two-classes", default=None, help="NAME=LABEL,LABEL,...: a binary task")
    parser.add_argument("--held-out", type=int, default=1200, help="rows to hold out (default 1200)")
    parser.add_argument("--min-held-out", type=int, default=1000,
                        help="refuse a split that holds out fewer rows (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repo-root", type=Path, default=REPO_ROOT)
    args = parser.parse_args(argv)

    trainer = load_trainer(args.repo_root)
    texts, labels = read_rows(args.data)
    if args.two_classes:
        positive, listed = args.two_classes.split("=", 1)
        members = set(listed.split(","))
        labels = [positive if label in members else "other" for label in labels]
    train_rows, held_out_rows = stratified_split(labels, args.held_out, args.seed)
    if len(held_out_rows) < args.min_held_out:
        raise SystemExit(f"expected at least {args.min_held_out} held-out rows from {args.data}, "
                         f"found {len(held_out_rows)} of {len(texts)} rows")
    train_texts = [texts[i] for i in train_rows]
    train_labels = [labels[i] for i in train_rows]
    held_out_texts = [texts[i] for i in held_out_rows]
    held_out_truth = [labels[i] for i in held_out_rows]

    args.out.mkdir(parents=True, exist_ok=True)
    write_tokens(args.out / "tokens.json", held_out_texts)
    for name in args.config:
        started = time.monotonic()
        options = trainer.TrainingOptions(model_name=f"parity-{name}", seed=args.seed, **parse_config(name))
        if name.startswith("logreg_ovr-"):
            pipeline = fit_by_hand(trainer, options, train_texts, train_labels)
        else:
            pipeline = trainer.fit_pipeline(train_texts, train_labels, options)
        # The weight file as the trainer writes it, without the anomaly section and quality figures (which need
        # further fits and play no part in the classifier's parity).
        golden_texts = trainer.choose_golden_texts(train_texts, trainer.anomaly_word_view(pipeline), options.golden,
                                                   options.seed)
        document = trainer.export_pipeline(pipeline, golden_texts=golden_texts, model_name=options.model_name)
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        trainer.write_weight_file(str(folder / "weights.json"), document)

        features = pipeline.steps[0][1].transform(held_out_texts)
        model = pipeline.steps[1][1]
        probabilities = model.predict_proba(features).tolist()
        predicted = [str(label) for label in model.predict(features)]
        expected = {
            "dataset": args.data.name,
            "config": name,
            "classes": [str(label) for label in model.classes_],
            "trainRows": len(train_rows),
            "rows": [{"text": text, "truth": truth, "label": label, "probabilities": row}
                     for text, truth, label, row in zip(held_out_texts, held_out_truth, predicted, probabilities)],
        }
        # ASCII JSON: every text, lone surrogates included, reaches Java as exactly the same UTF-16 string.
        with open(folder / "expected.json", "w", encoding="ascii") as out:
            json.dump(expected, out, ensure_ascii=True, allow_nan=False)
        print(f"{args.data.name} {name}: {len(train_rows)} training rows, {len(held_out_rows)} held out, "
              f"{features.shape[1]} features, {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
