def fit_linear_gd(x, y, lr, epochs):
    n = len(x)
    w = b = 0.0
    if n == 0:
        return [w, b]
    for _ in range(epochs):
        errors = [w * xi + b - yi for xi, yi in zip(x, y, strict=True)]
        dw = 2.0 / n * sum(e * xi for e, xi in zip(errors, x, strict=True))
        db = 2.0 / n * sum(errors)
        w -= lr * dw
        b -= lr * db
    return [w, b]
