"""The instructions that turn a real payload into a prompt of each class, split into fitting and held-out phrasings.

Each class has phrasings ("cores"): what the user asks, with slots for what the payload is ({doc}), the target
language ({target}), the fields to pull out ({fields}) or the programming language ({plang}). A core says which
payload kinds it fits (documents.KINDS), or fits any payload. A deterministic hash of the core's text puts about a
quarter of each class's cores on the held-out side: prompts built for fitting never use a held-out core, so the
evaluation asks in words the model was not fitted on. The frames around a core (a greeting, "please", a closing
"Thanks!") are shared by both sides: they say nothing about the class.
"""

import hashlib
import re

from typing import Dict, List, Sequence

HELD_OUT_PERCENT = 25
ANY = "any"

# (core, payload kinds it fits). "following" and "below" become "above" when the instruction comes after the payload.
CORES: Dict[str, List] = {
    "summarization": [
        ("Summarize", ANY), ("Summary please", ANY), ("Can I get a quick summary of this {doc}?", ANY),
        ("Write a two-sentence summary of this {doc}", ANY), ("Skim this {doc} and tell me what matters", ANY),
        ("Give me a brief rundown of the following {doc}", ANY), ("Summarize this {doc} for my manager", ANY),
        ("Reduce this {doc} to its main argument", ANY), ("Create a synopsis of the following {doc}", ANY),
        ("Write a TL;DR for the {doc} below", ANY), ("What's the short version of this {doc}?", ANY),
        ("Summarize this {doc} in plain language", ANY), ("Pull together a summary of the key points below", ANY),
        ("Give me a high-level summary of this {doc}", ANY), ("Summarize in one sentence", ANY),
        ("Résume-moi ce document", ANY), ("Fais une synthèse de ce texte", ANY),
        ("Fass mir diesen Text zusammen", ANY), ("Erstelle eine kurze Zusammenfassung", ANY),
        ("Haz un resumen de este texto", ANY), ("Resúmeme esto en pocas líneas", ANY),
        ("Сделай краткое содержание этого текста", ANY), ("Резюмируй этот документ", ANY),
        ("概括一下这篇文章", ANY), ("请用几句话总结这段文字", ANY), ("この文書を要約して", ANY), ("要点をまとめてください", ANY),
        ("Riassumi questo testo", ANY), ("Fai un riassunto di questo documento", ANY), ("Resuma este documento", ANY),
        ("Summarize the following {doc}", ANY), ("Summarise this {doc}", ANY), ("Give me a summary of this {doc}", ANY),
        ("TL;DR this {doc}", ANY), ("Write a short summary of the following {doc}", ANY),
        ("Condense this {doc} into a few sentences", ANY), ("What are the main points of this {doc}?", ANY),
        ("Boil this {doc} down to three bullet points", ANY), ("Sum up the following {doc} in one paragraph", ANY),
        ("Give me the gist of this {doc}", ANY), ("Recap this {doc} for someone who has no time to read it", ANY),
        ("Write an executive summary of this {doc}", ANY), ("Briefly summarize what this {doc} says", ANY),
        ("Summarize the key takeaways of the {doc} below", ANY), ("Can you shorten this {doc} to a summary?", ANY),
        ("Provide a concise overview of the following {doc}", ANY), ("What is this {doc} about, in short?", ANY),
        ("Make a summary of this {doc} in five lines", ANY), ("Write an abstract for this {doc}", ("article",)),
        ("Summarize this email thread", ("email",)), ("Summarize what this code does", ("code",)),
        ("Give a one-paragraph summary of this log", ("data",)), ("Summarize this page of documentation", ("techdoc",)),
        ("Produce a bullet-point summary of the {doc} below", ANY), ("Digest this {doc} into a short brief", ANY),
        ("Summarize the following {doc} for a newsletter", ANY), ("Give me the short version of this {doc}", ANY),
        ("Distill the following {doc} into its essentials", ANY), ("Outline the main ideas of this {doc}", ANY),
        ("Résume ce texte en quelques phrases", ANY), ("Fasse den folgenden Text kurz zusammen", ANY),
        ("Resume el siguiente texto", ANY), ("Кратко перескажи этот текст", ANY), ("请总结以下内容", ANY),
        ("次の文章を要約してください", ANY), ("Faça um resumo do texto a seguir", ANY),
    ],
    "translation": [
        ("Translate", ANY), ("Translate into {target}, please", ANY), ("{target} please", ANY),
        ("Can you put this into {target}?", ANY), ("Translate this {doc} for a {target}-speaking reader", ANY),
        ("I need a {target} version of the following", ANY), ("Translate the text below, target language {target}", ANY),
        ("Do a {target} translation of this {doc}", ANY), ("Translate this, keep the formatting, into {target}", ANY),
        ("Please render the following {doc} into {target}", ANY), ("Translate everything below to {target}", ANY),
        ("What is this in English?", ("language",)), ("Translate this from its language into English", ("language",)),
        ("Could you translate this {doc} into English for me?", ("language",)),
        ("Traduis en anglais", ANY), ("Peux-tu traduire ce document en {target} ?", ANY),
        ("Übersetze das bitte ins Deutsche", ANY), ("Übersetze diesen Text ins {target}", ANY),
        ("Traduce esto al español", ANY), ("Tradúceme este texto al {target}", ANY),
        ("Переведи это на русский", ANY), ("Переведи документ на {target}", ANY),
        ("翻译成中文", ANY), ("请将这段文字翻译成{target}", ANY), ("日本語に翻訳してください", ANY), ("英語に訳して", ANY),
        ("Traduci questo testo in inglese", ANY), ("Traduza isto para o português", ANY),
        ("Translate the following {doc} into {target}", ANY), ("Translate this {doc} to {target}", ANY),
        ("Please translate this into {target}", ANY), ("Can you translate the following into {target}?", ANY),
        ("Render this {doc} in {target}", ANY), ("What does this say in {target}?", ANY),
        ("Give me a {target} translation of the {doc} below", ANY), ("Translate to {target}", ANY),
        ("Localize this {doc} for {target} speakers", ANY), ("Convert this {doc} into {target}", ANY),
        ("I need this {doc} in {target}", ANY), ("Translate the {doc} below into natural {target}", ANY),
        ("How would you say this in {target}?", ANY), ("Provide a faithful {target} translation of this {doc}", ANY),
        ("Translate this {doc} word for word into {target}", ANY), ("Put this {doc} into {target}, please", ANY),
        ("English translation of the following, please", ("language",)), ("Translate this into English", ("language",)),
        ("What does this text mean in English?", ("language",)), ("Translate the comments in this code into {target}", ("code",)),
        ("Translate this email into {target} for my colleague", ("email",)), ("Help me translate this {doc} to {target}", ANY),
        ("Translate the following passage from its original language into {target}", ANY),
        ("Could you do a {target} version of this {doc}?", ANY), ("Rewrite this {doc} in {target}", ANY),
        ("Traduis ce texte en {target}", ANY), ("Übersetze den folgenden Text ins Englische", ANY),
        ("Traduce al inglés el siguiente texto", ANY), ("Переведи этот текст на английский", ANY),
        ("请把下面的内容翻译成英文", ANY), ("この文章を英語に翻訳してください", ANY), ("Traduza o texto abaixo para o inglês", ANY),
    ],
    "code": [
        ("Code review please", ("code",)), ("Review this {plang} code for correctness and style", ("code",)),
        ("What's wrong with this code?", ("code",)), ("Explain what this {plang} does", ("code",)),
        ("Can you review this pull request?", ("code",)), ("Give feedback on this {plang} code", ("code",)),
        ("Rewrite this function more idiomatically", ("code",)), ("Find potential null pointer or off-by-one errors in this code", ("code",)),
        ("How can I make this code faster?", ("code",)), ("Document this {plang} code", ("code",)),
        ("Walk me through this code", ("code",)), ("Write tests covering this function", ("code",)),
        ("Translate this {plang} code into {other_plang}", ("code",)), ("Review my code and point out bad practices", ("code",)),
        ("Write a {other_plang} program that reads this {doc}", ("data",)), ("Write code to parse this {doc}", ("data",)),
        ("Write a jq or Python one-liner that extracts fields from this {doc}", ("data",)),
        ("Relis ce code et corrige les bugs", ("code",)), ("Explique ce code", ("code",)), ("Erkläre diesen Code", ("code",)),
        ("Mach ein Code-Review", ("code",)), ("Explícame este código", ("code",)), ("Encuentra los errores en este código", ("code",)),
        ("Объясни, что делает этот код", ("code",)), ("Сделай ревью кода", ("code",)), ("解释一下这段代码", ("code",)),
        ("这段代码有什么问题", ("code",)), ("このコードを説明してください", ("code",)), ("このコードのバグを見つけて", ("code",)),
        ("Revisa o código abaixo", ("code",)), ("Rivedi questo codice", ("code",)),
        ("Review this code", ("code",)), ("Do a code review of the following {plang}", ("code",)),
        ("What does this {plang} code do?", ("code",)), ("Explain this function line by line", ("code",)),
        ("Find the bugs in this code", ("code",)), ("Refactor the following {plang} to be more readable", ("code",)),
        ("Write unit tests for this {plang} code", ("code",)), ("Port this code to {other_plang}", ("code",)),
        ("Rewrite this in {other_plang}", ("code",)), ("Add type hints and docstrings to this code", ("code",)),
        ("Is there a security problem in this code?", ("code",)), ("Optimize this {plang} for speed", ("code",)),
        ("Why doesn't this compile?", ("code",)), ("Add comments explaining this {plang} file", ("code",)),
        ("Suggest improvements to this code", ("code",)), ("Spot any race conditions or leaks in this code", ("code",)),
        ("Convert this {plang} module to {other_plang}", ("code",)), ("Explain how this code works to a junior developer", ("code",)),
        ("Check this code for edge cases it misses", ("code",)), ("Simplify this {plang} code", ("code",)),
        ("Critique the design of this module", ("code",)), ("Write a parser in {other_plang} for this {doc}", ("data",)),
        ("Write a Python script that loads this {doc} and prints it as a table", ("data",)),
        ("Write the SQL schema for data like this", ("data",)), ("Write a regex that matches lines like these", ("data",)),
        ("Generate a TypeScript interface for this JSON", ("data",)), ("Implement what this document describes in {other_plang}", ("techdoc",)),
        ("Write a shell script that automates the steps in this {doc}", ("techdoc",)),
        ("Write a function that validates records like these", ("data",)), ("Debug this code for me", ("code",)),
        ("Revisa este código", ("code",)), ("Fais une revue de ce code", ("code",)), ("Überprüfe diesen Code auf Fehler", ("code",)),
        ("请审查这段代码", ("code",)), ("このコードをレビューしてください", ("code",)), ("Проверь этот код на ошибки", ("code",)),
    ],
    "data_extraction": [
        ("Extract {fields}", ANY), ("Extract {fields} and return JSON", ANY), ("I need {fields} from this {doc}", ANY),
        ("Give me just {fields}", ANY), ("Pick out {fields} from the following", ANY), ("Extract {fields} into a spreadsheet-ready table", ANY),
        ("Find and list {fields} that this {doc} contains", ANY), ("Return a JSON list of {fields} in this {doc}", ANY),
        ("Harvest {fields} from this {doc}", ANY), ("Extract key fields from this {doc} as YAML", ANY),
        ("What are {fields} in the following {doc}? List them only", ANY), ("Turn this {doc} into structured records of {fields}", ANY),
        ("Extract the metadata from this {doc}", ANY), ("Pull the relevant data points out of the {doc} below", ANY),
        ("Extrais toutes les dates de ce document", ANY), ("Relève les noms et les montants", ANY),
        ("Extrahiere die wichtigsten Daten als JSON", ANY), ("Zieh alle E-Mail-Adressen heraus", ANY),
        ("Saca todas las fechas y cantidades", ANY), ("Extrae los datos clave en formato JSON", ANY),
        ("Вытащи все адреса и телефоны", ANY), ("Извлеки ключевые данные в JSON", ANY),
        ("提取所有的电子邮件地址", ANY), ("把关键信息提取成JSON", ANY), ("すべての金額を抽出して", ANY), ("重要なデータをJSONで抽出してください", ANY),
        ("Estrai tutti i nomi e le date", ANY), ("Extraia os nomes e as datas do texto", ANY),
        ("Extract {fields} from the following {doc}", ANY), ("Pull out {fields} from this {doc}", ANY),
        ("List {fields} mentioned in this {doc}", ANY), ("Find {fields} in the {doc} below", ANY),
        ("Extract {fields} as JSON", ANY), ("From this {doc}, give me {fields} in a table", ANY),
        ("Parse {fields} out of this {doc}", ANY), ("Return {fields} from the following as a CSV", ANY),
        ("Get {fields} from this {doc} and nothing else", ANY), ("Which {fields_short} appear in this {doc}?", ANY),
        ("Identify {fields} in this {doc}", ANY), ("Make a list of {fields} found in this {doc}", ANY),
        ("Collect {fields} from the {doc} below into a JSON array", ANY), ("Scan this {doc} and extract {fields}", ANY),
        ("Output {fields} from this {doc} as key-value pairs", ANY), ("Extract the structured data from this {doc}", ANY),
        ("Grab {fields} from this {doc}", ANY), ("Tabulate {fields} contained in the following {doc}", ANY),
        ("Extract every named entity from this {doc}", ("article", "language", "email")),
        ("Extract the sender, recipients, date and subject of this email", ("email",)),
        ("Pull every IP address and timestamp out of this log", ("data",)),
        ("Extract all function names defined in this code", ("code",)), ("List the commands mentioned in this page", ("techdoc",)),
        ("Fill in a JSON object with {fields} from this {doc}", ANY), ("Show only {fields} from this {doc}", ANY),
        ("Extrais {fields_fr} de ce texte au format JSON", ANY), ("Extrahiere alle Namen und Daten aus diesem Text", ANY),
        ("Extrae los nombres y las fechas del siguiente texto", ANY), ("Извлеки все имена и даты из этого текста", ANY),
        ("从以下文本中提取所有人名和日期", ANY), ("次の文章から日付と名前をすべて抽出してください", ANY),
    ],
    "creative_writing": [
        ("Write a short poem about this {doc}", ANY), ("Turn the following {doc} into a children's story", ANY),
        ("Rewrite this {doc} as an epic ballad", ANY), ("Write a love letter inspired by this {doc}", ANY),
        ("Write a comic dialogue between two characters discussing this {doc}", ANY),
        ("Imagine a sci-fi story set in the world of this {doc}", ANY), ("Write a free verse poem from the following lines", ANY),
        ("Rewrite this {doc} in the voice of a sports commentator", ANY),
        ("Write a poem inspired by this {doc}", ANY), ("Turn this {doc} into a short story", ANY),
        ("Rewrite this {doc} as a pirate would tell it", ANY), ("Write a haiku about the following {doc}", ANY),
        ("Retell this {doc} as a fairy tale", ANY), ("Write song lyrics based on this {doc}", ANY),
        ("Rewrite the following {doc} in the style of Shakespeare", ANY), ("Write a limerick about this {doc}", ANY),
        ("Make this {doc} into a dramatic monologue", ANY), ("Write a funny parody of this {doc}", ANY),
        ("Continue this {doc} as a piece of fiction", ANY), ("Write a bedtime story that starts from this {doc}", ANY),
        ("Compose a sonnet about what this {doc} describes", ANY), ("Turn this {doc} into a rap verse", ANY),
        ("Write a screenplay scene based on this {doc}", ANY), ("Rewrite this {doc} as a noir detective story", ANY),
        ("Écris un poème inspiré de ce texte", ANY), ("Schreib eine Geschichte über diesen Text", ANY),
    ],
    "factual_question": [
        ("Who is mentioned in this {doc} and what are they known for?", ANY), ("Is this {doc} accurate?", ANY),
        ("What kind of document is this?", ANY), ("Which organisation published this?", ANY),
        ("Who wrote this {doc}?", ANY), ("When was this {doc} written?", ANY), ("Where does this {doc} come from?", ANY),
        ("Is what this {doc} says true?", ANY), ("What language is this?", ANY), ("Which country is this {doc} from?", ANY),
        ("What historical events does this {doc} refer to?", ANY), ("Who is the author of the following?", ANY),
        ("What year is this {doc} likely from?", ANY), ("What is this {doc}?", ANY),
        ("Is this {doc} fact or fiction?", ANY), ("What is the origin of the following {doc}?", ANY),
    ],
    "conversation": [
        ("so, what do you make of this", ANY), ("i just had to show someone this", ANY),
        ("Can you believe this?", ANY), ("you won't believe what I found", ANY),
        ("lol look at this", ANY), ("My friend sent me this, what do you think?", ANY), ("ugh, read this", ANY),
        ("Just wanted to share this with you", ANY), ("Haha, this made my day", ANY), ("I'm so tired of stuff like this", ANY),
        ("Thoughts?", ANY), ("Can we just chat about this for a bit?", ANY), ("Honestly, how would you feel reading this?", ANY),
        ("ok so this happened", ANY), ("Not sure why I'm sending you this, but here", ANY), ("hey, check this out", ANY),
    ],
    "math": [
        ("What is the average of the numbers in this {doc}?", ANY), ("Sum the values of each column below", ("data",)),
        ("Compute the range and the mean of these numbers", ("data",)),
        ("Compute the average of each numeric column in this CSV", ("data",)), ("What is the sum of the numbers in this {doc}?", ANY),
        ("Calculate the mean and standard deviation of the values below", ("data",)),
        ("How many lines does this {doc} have, and what fraction of them mention an error?", ("data",)),
        ("Compute the correlation between the first two numeric columns", ("data",)),
        ("Count the words in this {doc} and compute the average word length", ANY),
        ("What is the median of the numeric values in this {doc}?", ("data",)), ("Solve the equation described in this {doc}", ANY),
        ("Find the percentage change between the figures mentioned in this {doc}", ("article",)),
        ("Compute the variance of the numbers in this table", ("data",)), ("Add up every number in the following {doc}", ANY),
        ("Calculate the total and the average of the amounts in this {doc}", ANY),
    ],
}

LABELS = tuple(CORES)
# The four intents of the accuracy target (issue: summarise, translate, review code, extract).
INTENTS = ("summarization", "translation", "code", "data_extraction")

TARGET_LANGUAGES = ["French", "German", "Spanish", "Italian", "Portuguese", "Japanese", "Chinese", "Russian",
                    "Korean", "Dutch", "Polish", "Turkish", "Arabic", "Hindi", "Swedish", "Greek", "Hebrew",
                    "Thai", "Vietnamese", "Persian", "Bengali", "Ukrainian", "Indonesian", "English"]
PLANG_NAMES = {"go": "Go", "rust": "Rust", "python": "Python", "c": "C", "ruby": "Ruby", "shell": "Bash",
               "javascript": "JavaScript", "typescript": "TypeScript", "java": "Java"}
DOC_NOUNS = {
    "article": ["article", "text", "passage", "story", "report", "piece", "document", "speech"],
    "email": ["email", "e-mail", "message", "mail", "email thread"],
    "code": ["code", "file", "snippet", "module", "source file"],
    "data": ["data", "file", "records", "output", "dump"],
    "techdoc": ["documentation", "doc", "page", "README", "guide", "help page"],
    "language": ["text", "passage", "paragraph", "document"],
}
DATA_NOUNS = {"json": ["JSON", "JSON file", "JSON data"], "csv": ["CSV", "table", "spreadsheet export"],
              "log": ["log", "log file", "log excerpt", "server log"], "sql": ["SQL dump", "SQL file"]}
FIELDS = {
    "article": ["all people and organisations", "every date and place", "the names of all people",
                "all numbers and what they refer to", "the companies and countries", "all quoted statements"],
    "email": ["the sender and the date", "all email addresses", "the subject and every URL",
              "names, dates and amounts", "the phone numbers", "the mail servers in the headers"],
    "code": ["the function names and their parameters", "every imported module", "all string constants",
             "the class names", "all TODO comments"],
    "data": ["every IP address", "the timestamps", "all values of the name field", "the error messages",
             "the user names", "the numeric values", "every country code"],
    "techdoc": ["the commands and keyboard shortcuts", "all settings mentioned", "the steps",
                "every menu item", "the links and headings"],
    "language": ["the names and dates", "every number", "the key terms", "all place names"],
}
FIELDS_SHORT = ["names", "dates", "amounts", "addresses", "identifiers", "numbers"]


def _held_out(label: str, core: str) -> bool:
    digest = hashlib.sha256(("kroute-instruction:%s:%s" % (label, core)).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT


# Composed phrasings: a verb phrase, an object and a suffix. The side of a composed phrasing is that of its verb
# phrase, so a held-out composed phrasing asks with a verb never used in fitting (its object and suffix, which
# say less about the class, are shared).
COMPOSED = {
    "summarization": (
        ["Summarize", "Summarise", "Sum up", "Condense", "Recap", "Shorten", "Abridge", "Digest", "Boil down",
         "Give me the gist of", "Give me a summary of", "Write a summary of", "Make a summary of",
         "Provide a summary of", "Produce a synopsis of", "Give an overview of", "Outline the key points of",
         "List the main points of", "Highlight the key takeaways of", "Write a TL;DR of", "Write an abstract for",
         "Give me a brief of", "Briefly summarize", "Quickly summarize", "Give me a recap of", "Précis",
         "Make a short digest of", "Compress", "Tell me in short what is in"],
        ["this {doc}", "the following {doc}", "the {doc} below", "this", "the following", "what follows"],
        ["", "", " in three sentences", " in bullet points", " in one paragraph", " for a busy reader",
         " in under 100 words", " briefly", " in plain English", " for my team", " in a few lines"]),
    "translation": (
        ["Translate", "Please translate", "Can you translate", "Render", "Convert", "Put", "Turn", "Rewrite",
         "Localize", "Translate faithfully", "Carefully translate", "Quickly translate", "Help me translate",
         "Interpret", "Transcribe and translate", "Give me a translation of", "Produce a translation of",
         "Make a translation of", "Provide a translation of", "Write out", "Retranslate", "Reword"],
        ["this {doc}", "the following {doc}", "the {doc} below", "this", "the following", "everything below"],
        [" into {target}", " to {target}", " in {target}", " into {target}, keeping the tone",
         " into plain {target}", " for {target} readers", " into {target} for a colleague"]),
    "data_extraction": (
        ["Extract", "Pull out", "List", "Find", "Identify", "Get", "Grab", "Collect", "Parse out", "Return",
         "Show me", "Pick out", "Give me", "Output", "Tabulate", "Enumerate", "Retrieve", "Capture",
         "Compile a list of", "Dig out", "Scrape", "Isolate", "Mine", "Harvest", "Fish out"],
        ["{fields} from this {doc}", "{fields} from the following {doc}", "{fields} in the {doc} below",
         "{fields} from this", "{fields} from the following"],
        ["", "", " as JSON", " as a table", " as CSV", " and nothing else", " as a bulleted list", " in YAML",
         " as key-value pairs"]),
    "code": (
        ["Review", "Code-review", "Critique", "Audit", "Debug", "Refactor", "Explain", "Optimize", "Document",
         "Lint", "Check", "Inspect", "Fix", "Clean up", "Simplify", "Comment", "Improve", "Harden",
         "Write tests for", "Walk me through", "Profile", "Modernize", "Sanity-check", "Proofread",
         "Do a security review of", "Look over"],
        ["this code", "the following {plang}", "this {plang} function", "my code", "the snippet below",
         "this file", "this {plang} code", "the code below"],
        ["", "", " and suggest fixes", " for bugs", " for security issues", " for readability", " line by line",
         " and point out problems", " before I merge it", " and explain your changes"]),
}


def _composed(label: str, side: str) -> List[str]:
    if label not in COMPOSED:
        return []
    verbs, objects, suffixes = COMPOSED[label]
    written = {core for core, _ in CORES[label]}  # a written-out phrasing keeps its own side
    return ["%s %s%s" % (verb, obj, suffix) for verb in verbs if _held_out(label, verb) == (side == "heldout")
            for obj in objects for suffix in suffixes if "%s %s%s" % (verb, obj, suffix) not in written]


def fixed_cores(label: str, side: str, kind: str = None) -> List[str]:
    """The written-out phrasings of `label` on `side` that fit a payload of `kind` (None: any)."""
    chosen = []
    for core, kinds in CORES[label]:
        if (_held_out(label, core)) != (side == "heldout"):
            continue
        if kind is None or kinds == ANY or kind in kinds:
            chosen.append(core)
    return chosen


def cores(label: str, side: str, kind: str = None) -> List[str]:
    """The phrasings of `label` on `side` ("fit" or "heldout") that fit a payload of `kind` (None: any).

    Written-out phrasings and composed ones come in equal shares: each written-out phrasing is listed as
    often as needed to weigh as much as all composed ones together.
    """
    if side not in ("fit", "heldout"):
        raise ValueError("side: expected 'fit' or 'heldout', found %r" % (side,))
    if label not in CORES:
        raise ValueError("label: expected one of %s, found %r" % (", ".join(LABELS), label))
    fixed = fixed_cores(label, side, kind)
    composed = _composed(label, side) if (label != "code" or kind in (None, "code")) else []
    if fixed and composed:
        return fixed * max(1, len(composed) // len(fixed)) + composed
    return fixed + composed


_SLOT = re.compile(r"\{([a-z_]+)\}")


def fill(core: str, rng, kind: str, fmt: str) -> str:
    """The core with its slots filled for a payload of this kind and format."""
    def value(match):
        slot = match.group(1)
        if slot == "doc":
            nouns = DATA_NOUNS.get(fmt) if kind == "data" else None
            if kind == "code" and fmt in PLANG_NAMES and rng.random() < 0.4:
                return PLANG_NAMES[fmt] + " " + rng.choice(["code", "file", "function"])
            return rng.choice(nouns or DOC_NOUNS.get(kind, DOC_NOUNS["article"]))
        if slot == "target":
            return rng.choice(TARGET_LANGUAGES[:-1] if kind != "language" else TARGET_LANGUAGES[-1:] * 3
                              + TARGET_LANGUAGES[:3])
        if slot == "fields":
            return rng.choice(FIELDS.get(kind, FIELDS["article"]))
        if slot == "fields_short":
            return rng.choice(FIELDS_SHORT)
        if slot == "fields_fr":
            return rng.choice(["les noms, les dates et les montants", "toutes les adresses e-mail"])
        if slot == "plang":
            return PLANG_NAMES.get(fmt, "code") if kind == "code" else "code"
        if slot == "other_plang":
            return rng.choice([name for key, name in sorted(PLANG_NAMES.items()) if key != fmt])
        raise KeyError("unknown slot {%s} in %r" % (slot, core))
    return _SLOT.sub(value, core)


def labels_for_kind(kind: str, side: str) -> Sequence[str]:
    """Classes that have at least one phrasing on `side` fitting a payload of `kind`."""
    return [label for label in LABELS if cores(label, side, kind)]
