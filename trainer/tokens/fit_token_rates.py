#!/usr/bin/env python3
"""Fit kroute's per-family token rates from real token counts, and report their error on held-out text.

Each text is described by 18 features: how many of its code points fall in each of 16 character groups, how
many runs of ASCII digits it has, and a constant 1. A family's estimate is the dot product of those features
with the family's non-negative rates, fitted by non-negative least squares on the *relative* error (each row
divided by its true count, so short and long texts weigh alike) over the calibration half of the corpus.

    /usr/bin/python3 trainer/tokens/fit_token_rates.py COUNTS.jsonl OUT.json

COUNTS.jsonl comes from count_tokens.mjs; OUT.json is the resource io/kroute/inference/routing/token-rates.json
that kroute's TokenEstimator reads. The groups here must stay those of the Java class CharacterGroups.
"""

import json
import sys

import numpy as np
from scipy.optimize import nnls

FEATURES = ("ascii_letter", "ascii_digit", "ascii_space", "ascii_symbol", "latin_extended", "cyrillic", "greek",
            "hebrew", "arabic", "indic", "thai", "hangul", "kana", "cjk", "cjk_symbol", "other", "digit_runs",
            "constant")
# Families whose real tokenizer kroute does not run: their counts are estimated from these rates.
ESTIMATED = ("llama3", "llama2", "mistral", "claude")


def group(cp):
    if cp < 128:
        c = chr(cp)
        if ("a" <= c <= "z") or ("A" <= c <= "Z"):
            return 0
        if "0" <= c <= "9":
            return 1
        if c in " \t\n\r":
            return 2
        return 3
    ranges = ((4, 0xC0, 0x24F), (4, 0x1E00, 0x1EFF), (5, 0x400, 0x4FF), (6, 0x370, 0x3FF), (7, 0x590, 0x5FF),
              (8, 0x600, 0x6FF), (9, 0x900, 0xDFF), (10, 0xE00, 0xE7F), (11, 0xAC00, 0xD7AF), (11, 0x1100, 0x11FF),
              (11, 0x3130, 0x318F), (12, 0x3040, 0x30FF), (13, 0x4E00, 0x9FFF), (13, 0x3400, 0x4DBF),
              (14, 0x3000, 0x303F), (14, 0xFF00, 0xFFEF))
    for index, low, high in ranges:
        if low <= cp <= high:
            return index
    return 15


def features(text):
    x = np.zeros(len(FEATURES))
    previous = -1
    for ch in text:
        g = group(ord(ch))
        x[g] += 1
        if g == 1 and previous != 1:
            x[16] += 1
        previous = g
    x[17] = 1
    return x


def relative_errors(x, y, rates):
    return np.abs(x @ rates - y) / y


def main(counts_path, out_path):
    with open(counts_path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    x = np.array([features(r["text"]) for r in rows])
    calibration = np.array([r["split"] == "calibration" for r in rows])
    held_out = ~calibration
    families = {}
    for family in ESTIMATED:
        y = np.array([r["tokens"][family] for r in rows], dtype=float)
        weight = 1.0 / y
        rates, _ = nnls(x[calibration] * weight[calibration, None], y[calibration] * weight[calibration])
        errors = relative_errors(x[held_out], y[held_out], rates)
        families[family] = [round(float(r), 6) for r in rates]
        print("%-8s held-out rows %d: median |error| %.1f%%, p95 %.1f%%" % (
            family, held_out.sum(), 100 * np.median(errors), 100 * np.percentile(errors, 95)))
    document = {"features": list(FEATURES), "families": families,
                "calibration": {"rows": int(calibration.sum()), "fit": "non-negative least squares, relative error"}}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: fit_token_rates.py COUNTS.jsonl OUT.json")
    main(sys.argv[1], sys.argv[2])
