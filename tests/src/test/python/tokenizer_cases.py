#!/usr/bin/python3
"""Writes the tokens scikit-learn's default word analyzer gives for texts that are hard to tokenize alike.

The output, tests/src/test/resources/parity/tokenizer-cases.json, is committed; the Java tokenizer test
replays it. Escapes keep every case readable here and exact in the JSON (which is pure ASCII, so lone
surrogates survive the trip into Java strings).

    /usr/bin/python3 tests/src/test/python/tokenizer_cases.py
"""
import json
import sys
import unicodedata
from pathlib import Path

import sklearn
from sklearn.feature_extraction.text import CountVectorizer

# (name, text): the name says what makes the text hard.
CASES = [
    ("empty", ""),
    ("only spaces and punctuation", "   \t\n ... !!! ---"),
    ("single letters are not tokens", "a b c I x y z"),
    ("ascii words and punctuation", "Hello, World! The QUICK brown fox -- jumped; over? the lazy dog."),
    ("ascii apostrophe", "don't stop rock'n'roll O'Neil's"),
    ("typographic apostrophe", "l\u2019homme aujourd\u2019hui it\u2019s"),
    ("underscores", "snake_case_name __init__ _x a_ _ ___ x__y"),
    ("digits and numbers", "2024 a1 1a 3.14 1,000 007 b2b"),
    ("superscripts and subscripts", "x\u00b2 H\u2082O E=mc\u00b2 \u00b2\u00b3"),
    ("fractions roman numerals circled", "\u00bd\u2153 \u216b\u2161 \u2460\u2461 \u3007\u3007"),
    ("arabic-indic and devanagari digits", "\u0663\u0664\u0665 \u06f1\u06f2 \u0967\u0968\u0969"),
    ("precomposed accents", "caf\u00e9 na\u00efve \u00c9COLE \u00c5ngstr\u00f6m"),
    ("combining marks split words", "cafe\u0301 nai\u0308ve E\u0301COLE"),
    ("combining mark after one letter", "e\u0301e\u0301 a\u0300bc"),
    ("turkish dotted capital i", "\u0130STANBUL \u0130zmir \u0130I"),
    ("turkish dotless i", "\u0131\u015f\u0131k I\u015eIK d\u0131\u015f"),
    ("greek final sigma", "\u039f\u0394\u039f\u03a3"),
    ("greek final sigma in a sentence", "\u039f\u0394\u039f\u03a3 \u039f\u0394\u039f\u03a3\u039f \u0391\u03a3. \u03a3"),
    # Python lower-cases U+03A3 to final sigma when a cased letter precedes it and none follows it, skipping
    # case-ignorable characters on both sides (Unicode's Final_Sigma condition).
    ("greek sigma before apostrophe and letter", "\u0391\u03a3'\u0392"),
    ("greek sigma before right single quotation mark and letter", "\u0391\u03a3\u2019\u0392"),
    ("greek sigma before colon and letter", "\u0391\u03a3:\u0392"),
    ("greek sigma before period and letter", "\u0391\u03a3.\u0392"),
    ("greek sigma before underscore", "\u0391\u03a3_"),
    ("greek sigma before underscore and letter", "\u0391\u03a3_\u0392"),
    ("greek sigma before digit", "\u0391\u03a31"),
    ("greek sigma before digit and letter", "\u0391\u03a31\u0392"),
    ("greek sigma after digit after letter", "\u0391" + "1\u03a3"),
    ("greek sigma after hebrew letter after letter", "\u0391\u05d0\u03a3"),
    ("greek sigma after deseret capital letter", "\u0391\U00010400\u03a3"),
    ("greek sigma before circled capital letter", "\u0391\u03a3\u24b6"),
    ("greek sigma before combining ypogegrammeni", "\u0391\u03a3\u0345"),
    ("greek sigma before iteration mark and letter", "\u0391\u03a3\u3005\u0392"),
    ("greek sigma after latin letter", "A\u03a3 \u03a3A"),
    ("greek sigma around soft hyphen", "\u0391\u03a3\u00ad\u0392 \u0391\u00ad\u03a3"),
    ("greek sigma before combining mark", "\u0391\u03a3\u0301 \u0391\u03a3\u0301\u0392"),
    ("greek with tonos", "\u0386\u0398\u0397\u039d\u0391 \u0391\u03b8\u03ae\u03bd\u03b1"),
    ("german sharp s", "STRASSE Stra\u00dfe \u1e9e \u00df\u00df GRO\u1e9eE"),
    ("ligatures and digraphs", "\ufb01nance \ufb02ow \ufb00 \u01c4 \u01c5a \u01c6 \u01c7ub \u0132s"),
    ("titlecase letters", "\u01c5ungla \u1f88\u1f89 \u01f2"),
    ("fullwidth forms", "\uff21\uff22\uff23\uff11\uff12\uff13 \uff54\uff45\uff53\uff54 \uff3f\uff3f"),
    ("letterlike symbols", "\u212a\u212b \u2126 \u2160\u2161 \u210c\u2115"),
    ("modifier letters", "\u02b0\u02b2 a\u02bcb x\u02c8y"),
    ("emoji between letters", "hi\U0001f44bthere \U0001f389party x\U0001f600y"),
    ("emoji with joiners and selectors", "ab\U0001f468\u200d\U0001f469\u200d\U0001f467cd \u2764\ufe0fok"),
    ("regional indicators and keycaps", "\U0001f1eb\U0001f1f7 1\ufe0f\u20e3 go"),
    ("mathematical alphanumerics", "\U0001d400\U0001d401\U0001d402 \U0001d518\U0001d52b\U0001d526 \U0001d7ce\U0001d7cf"),
    ("deseret upper and lower", "\U00010400\U00010401 \U00010428\U00010429"),
    ("gothic and old italic", "\U00010330\U00010331\U00010332 \U00010300\U00010301"),
    ("osage and adlam case pairs", "\U000104b0\U000104b1 \U0001e900\U0001e901"),
    ("cjk extension b", "\U00020000\U00020001 \U0002a700\U0002a701"),
    ("lone high surrogate", "ab\ud800cd"),
    ("lone low surrogate", "x\udc00yz \udc00\udc00"),
    ("reversed surrogate pair", "qq\udc00\ud800rr"),
    ("no-break and other spaces", "aa\u00a0bb\u2009cc\u3000dd\u202fee\u2007ff"),
    ("zero width characters", "aa\u200bbb\ufeffcc\u200ddd\u200cee\u2060ff"),
    ("control characters", "aa\tbb\ncc\rdd\x00ee\x1fff\x7fgg\x85hh"),
    ("line and paragraph separators", "aa\u2028bb\u2029cc"),
    ("devanagari", "\u0939\u093f\u0928\u094d\u0926\u0940 \u092d\u093e\u0937\u093e \u0915\u094d\u0937\u0924\u094d\u0930\u093f\u092f"),
    ("thai", "\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22\u0e07\u0e48\u0e32\u0e22\u0e19\u0e34\u0e14\u0e40\u0e14\u0e35\u0e22\u0e27"),
    ("hebrew with niqqud", "\u05e9\u05c1\u05b8\u05dc\u05d5\u05b9\u05dd \u05e2\u05d1\u05e8\u05d9\u05ea"),
    ("arabic with tashkeel and tatweel", "\u0627\u0644\u0639\u064e\u0631\u064e\u0628\u0650\u064a\u064e\u0651\u0629 \u0639\u0640\u0640\u0640\u0631\u0628\u064a"),
    ("cjk han kana hangul", "\u4e2d\u6587\u5206\u8bcd\u6d4b\u8bd5 \u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 \ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8"),
    ("halfwidth katakana with voiced mark", "\uff83\uff9e\uff70\uff80 \uff76\uff9e"),
    ("conjoining hangul jamo", "\u1112\u1161\u11ab\u1100\u1173\u11af"),
    ("cherokee case pairs", "\u13e3\u13b3\u13a9 \uab83\uab7f"),
    ("georgian mtavruli", "\u1c90\u1c91\u1c92 \u10d0\u10d1\u10d2"),
    ("armenian ligature", "\u0587 \u0535\u0552"),
    ("connector punctuation other than underscore", "aa\u203fbb\u2040cc\ufe4fdd"),
    ("mixed scripts without spaces", "abc\u0430\u0431\u0432\u03b1\u03b2\u03b3\u4e2d\u6587"),
    ("urls emails and code", "e-mail foo@bar.com http://x.y/z?q=1&r=2 C++ C# .NET f(x)=x**2"),
    ("format directives", "%s: cannot open '%s': %d%% done, %-10.3lf %1$s"),
    ("markup", "<b>bold</b> &amp; &#233; <a href=\"x.html\">link</a>"),
    # Letters and case pairs that Unicode 14 added (Python 3.11 knows them; older tables may not).
    ("unicode 14 latin letters", "\ua7c0\ua7c1 \ua7d0\ua7d1"),
    ("unicode 14 glagolitic", "\u2c2f\u2c5f"),
    ("unicode 14 vithkuqi", "\U00010570\U00010571 \U00010597\U00010598"),
    ("unicode 14 toto and tangsa", "\U0001e290\U0001e291 \U00016a70\U00016a71"),
]


def main():
    analyzer = CountVectorizer().build_analyzer()
    names = [name for name, _ in CASES]
    if len(set(names)) != len(names):
        raise SystemExit("expected unique case names")
    document = {
        "generator": "tests/src/test/python/tokenizer_cases.py",
        "sklearnVersion": sklearn.__version__,
        "pythonVersion": sys.version.split()[0],
        "unicodeVersion": unicodedata.unidata_version,
        "cases": [{"name": name, "text": text, "tokens": analyzer(text)} for name, text in CASES],
    }
    out = Path(__file__).resolve().parents[1] / "resources" / "parity" / "tokenizer-cases.json"
    with open(out, "w", encoding="ascii", newline="\n") as file:
        json.dump(document, file, ensure_ascii=True, indent=1)
        file.write("\n")
    print(f"{out}: {len(CASES)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
