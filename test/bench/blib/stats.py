"""Figures: medians, ranges, percentiles, ratios (pure functions)."""


def median(xs):
    xs = sorted(xs)
    if not xs:
        return None
    m = len(xs) // 2
    return xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2


def percentile(xs, p):
    """Nearest-rank percentile p (0-100) of xs, or None if empty."""
    xs = sorted(xs)
    if not xs:
        return None
    k = max(0, min(len(xs) - 1, int(round(p / 100 * len(xs) + 0.5)) - 1))
    return xs[k]


def fmt(x, digits=2):
    if x is None:
        return "n/a"
    if isinstance(x, int):
        return str(x)
    return f"{x:.{digits}f}"


def summary(xs, digits=2):
    """"median (min..max, n=K)" of the values that are not None."""
    xs = [x for x in xs if x is not None]
    if not xs:
        return "n/a"
    if len(xs) == 1:
        return fmt(xs[0], digits)
    return (f"{fmt(median(xs), digits)} ({fmt(min(xs), digits)}.."
            f"{fmt(max(xs), digits)}, n={len(xs)})")


def ratio(ours, ref):
    """ours/keepalived of the medians, as text."""
    o = median([x for x in ours if x is not None])
    r = median([x for x in ref if x is not None])
    if o is None or r is None:
        return "n/a"
    if r == 0:
        return "n/a (keepalived 0)" if o else "1.00"
    return f"{o / r:.2f}"
