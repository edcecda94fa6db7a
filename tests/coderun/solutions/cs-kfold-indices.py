def kfold_indices(n, k):
    if k < 2 or k > n:
        return []
    base, extra = divmod(n, k)
    folds = []
    start = 0
    for f in range(k):
        size = base + (1 if f < extra else 0)
        test = list(range(start, start + size))
        train = list(range(0, start)) + list(range(start + size, n))
        folds.append({"train": train, "test": test})
        start += size
    return folds
