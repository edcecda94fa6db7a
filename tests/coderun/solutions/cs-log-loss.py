import math


def log_loss(y_true, y_prob, eps=1e-15):
    if not y_true:
        return None
    total = 0.0
    for y, p in zip(y_true, y_prob, strict=True):
        p = min(max(p, eps), 1 - eps)
        total += -(y * math.log(p) + (1 - y) * math.log(1 - p))
    return total / len(y_true)
