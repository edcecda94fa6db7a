def _majority(pos, count):
    """Majority label of a side and its errors; a tie goes to label 0."""
    label = 1 if pos > count - pos else 0
    return label, (count - pos if label == 1 else pos)


def best_stump(x, y):
    n = len(x)
    if n == 0:
        return {"threshold": None, "left": None, "right": None, "errors": 0}
    pairs = sorted(zip(x, y, strict=True))
    total_pos = sum(y)
    label, errors = _majority(total_pos, n)
    best = {"threshold": None, "left": label, "right": label, "errors": errors}
    found = False
    left_pos = 0
    for i in range(n - 1):
        left_pos += pairs[i][1]
        if pairs[i][0] == pairs[i + 1][0]:
            continue
        left_label, left_err = _majority(left_pos, i + 1)
        right_label, right_err = _majority(total_pos - left_pos, n - i - 1)
        if not found or left_err + right_err < best["errors"]:
            found = True
            best = {
                "threshold": (pairs[i][0] + pairs[i + 1][0]) / 2,
                "left": left_label,
                "right": right_label,
                "errors": left_err + right_err,
            }
    return best
