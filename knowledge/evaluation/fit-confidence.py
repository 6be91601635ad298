#!/usr/bin/env python3
"""Fits the answer-confidence model (knowledge/HelpdeskBot.Knowledge/Search/AnswerConfidence.cs).

1. Dump the best article's evidence for every labeled question:
     RELEVANCE_DUMP=/tmp/evidence.jsonl dotnet test tests/HelpdeskBot.Tests --filter FullyQualifiedName~RelevanceEvaluation
2. python3 knowledge/evaluation/fit-confidence.py /tmp/evidence.jsonl

Prints 5-fold cross-validated decline rates per threshold (what to expect on questions the fit has not seen), and
the coefficients fitted on all questions, with the intercept shifted so that 0.5 is the chosen operating point:
the threshold that declines at most 5% of answerable questions in cross-validation. Plain Python, no packages.
"""
import json, math, random, sys

FEATURES = ["Strong", "Title", "Margin", "Unknown", "Evidence"]


def load(path):
    rows = []
    for line in open(path):
        d = json.loads(line)
        if d["best"] is None:
            continue  # nothing matched at all: declined whatever the model says
        rows.append(([d["best"]["Evidence"][f] for f in FEATURES], 1 if d["expected"] else 0))
    return rows


def fit(rows, l2=0.01, iterations=4000, rate=1.0):
    X = [x for x, _ in rows]; y = [t for _, t in rows]; n, m = len(X), len(X[0])
    mean = [sum(x[j] for x in X) / n for j in range(m)]
    sd = [max(1e-6, (sum((x[j] - mean[j]) ** 2 for x in X) / n) ** 0.5) for j in range(m)]
    Z = [[(x[j] - mean[j]) / sd[j] for j in range(m)] for x in X]
    pos = sum(y); weight = {1: n / (2 * pos), 0: n / (2 * (n - pos))}  # balance the classes
    w = [0.0] * m; b = 0.0
    for _ in range(iterations):
        gw = [0.0] * m; gb = 0.0
        for x, t in zip(Z, y):
            e = (1 / (1 + math.exp(-(b + sum(wi * xi for wi, xi in zip(w, x))))) - t) * weight[t]
            gb += e
            for j in range(m):
                gw[j] += e * x[j]
        b -= rate * gb / n
        for j in range(m):
            w[j] -= rate * (gw[j] / n + l2 * w[j])
    return [w[j] / sd[j] for j in range(m)], b - sum(w[j] * mean[j] / sd[j] for j in range(m))


def z(w, b, x):
    return b + sum(wi * xi for wi, xi in zip(w, x))


def main(path):
    rows = load(path)
    order = list(range(len(rows))); random.Random(1).shuffle(order)
    cv = [0.0] * len(rows)
    for fold in range(5):
        test = set(order[fold::5])
        w, b = fit([rows[i] for i in range(len(rows)) if i not in test])
        for i in test:
            cv[i] = 1 / (1 + math.exp(-z(w, b, rows[i][0])))
    answerable = [p for p, (_, t) in zip(cv, rows) if t]; uncoverable = [p for p, (_, t) in zip(cv, rows) if not t]
    chosen = None
    print("threshold  answerable declined  uncoverable declined   (5-fold cross-validation)")
    for k in range(5, 96, 5):
        threshold = k / 100
        a = sum(p < threshold for p in answerable) / len(answerable)
        u = sum(p < threshold for p in uncoverable) / len(uncoverable)
        print(f"  {threshold:.2f}     {a:.3f}                {u:.3f}")
        if a <= 0.05:
            chosen = threshold
    w, b = fit(rows)
    shifted = b - math.log(chosen / (1 - chosen))
    print(f"\nchosen threshold {chosen:.2f}; coefficients (0.5 = that threshold):")
    print(f"Intercept = {shifted:.2f}")
    for name, value in zip(FEATURES, w):
        print(f"{name}Weight = {value:.2f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/evidence.jsonl")
