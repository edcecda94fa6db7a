import math


def nb_predict(docs, labels, query, alpha=1.0):
    class_docs = {}
    word_counts = {}
    totals = {}
    vocab = set()
    for doc, label in zip(docs, labels, strict=True):
        class_docs[label] = class_docs.get(label, 0) + 1
        counts = word_counts.setdefault(label, {})
        for w in doc:
            counts[w] = counts.get(w, 0) + 1
            totals[label] = totals.get(label, 0) + 1
            vocab.add(w)
    if not class_docs:
        return {"label": None, "log_scores": {}}
    n_docs = sum(class_docs.values())
    v = len(vocab)
    scores = {}
    for label in class_docs:
        score = math.log(class_docs[label] / n_docs)
        denom = totals.get(label, 0) + alpha * v
        for w in query:
            if w in vocab:
                score += math.log((word_counts[label].get(w, 0) + alpha) / denom)
        scores[label] = score
    best = min(scores, key=lambda c: (-scores[c], c))
    return {"label": best, "log_scores": scores}
