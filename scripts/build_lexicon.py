"""Build interview/scoring/data/lexicon.json.gz from a WordNet 3.0 database.

    uv run python scripts/build_lexicon.py [--wordnet DIR] [--out FILE]

DIR holds the WordNet 3.0 database files (index.noun, data.noun, ..., noun.exc,
verb.exc, cntlist.rev); Debian's ``wordnet-base`` package installs them under
/usr/share/wordnet. The script is run by a maintainer when the lexicon changes; the
scorer only reads its output and never needs WordNet at run time.

The lexicon is deliberately conservative (raw WordNet synonymy is noisy: its first sense of
"bias" is "prejudice"). It keeps:

- ``pos``: single-word lemmas by part of speech (n, v, a, r), for the light part-of-speech
  heuristics ("I <verb> <object>", noun phrases of auto-rubrics);
- ``exc``: irregular noun and verb forms -> lemma (noun.exc, verb.exc), leaving out forms
  that are themselves nouns ("left", "saw", "data"), which would be ambiguous;
- ``syn``: synonym groups. A synset becomes a group only with at least two members for which
  it is the *dominant* sense: the word's first sense, tagged at least MIN_TAGS times in the
  SemCor counts and at least DOMINANT_SHARE of the word's tagged uses, or the word's only
  sense. The scorer further refuses WordNet synonyms for its ML domain terms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import defaultdict
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
MIN_TAGS = 3
DOMINANT_SHARE = 0.6
MAX_MEMBER_WORDS = 3
_WORD = re.compile(r"^[a-z][a-z'-]*$")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "interview" / "scoring" / "data" / "lexicon.json.gz"


def read_index(wn: Path, pos: str) -> dict[str, list[str]]:
    """lemma -> synset offsets in sense order (most frequent first)."""
    out: dict[str, list[str]] = {}
    for line in (wn / f"index.{POS_FILES[pos]}").read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        parts = line.split()
        lemma, synset_cnt, p_cnt = parts[0], int(parts[2]), int(parts[3])
        offsets = parts[4 + p_cnt + 2:]
        out[lemma] = offsets[:synset_cnt]
    return out


def read_counts(wn: Path) -> dict[tuple[str, str], dict[int, int]]:
    """(lemma, pos) -> {sense number: SemCor tag count}."""
    ss = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    out: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for line in (wn / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        key, num, cnt = parts
        lemma, _, rest = key.partition("%")
        out[(lemma, ss.get(rest[:1], "?"))][int(num)] = int(cnt)
    return out


def read_synset_members(wn: Path, pos: str) -> dict[str, list[str]]:
    """synset offset -> member lemmas (lowercase, underscores as spaces)."""
    out: dict[str, list[str]] = {}
    for line in (wn / f"data.{POS_FILES[pos]}").read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        parts = line.split()
        n = int(parts[3], 16)
        # Capitalised members are names (places, people, genera): not synonyms of anything.
        words = [w.replace("_", " ") for w in
                 (re.sub(r"\(.*\)$", "", parts[4 + 2 * i]) for i in range(n)) if w.islower()]
        out[parts[0]] = list(dict.fromkeys(words))
    return out


def dominant(lemma: str, pos: str, offsets: list[str],
             counts: dict[tuple[str, str], dict[int, int]]) -> str | None:
    """The lemma's dominant synset offset, or None when its senses are too spread."""
    if not offsets:
        return None
    c = counts.get((lemma.replace(" ", "_"), pos), {})
    total = sum(c.values())
    first = c.get(1, 0)
    if len(offsets) == 1:
        # A word with one sense is safe, but only if people use it (tagged in SemCor).
        return offsets[0] if first >= 1 else None
    if first >= MIN_TAGS and first >= DOMINANT_SHARE * total:
        return offsets[0]
    return None


def build(wn: Path) -> dict[str, object]:
    counts = read_counts(wn)
    pos_words: dict[str, list[str]] = {}
    groups: list[str] = []
    seen_groups: set[str] = set()
    for pos in POS_FILES:
        index = read_index(wn, pos)
        pos_words[pos] = sorted(w for w in index if _WORD.match(w))
        members = read_synset_members(wn, pos)
        for offset, words in members.items():
            ok = []
            for w in words:
                if len(w.split()) > MAX_MEMBER_WORDS or not all(_WORD.match(p) for p in w.split()):
                    continue
                if dominant(w.replace(" ", "_"), pos, index.get(w.replace(" ", "_"), []),
                            counts) == offset:
                    ok.append(w)
            if len(ok) >= 2:
                key = "|".join(sorted(ok))
                if key not in seen_groups:
                    seen_groups.add(key)
                    groups.append(f"{pos}:" + "|".join(ok))
    nouns = set(pos_words["n"])
    exc: dict[str, str] = {}
    for pos in ("n", "v"):
        for line in (wn / f"{POS_FILES[pos]}.exc").read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) < 2 or not _WORD.match(parts[0]) or "_" in parts[0]:
                continue
            form, base = parts[0], parts[1].replace("_", " ")
            if form in nouns or form == base or form in exc:
                continue
            exc[form] = base
    return {
        "source": "WordNet 3.0 (Princeton University), see interview/scoring/data/LICENSE-WordNet",
        "pos": {p: " ".join(ws) for p, ws in pos_words.items()},
        "exc": " ".join(f"{k} {v.replace(' ', '_')}" for k, v in sorted(exc.items())),
        "syn": "\n".join(sorted(groups)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    if not (args.wordnet / "index.noun").exists():
        print(f"{args.wordnet}: no WordNet 3.0 database here (index.noun missing)")
        return 2
    data = build(args.wordnet)
    pos = data.pop("pos")
    assert isinstance(pos, dict)
    # What scoring needs on every answer (verbs, irregular forms, synonyms) is kept apart
    # from the noun/adjective/adverb lists that only auto-rubrics read, so it loads fast.
    data["pos"] = {"v": pos["v"]}
    other = {"source": data["source"], "pos": {k: v for k, v in pos.items() if k != "v"}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for path, obj in ((args.out, data), (args.out.with_name("lexicon_pos.json.gz"), other)):
        raw = json.dumps(obj, ensure_ascii=True, sort_keys=True).encode()
        # mtime=0: the same input gives byte-identical output.
        with path.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0,
                                                   compresslevel=9) as gz:
            gz.write(raw)
        print(f"{path}: {path.stat().st_size:,} bytes gzip ({len(raw):,} raw)")
    n_syn = str(data["syn"]).count("\n") + 1 if data["syn"] else 0
    print(f"{n_syn:,} synonym groups")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
