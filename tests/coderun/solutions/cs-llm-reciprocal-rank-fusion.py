def rrf(rankings: list[list[str]], k: int = 60, top_n: int | None = None) -> list[str]:
    """Reciprocal rank fusion of several best-first lists of document ids."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        seen: set[str] = set()
        for rank, doc in enumerate(ranking, start=1):
            if doc in seen:
                continue
            seen.add(doc)
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    ordered = sorted(scores, key=lambda doc: (-scores[doc], doc))
    return ordered if top_n is None else ordered[:top_n]
