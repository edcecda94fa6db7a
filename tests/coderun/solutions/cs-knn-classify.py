def knn_predict(train_x, train_y, query, k):
    dists = []
    for i, row in enumerate(train_x):
        d = sum((a - b) ** 2 for a, b in zip(row, query, strict=True))
        dists.append((d, i))
    dists.sort()
    neighbours = [train_y[i] for _, i in dists[:k]]
    if not neighbours:
        return None
    votes = {}
    for label in neighbours:
        votes[label] = votes.get(label, 0) + 1
    best = max(votes.values())
    for label in neighbours:  # nearest first: the closest tied label wins
        if votes[label] == best:
            return label
    return None
