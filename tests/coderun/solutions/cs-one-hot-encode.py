def one_hot(values, categories=None):
    if categories is None:
        categories = sorted({v for v in values if v is not None})
    index = {c: i for i, c in enumerate(categories)}
    rows = []
    for v in values:
        row = [0] * len(categories)
        if v in index:
            row[index[v]] = 1
        rows.append(row)
    return {"columns": list(categories), "rows": rows}
