def retrieval_metrics(results: dict[str, list[str]], relevant: dict[str, list[str]],
                      k: int) -> dict[str, float]:
    """Mean recall@k and mean reciprocal rank (within the top k) over the evaluated queries."""
    recalls: list[float] = []
    reciprocal_ranks: list[float] = []
    for query, judged in relevant.items():
        wanted = set(judged)
        if not wanted:
            continue
        ranked = list(dict.fromkeys(results.get(query, [])))[:k]
        recalls.append(len(wanted.intersection(ranked)) / len(wanted))
        rr = 0.0
        for rank, doc in enumerate(ranked, start=1):
            if doc in wanted:
                rr = 1.0 / rank
                break
        reciprocal_ranks.append(rr)
    if not recalls:
        return {"recall_at_k": 0.0, "mrr": 0.0}
    return {"recall_at_k": sum(recalls) / len(recalls),
            "mrr": sum(reciprocal_ranks) / len(reciprocal_ranks)}
