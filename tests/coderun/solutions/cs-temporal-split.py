def temporal_split(rows, test_size):
    ordered = sorted(rows, key=lambda r: r["date"])
    n = len(ordered)
    if test_size <= 0 or n == 0:
        return {"train": [r["id"] for r in ordered], "test": []}
    if test_size >= n:
        return {"train": [], "test": [r["id"] for r in ordered]}
    cutoff = ordered[n - test_size]["date"]
    return {
        "train": [r["id"] for r in ordered if r["date"] < cutoff],
        "test": [r["id"] for r in ordered if r["date"] >= cutoff],
    }
