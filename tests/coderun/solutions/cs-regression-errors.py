import math


def regression_errors(y_true, y_pred):
    if not y_true:
        return {"rmse": None, "mae": None}
    n = len(y_true)
    errors = [p - t for t, p in zip(y_true, y_pred, strict=True)]
    return {
        "rmse": math.sqrt(sum(e * e for e in errors) / n),
        "mae": sum(abs(e) for e in errors) / n,
    }
