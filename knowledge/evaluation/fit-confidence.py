#!/usr/bin/env python3
"""Fits the answer-confidence model (knowledge/HelpdeskBot.Knowledge/Search/AnswerConfidence.cs).

1. Dump the best article's evidence for every labeled question of every set (sample and holdout sets):
     RELEVANCE_DUMP='/tmp/evidence-{set}.jsonl' dotnet test tests/HelpdeskBot.Tests --filter FullyQualifiedName~RelevanceEvaluation
2. python3 knowledge/evaluation/fit-confidence.py /tmp/evidence-sample.jsonl /tmp/evidence-northwind.jsonl ...

With --hybrid (dumps made with the semantic stage on, the default) the model also weighs Similarity, the sentence
model's cosine: that is AnswerConfidence.Hybrid, printed as its C# array; without, the lexical model
(dumps made with RELEVANCE_LEXICAL=1).

Each file is one knowledge base with its questions. What matters is how the model does on a knowledge base it was not
fitted on, so it is validated leaving one set out: fitted on the others, scored on the one left out. The threshold is
the one that declines at most 5% of answerable questions over those left-out scores; the coefficients are then fitted
on all sets, with the intercept shifted so that 0.5 is that threshold. Sets passed with --check are scored by the final
model only (never fitted on). Plain Python, no packages.
"""
import json, math, os, sys

FEATURES = ["Strong", "Title", "Margin", "Unknown", "Evidence"]
TARGET = 0.05  # at most this share of answerable questions declined


def load(path):
    rows = []
    for line in open(path):
        d = json.loads(line)
        features = None if d["best"] is None else [d["best"]["Evidence"][f] or 0.0 for f in FEATURES]
        rows.append((features, 1 if d["expected"] else 0))  # no best: nothing matched, declined whatever the model says
    return rows


def fit(rows, l2=0.01, iterations=4000, rate=1.0):
    rows = [r for r in rows if r[0] is not None]
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


def probability(w, b, x):
    return 0.0 if x is None else 1 / (1 + math.exp(-(b + sum(wi * xi for wi, xi in zip(w, x)))))


def declined(scored, threshold):
    answerable = [p for p, t in scored if t]; uncoverable = [p for p, t in scored if not t]
    return (sum(p < threshold for p in answerable) / len(answerable), sum(p < threshold for p in uncoverable) / len(uncoverable))


def main(args):
    if "--hybrid" in args:
        FEATURES.append("Similarity")
        args = [a for a in args if a != "--hybrid"]
    check = [a for i, a in enumerate(args) if i > 0 and args[i - 1] == "--check"]
    paths = [a for a in args if a != "--check" and a not in check]
    sets = {os.path.basename(p): load(p) for p in paths}
    left_out = {}
    for name in sets:
        w, b = fit([r for other, rows in sets.items() if other != name for r in rows])
        left_out[name] = [(probability(w, b, x), t) for x, t in sets[name]]
    pooled = [s for scored in left_out.values() for s in scored]
    answerable = sorted(p for p, t in pooled if t)
    threshold = answerable[int(TARGET * len(answerable))]

    print("leaving one set out: each scored by a model fitted on the others")
    print("threshold  " + "  ".join(f"{n[:22]:>22}" for n in sets) + "   (answerable / uncoverable declined)")
    for k in list(range(10, 91, 10)) + [round(threshold * 100, 1)]:
        t = k / 100
        cells = []
        for name in sets:
            a, u = declined(left_out[name], t)
            cells.append(f"{a:10.3f} / {u:.3f}")
        print(f"  {t:.3f}   " + "  ".join(f"{c:>22}" for c in cells) + ("   <- chosen" if k == round(threshold * 100, 1) else ""))

    w, b = fit([r for rows in sets.values() for r in rows])
    shifted = b - math.log(threshold / (1 - threshold))
    print(f"\nchosen threshold {threshold:.3f} (at most {TARGET:.0%} of answerable questions declined, left-out scores pooled)")
    print("coefficients fitted on all sets (0.5 = that threshold):")
    print(f"Intercept = {shifted:.2f}")
    for name, value in zip(FEATURES, w):
        print(f"{name}Weight = {value:.2f}")
    print("as an array: [" + ", ".join(f"{v:.2f}" for v in [shifted] + w) + "]")
    for path in check:
        a, u = declined([(probability(w, shifted, x), t) for x, t in load(path)], 0.5)
        print(f"check {os.path.basename(path)} (not fitted on): answerable declined {a:.3f}, uncoverable declined {u:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
