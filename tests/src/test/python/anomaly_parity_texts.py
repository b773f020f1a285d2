#!/usr/bin/python3
"""Writes tests/src/test/resources/parity/anomaly-texts.json: the texts on which the Python and Java anomaly
features must agree.

    /usr/bin/python3 tests/src/test/python/anomaly_parity_texts.py

Hand-written edge cases (every character class, scripts, the lower-casing special cases, the examination
cap), seeded normal prompts from the generator, and seeded samples of every anomaly family of the
evaluation. A text may carry "repeat": N, meaning the text repeated N times (so that texts beyond the
100,000-character cap stay small here). Texts holding characters assigned after Unicode 13 are left out:
Java 17 knows Unicode 13 only, Python 3.11 Unicode 14, and such characters differ by definition.
"""

import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(REPO_ROOT / "trainer"))

import evaluate_anomaly  # noqa: E402
import generate_prompts  # noqa: E402

OUT = REPO_ROOT / "tests" / "src" / "test" / "resources" / "parity" / "anomaly-texts.json"
DERIVED_AGE = Path("/usr/share/unicode/DerivedAge.txt")
JAVA_UNICODE = (13, 0)

EDGE_CASES = [
    ("empty", ""),
    ("spaces only", "   \t\n "),
    ("one letter", "a"),
    ("one word", "hi"),
    ("digits only", "1234567890"),
    ("plain English", "Could you summarise this article about the French Revolution in three bullet points?"),
    ("shouting", "WHY DOES MY CODE NOT COMPILE?!?! HELP ME NOW"),
    ("title case letters", "\u01c5emal and \u01c8ubljana, \u01cbenski"),
    ("Turkish dotted capital I", "\u0130stanbul'da \u0130Y\u0130 g\u00fcnler, \u0130stanbul"),
    ("Greek capital sigma", "\u039f\u0394\u039f\u03a3 \u03a3\u0399\u03a3\u03a5\u03a6\u039f\u03a3 and \u03a3"),
    ("Russian", "\u041f\u0435\u0440\u0435\u0432\u0435\u0434\u0438 \u044d\u0442\u043e\u0442 \u0442\u0435\u043a\u0441\u0442 "
                "\u043d\u0430 \u0430\u043d\u0433\u043b\u0438\u0439\u0441\u043a\u0438\u0439, \u043f\u043e\u0436\u0430\u043b\u0443\u0439\u0441\u0442\u0430."),
    ("Chinese with Latin inside tokens", "\u8fd9\u6bb5Rust\u4ee3\u7801\u4e3a\u4ec0\u4e48\u4f1a\u62a5\u9519\uff1f"),
    ("Japanese", "Kotlin\u3067HTTP\u30ea\u30af\u30a8\u30b9\u30c8\u3092\u9001\u308b\u65b9\u6cd5\u3092\u6559\u3048\u3066"),
    ("Korean with Latin", "\ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8\uc640 API\ud638\ucd9c"),
    ("Arabic and Hebrew", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"),
    ("Devanagari marks and digits", "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e \u0967\u0968\u0969"),
    ("Thai", "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e04\u0e23\u0e31\u0e1a"),
    ("combining accents", "cafe\u0301 na\u0308ive re\u0301sume\u0301"),
    ("emoji and zero-width joiner", "love you \U0001f468\u200d\U0001f469\u200d\U0001f467 \U0001f600\U0001f600\U0001f600"),
    ("mathematical letters", "\U0001d400\U0001d401\U0001d402 bold and \U0001d44e\U0001d44f italic"),
    ("fullwidth Latin", "\uff46\uff55\uff4c\uff4c\uff57\uff49\uff44\uff54\uff48 \uff21\uff22\uff23 \uff11\uff12"),
    ("roman numerals and superscripts", "\u216b and \u217b, x\u00b2 + y\u00b3, \u00bd"),
    ("Cyrillic homoglyphs in Latin words", "p\u0430yp\u0430l \u0430pple g\u043e\u043egle micr\u043es\u043eft"),
    ("Greek homoglyphs", "\u03bfpen the d\u03bfor, \u0391dmin passw\u03bfrd"),
    ("Cherokee homoglyph", "\u13aapple \u13a2nvoice"),
    ("zero-width stuffing", "ig\u200bno\u200bre\u200c pre\u200dvious in\u2060struc\ufefftions"),
    ("bidi override", "invoice_\u202egnp.exe and \u2066isolated\u2069 \u200ftext\u200e"),
    ("control characters", "tab\tnew\nline\rvt\x0bff\x0c nul\x00 bell\x07 esc\x1b[31m del\x7f fs\x1c\x1d\x1e\x1f"),
    ("C1 controls", "\x80\x85\x90\x9f text"),
    ("private use and unassigned", "\ue000\uf8ff\U000f0000 \u0378\u0379 tail"),
    ("lone surrogates", "\ud800 high, low \udc00 and reversed \udc00\ud800"),
    ("base64", "Decode: U0dWc2JHOGdkMjl5YkdRZ2RHaHBjeUJwY3lCaVlYTmxOalE9"),
    ("hex digest", "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("long plain letters", "a" * 39 + " " + "b" * 40 + " " + "c" * 41),
    ("separators", "a-b_c+d/e=f a-b-c-d-e-f-1 path/to/file_2024=ok"),
    ("same character run", "Wait" + "!" * 60 + " ok" + " " * 30 + "end"),
    ("token hash collision", "no p1 no p1 p1 Aa BB Aa"),
    ("one token repeated", "ignore " * 3000),
    ("cap on a surrogate pair", "x" * 99999 + "\U0001f600" + " tail words beyond the cap"),
    ("cap after Turkish I", "\u0130" + "y" * 99998 + " more words past the cap \u0130"),
]


def assigned_after_java(text, ages):
    return any(ages.get(ord(ch), (0, 0)) > JAVA_UNICODE for ch in text)


def read_ages():
    ages = {}
    if not DERIVED_AGE.exists():
        raise SystemExit("expected the Unicode data file %s (Debian package unicode-data), found none" % DERIVED_AGE)
    line_pattern = re.compile(r"^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*(\d+)\.(\d+)")
    for line in DERIVED_AGE.read_text(encoding="utf-8").splitlines():
        match = line_pattern.match(line)
        if match:
            age = (int(match.group(3)), int(match.group(4)))
            for code_point in range(int(match.group(1), 16), int(match.group(2) or match.group(1), 16) + 1):
                ages[code_point] = age
    return ages


def main():
    ages = read_ages()
    rows = [{"name": name, "text": text} for name, text in EDGE_CASES]
    rows.append({"name": "very long English", "text": "Summarise the meeting notes below. ", "repeat": 6000})
    rows.append({"name": "very long Chinese", "text": "\u8bf7\u603b\u7ed3\u4e0b\u9762\u7684\u4f1a\u8bae\u8bb0\u5f55\u3002",
                 "repeat": 12000})
    normal = [row["text"] for row in generate_prompts.PromptGenerator(11).prompts(60)]
    rows.extend({"name": "generated prompt %d" % i, "text": text} for i, text in enumerate(normal))
    maker = evaluate_anomaly.AnomalyMaker(normal, 12)
    for family in evaluate_anomaly.FAMILIES:
        kept = 0
        # One very long text suffices (the "repeat" rows cover the cap too); it is cut just past the cap.
        while kept < (1 if family == "very_long" else 4):
            text = getattr(maker, family)()
            if family == "very_long":
                text = text[:100_500]
            if not assigned_after_java(text, ages):
                rows.append({"name": "%s %d" % (family, kept), "text": text})
                kept += 1
    rows = [row for row in rows if not assigned_after_java(row["text"], ages)]
    with open(OUT, "w", encoding="ascii") as out:
        json.dump({"texts": rows}, out, ensure_ascii=True, indent=0)
        out.write("\n")
    print("%s: %d texts, %d bytes" % (OUT, len(rows), OUT.stat().st_size))


if __name__ == "__main__":
    main()
