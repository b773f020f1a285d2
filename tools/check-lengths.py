#!/usr/bin/env python3
"""Lists Java classes and methods over the project's length limits.

    python3 tools/check-lengths.py [--max-class 450] [--max-method 60] [PATH ...]

PATH is a source folder or a .java file; the default is every module's src/main/java under the repository root.
A class is measured by the lines of its file; a method or constructor from the line of its name to the line of
its closing brace. Methods are found by brace matching on the source with comments, strings and character
literals blanked out: a name, its parameter list, an optional throws clause, then the opening brace. Lambdas,
anonymous classes, initializer blocks and control statements are not methods (a lambda's lines count towards the
method that holds it).

The measured hot loops listed in ALLOWED may exceed the method limit: splitting them costs time (JMH; see
docs/architecture.md). Exit status 0 when nothing is over a limit, 1 otherwise.
"""

import argparse
import pathlib
import re
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent

# Class -> the measured hot loops that may exceed the method limit; CLASS also lets the class exceed its limit
# (WordTokenizer is over it by the length of its scanning loop).
CLASS = "<class>"
ALLOWED = {
    "WordTokenizer": {"scanRange", CLASS},
    "TermIndex": {"indexOf", "indexOfTokens"},
    "LinearScores": {"scores"},
}

CONTROL = {"if", "for", "while", "switch", "catch", "synchronized", "try", "return", "throw", "else", "do",
           "new", "assert", "case", "yield"}
SIGNATURE_END = re.compile(r"\)\s*(?:throws\s+[\w.$<>,?\s]+?)?\s*\{")
COMPACT_CONSTRUCTOR = re.compile(r"\b(?:public|protected|private)\s+([A-Z][\w$]*)\s*\{")
IDENTIFIER_BEFORE = re.compile(r"([A-Za-z_$][\w$]*)\s*$")


def blank(source):
    """The source with comments, strings, text blocks and char literals replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            end = source.find("\n", i)
            end = n if end < 0 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            end = n if end < 0 else end + 2
        elif source.startswith('"""', i):
            end = source.find('"""', i + 3)
            end = n if end < 0 else end + 3
        elif c in "\"'":
            end = i + 1
            while end < n and source[end] != c and source[end] != "\n":
                end += 2 if source[end] == "\\" else 1
            end = min(end + 1, n)
        else:
            out.append(c)
            i += 1
            continue
        out.append(re.sub(r"[^\n]", " ", source[i:end]))
        i = end
    return "".join(out)


def matching(text, start, open_char, close_char, step):
    """Index of the bracket matching the one at start, scanning forward (step 1) or backward (step -1)."""
    depth = 0
    i = start
    while 0 <= i < len(text):
        if text[i] == open_char:
            depth += 1
        elif text[i] == close_char:
            depth -= 1
            if depth == 0:
                return i
        i += step
    return -1


def method_name(text, paren_close):
    """The name of the method whose parameter list closes at paren_close, or None for anything else."""
    paren_open = matching(text, paren_close, ")", "(", -1)
    if paren_open < 0:
        return None
    before = text[:paren_open]
    found = IDENTIFIER_BEFORE.search(before)
    if not found:
        return None
    name = found.group(1)
    preceding = before[:found.start()].rstrip()
    if name in CONTROL or name.isupper() or preceding.endswith(".") or re.search(r"\b(new|record|class)$", preceding):
        return None
    if not re.search(r"[\w$>\]);{}]$", preceding):
        return None
    return name, found.start(1)


def methods(text):
    """(name, first line, last line) of every method and constructor, nested classes' included."""
    found = []
    for match in SIGNATURE_END.finditer(text):
        named = method_name(text, match.start())
        if named:
            brace = match.end() - 1
            found.append((named[0], named[1], brace))
    for match in COMPACT_CONSTRUCTOR.finditer(text):
        found.append((match.group(1), match.start(1), match.end() - 1))
    result = []
    for name, name_at, brace in found:
        end = matching(text, brace, "{", "}", 1)
        if end >= 0:
            result.append((name, text.count("\n", 0, name_at) + 1, text.count("\n", 0, end) + 1))
    return result


def java_files(paths):
    if not paths:
        paths = sorted(REPO.glob("*/src/main/java"))
    for path in map(pathlib.Path, paths):
        if path.is_file():
            yield path
        else:
            yield from sorted(path.rglob("*.java"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-class", type=int, default=450, help="most lines per class file (default: 450)")
    parser.add_argument("--max-method", type=int, default=60, help="most lines per method (default: 60)")
    parser.add_argument("paths", nargs="*", help="source folders or files (default: every */src/main/java)")
    args = parser.parse_args()
    offenders = 0
    for file in java_files(args.paths):
        source = file.read_text(encoding="utf-8")
        shown = file.resolve().relative_to(REPO) if file.resolve().is_relative_to(REPO) else file
        lines = source.count("\n") + (0 if source.endswith("\n") else 1)
        allowed = ALLOWED.get(file.stem, set())
        if lines > args.max_class and CLASS not in allowed:
            print(f"{shown}: class {file.stem} has {lines} lines (limit {args.max_class})")
            offenders += 1
        for name, first, last in methods(blank(source)):
            length = last - first + 1
            if length > args.max_method and name not in allowed:
                print(f"{shown}:{first}: method {file.stem}.{name} has {length} lines (limit {args.max_method})")
                offenders += 1
    print(f"{offenders} over the limits" if offenders else "nothing over the limits", file=sys.stderr)
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
