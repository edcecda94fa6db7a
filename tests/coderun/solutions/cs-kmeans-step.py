def kmeans_step(points, centroids):
    assignments = []
    sums = [[0.0] * len(c) for c in centroids]
    counts = [0] * len(centroids)
    for p in points:
        best, best_d = 0, None
        for j, c in enumerate(centroids):
            d = sum((a - b) ** 2 for a, b in zip(p, c, strict=True))
            if best_d is None or d < best_d:
                best, best_d = j, d
        assignments.append(best)
        counts[best] += 1
        for dim, v in enumerate(p):
            sums[best][dim] += v
    new_centroids = []
    for j, c in enumerate(centroids):
        if counts[j] == 0:
            new_centroids.append(list(c))
        else:
            new_centroids.append([s / counts[j] for s in sums[j]])
    return {"assignments": assignments, "centroids": new_centroids}
