#!/usr/bin/python3
"""Trains kroute weight files with trainer/train.py and records what scikit-learn says about held-out texts.

For one labelled data set (JSON lines with "text" and "label") this makes a seeded stratified split,
then for every requested configuration trains through the trainer's own `train` function on the training
part and writes, under OUT/<configuration>/:

  weights.json    the weight file, exactly as the trainer encodes it
  expected.json   {"classes": [...], "rows": [{"text", "truth", "label", "probabilities"}]} for every
                  held-out text: `label` is the fitted model's predict, `probabilities` its predict_proba
                  (Python float repr, so the shortest string that reads back to the same double)

and OUT/tokens.json, {"rows": [{"text", "tokens"}]}: the tokens of scikit-learn's default word analyzer
(the one every configuration uses) for every held-out text, so that a tokenizer difference shows as such.

A configuration is written MODEL-VECTORIZER-NGRAMMAX, e.g. mnb-count-1 or cnb-tfidf-2. All configurations
of a data set are trained in one process, so scikit-learn is imported once.

    /usr/bin/python3 parity_expectations.py --data FILE.jsonl --out DIR --config mnb-count-1 [--config ...]
        [--held-out 1200] [--seed 7]
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
MODELS = ("mnb", "cnb")


def load_trainer(repo_root):
    path = repo_root / "trainer" / "train.py"
    if not path.is_file():
        raise SystemExit(f"expected the trainer at {path}, found no such file")
    spec = importlib.util.spec_from_file_location("kroute_trainer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_config(name):
    parts = name.split("-")
    if len(parts) != 3 or parts[0] not in MODELS or parts[1] not in VECTORIZERS or not parts[2].isdigit() \
            or int(parts[2]) < 1:
        raise argparse.ArgumentTypeError(
            f"expected MODEL-VECTORIZER-NGRAMMAX with MODEL in {MODELS}, VECTORIZER in {VECTORIZERS} "
            f"and NGRAMMAX >= 1 (e.g. cnb-tfidf-2), found {name!r}")
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--config", type=parse_config, action="append", required=True)
    parser.add_argument("--held-out", type=int, default=1200, help="rows to hold out (default 1200)")
    parser.add_argument("--min-held-out", type=int, default=1000,
                        help="refuse a split that holds out fewer rows (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repo-root", type=Path, default=REPO_ROOT)
    args = parser.parse_args(argv)

    trainer = load_trainer(args.repo_root)
    texts, labels = read_rows(args.data)
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
        model_kind, vectorizer_kind, ngram_max = name.split("-")
        options = trainer.TrainingOptions(vectorizer=vectorizer_kind, ngram_max=int(ngram_max), model=model_kind,
                                          model_name=f"parity-{name}", seed=args.seed)
        trained = trainer.train(train_texts, train_labels, options)
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        trainer.write_weight_file(str(folder / "weights.json"), trained.document)

        features = trained.vectorizer.transform(held_out_texts)
        probabilities = trained.model.predict_proba(features).tolist()
        predicted = [str(label) for label in trained.model.predict(features)]
        expected = {
            "dataset": args.data.name,
            "config": name,
            "classes": [str(label) for label in trained.model.classes_],
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
