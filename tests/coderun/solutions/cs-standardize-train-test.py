import math


def standardize(train, test):
    n = len(train)
    if n == 0:
        return {"train": [], "test": [], "mean": None, "std": None}
    mean = sum(train) / n
    std = math.sqrt(sum((x - mean) ** 2 for x in train) / n)
    scale = std if std > 0 else 1.0
    return {
        "train": [(x - mean) / scale for x in train],
        "test": [(x - mean) / scale for x in test],
        "mean": mean,
        "std": std,
    }
