import math


def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def logistic_step(weights, bias, X, y, lr):
    n = len(X)
    if n == 0:
        return {"weights": list(weights), "bias": bias}
    grad_w = [0.0] * len(weights)
    grad_b = 0.0
    for row, target in zip(X, y, strict=True):
        z = sum(w * v for w, v in zip(weights, row, strict=True)) + bias
        err = _sigmoid(z) - target
        for j, v in enumerate(row):
            grad_w[j] += err * v
        grad_b += err
    return {
        "weights": [w - lr * g / n for w, g in zip(weights, grad_w, strict=True)],
        "bias": bias - lr * grad_b / n,
    }
