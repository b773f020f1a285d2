#!/usr/bin/python3
"""Trains a weight file with trainer/train.py and records the anomaly features the trainer's Python code
computes for every parity text, for AnomalyFeatureParityTest to compare with the Java analyzer's.

    /usr/bin/python3 anomaly_parity_expectations.py --out DIR [--rows 3000] [--repo-root ROOT]

Trains on the first ROWS rows of weights/prompts.jsonl (the shipped data, so the vocabulary is a real one)
and writes under DIR:

  weights.json    the weight file, exactly as the trainer encodes it (anomaly section included)
  expected.json   {"keys": [feature keys], "rows": [{"source", "name", "text", "features": [...]}]}: the
                  features of every text of resources/parity/anomaly-texts.json (repeats expanded) and of
                  the real multilingual texts of gettext-languages.jsonl and brown-genres.jsonl, with the
                  probabilities of the fitted scikit-learn model for classUncertainty
  scripts.json    {"letters": [[code point, script group or null], ...]}: the group of every letter above
                  U+007F, from trainer/script_table.py, for the mixed-script rule
"""
import argparse
import json
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[4]


def parity_texts(repo_root):
    resources = repo_root / "tests" / "src" / "test" / "resources" / "parity"
    rows = []
    for row in json.loads((resources / "anomaly-texts.json").read_text(encoding="ascii"))["texts"]:
        rows.append(("anomaly-texts", row["name"], row["text"] * row.get("repeat", 1)))
    for name in ("gettext-languages.jsonl", "brown-genres.jsonl"):
        with open(resources / name, encoding="utf-8") as data:
            for number, line in enumerate(data, start=1):
                rows.append((name, "line %d" % number, json.loads(line)["text"]))
    return rows


def letter_scripts(anomaly_features):
    """{"letters": [[code point, group name or null], ...]} for every letter above U+007F that Python knows."""
    import script_table
    import unicodedata
    letters = []
    for code_point in range(0x80, sys.maxunicode + 1):
        ch = chr(code_point)
        if unicodedata.category(ch).startswith("L"):
            group = anomaly_features.script_group(ch)
            letters.append([code_point, None if group is None else
                            "Latin" if group == -1 else script_table.GROUP_NAMES[group]])
    return {"letters": letters}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rows", type=int, default=3000, help="training rows of weights/prompts.jsonl")
    parser.add_argument("--repo-root", type=Path, default=REPO_ROOT)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(args.repo_root / "trainer"))
    import anomaly_features
    import train

    started = time.monotonic()
    texts, labels, _ = train.read_training_data(str(args.repo_root / "weights" / "prompts.jsonl"))
    trained = train.train(texts[:args.rows], labels[:args.rows],
                          train.TrainingOptions(model_name="anomaly-parity", golden=8))
    args.out.mkdir(parents=True, exist_ok=True)
    train.write_weight_file(str(args.out / "weights.json"), trained.document)

    extractor = anomaly_features.FeatureExtractor(trained.vectorizer)
    rows = parity_texts(args.repo_root)
    prefixes = [extractor.prefix(text) for _, _, text in rows]
    probabilities = trained.model.predict_proba(trained.vectorizer.transform(prefixes))
    expected = {"keys": list(anomaly_features.FEATURE_KEYS), "rows": []}
    for (source, name, text), row in zip(rows, probabilities):
        expected["rows"].append({"source": source, "name": name, "text": text,
                                 "features": extractor.features(text, row)})
    # ASCII JSON: every text, lone surrogates included, reaches Java as exactly the same UTF-16 string.
    with open(args.out / "expected.json", "w", encoding="ascii") as out:
        json.dump(expected, out, ensure_ascii=True, allow_nan=False)
    with open(args.out / "scripts.json", "w", encoding="ascii") as out:
        json.dump(letter_scripts(anomaly_features), out)
    print("anomaly parity: %d training rows, %d texts, %.1f s" % (args.rows, len(rows), time.monotonic() - started),
          file=sys.stderr)


if __name__ == "__main__":
    main()
