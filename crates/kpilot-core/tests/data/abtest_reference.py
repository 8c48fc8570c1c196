"""Reference values for kpilot's A/B test statistics (kpilot_core::abtest),
written to abtest_reference.json beside this script.

- frequentist, sequential: GrowthBook's gbstats (TwoSidedTTest and
  SequentialTwoSidedTTest, relative difference). The cases are GrowthBook's
  own (packages/stats/tests/frequentist/test_tests.py, with the values that
  test publishes, rounded to 5 decimals) and kpilot's own.
- bayesian_proportion: P(treatment > control) and E[max(control - treatment, 0)]
  for Beta(1 + conversions, 1 + visitors - conversions) posteriors, by
  numerical integration (scipy.integrate.quad over the Beta densities and
  distribution functions), independent of the closed forms kpilot uses; with
  gbstats's normal approximation (absolute difference, no prior) for
  comparison only.
- bayesian_mean: gbstats's EffectBayesianABTest, absolute difference,
  improper flat prior (chance to win, risk of the treatment).
- srm: scipy.stats.chisquare, and gbstats's check_srm.
- sample_size: Evan Miller's formula (num_subjects in his calculator's
  sample-size-fixed.js, ported below), and statsmodels' NormalIndPower on
  Cohen's h for comparison; sample_size_mean: the normal formula and
  statsmodels' NormalIndPower on delta / sigma.

Run: pip install gbstats==0.8.0 scipy statsmodels; python3 abtest_reference.py
(gbstats 0.8.0 needs numpy < 2 and pandas < 2: a virtual environment helps).
"""
import importlib.metadata
import json
import math
import os

from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig
from gbstats.frequentist.tests import (
    FrequentistConfig,
    SequentialConfig,
    SequentialTwoSidedTTest,
    TwoSidedTTest,
)
from gbstats.models.statistics import ProportionStatistic, SampleMeanStatistic
from gbstats.utils import check_srm
from scipy import integrate, stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

HERE = os.path.dirname(os.path.abspath(__file__))


def proportion(visitors, conversions):
    return {"kind": "proportion", "visitors": visitors, "sum": conversions, "sum_squares": conversions}


def mean(visitors, sum_, sum_squares):
    return {"kind": "mean", "visitors": visitors, "sum": sum_, "sum_squares": sum_squares}


def mean_from(visitors, average, std_dev):
    """A mean metric's sums from its average and sample standard deviation."""
    return mean(visitors, visitors * average, (visitors - 1) * std_dev**2 + visitors * average**2)


def statistic(sample):
    if sample["kind"] == "proportion":
        return ProportionStatistic(n=sample["visitors"], sum=sample["sum"])
    return SampleMeanStatistic(n=sample["visitors"], sum=sample["sum"], sum_squares=sample["sum_squares"])


def interval(result):
    assert result.error_message is None, result.error_message
    return {
        "lift": result.expected,
        "ci_low": result.ci[0],
        "ci_high": result.ci[1],
        "p_value": result.p_value,
    }


# GrowthBook's published cases (gbstats tests/frequentist/test_tests.py).
GROWTHBOOK_FREQUENTIST = [
    (
        "growthbook test_two_sided_ttest",
        mean(3407, 1396.87, 52377.9767),
        mean(3461, 2422.7, 134698.29),
        {"lift": 0.70732, "ci_low": -0.03526, "ci_high": 1.44989, "p_value": 0.06191},
    ),
    (
        "growthbook test_two_sided_ttest_binom",
        proportion(28, 14),
        proportion(30, 16),
        {"lift": 0.06667, "ci_low": -0.47767, "ci_high": 0.61101, "p_value": 0.80707},
    ),
]
GROWTHBOOK_SEQUENTIAL = [
    (
        "growthbook test_sequential_test_runs",
        mean(3000, 1396.87, 52377.9767),
        mean(3461, 2422.7, 134698.29),
        1000,
        {"lift": 0.50336, "ci_low": -0.55844, "ci_high": 1.56516, "p_value": 1.0},
    ),
    (
        "growthbook test_sequential_test_runs_prop",
        proportion(3000, 1396),
        proportion(3461, 2422),
        5000,
        {"lift": 0.50386, "ci_low": 0.40098, "ci_high": 0.60675, "p_value": 0.0},
    ),
]

# kpilot's own: small and large samples, proportions and means, negative
# lifts, other alphas, a p-value far in the tail.
OWN = [
    ("small proportions", proportion(60, 5), proportion(58, 9), 0.05),
    ("proportions, positive lift", proportion(4000, 200), proportion(4000, 240), 0.05),
    ("proportions, negative lift", proportion(20000, 1200), proportion(20000, 1080), 0.05),
    ("large proportions, 20 000 conversions", proportion(1000000, 20000), proportion(1000000, 20400), 0.05),
    ("proportions, unequal sizes", proportion(3000, 150), proportion(1200, 80), 0.05),
    ("proportions, p-value far in the tail", proportion(10000, 500), proportion(10000, 800), 0.05),
    ("proportions, alpha 0.1", proportion(5000, 300), proportion(5000, 340), 0.1),
    ("revenue per visitor", mean_from(1000, 2.5, 12.0), mean_from(1000, 3.1, 14.0), 0.05),
    ("revenue per visitor, negative lift, large", mean_from(50000, 10.0, 30.0), mean_from(50000, 9.6, 29.0), 0.05),
    ("means, small samples", mean_from(12, 40.0, 10.0), mean_from(15, 47.0, 12.0), 0.05),
    ("means, unequal variances", mean_from(200, 5.0, 1.0), mean_from(3000, 5.3, 8.0), 0.05),
    ("means, alpha 0.01", mean_from(8000, 1.2, 3.5), mean_from(8100, 1.32, 3.9), 0.01),
]

frequentist = []
for name, control, treatment, published in GROWTHBOOK_FREQUENTIST:
    result = TwoSidedTTest(statistic(control), statistic(treatment), FrequentistConfig(alpha=0.05)).compute_result()
    frequentist.append(
        {"name": name, "control": control, "treatment": treatment, "alpha": 0.05, **interval(result), "published": published}
    )
for name, control, treatment, alpha in OWN:
    result = TwoSidedTTest(statistic(control), statistic(treatment), FrequentistConfig(alpha=alpha)).compute_result()
    frequentist.append({"name": name, "control": control, "treatment": treatment, "alpha": alpha, **interval(result)})

sequential = []
for name, control, treatment, tuning, published in GROWTHBOOK_SEQUENTIAL:
    config = SequentialConfig(alpha=0.05, sequential_tuning_parameter=tuning)
    result = SequentialTwoSidedTTest(statistic(control), statistic(treatment), config).compute_result()
    sequential.append(
        {
            "name": name,
            "control": control,
            "treatment": treatment,
            "alpha": 0.05,
            "tuning": tuning,
            **interval(result),
            "published": published,
        }
    )
for index, (name, control, treatment, alpha) in enumerate(OWN):
    tuning = [5000, 1000, 20000][index % 3]
    config = SequentialConfig(alpha=alpha, sequential_tuning_parameter=tuning)
    result = SequentialTwoSidedTTest(statistic(control), statistic(treatment), config).compute_result()
    sequential.append(
        {"name": name, "control": control, "treatment": treatment, "alpha": alpha, "tuning": tuning, **interval(result)}
    )


def window(a, b, width=40.0):
    mean_ = a / (a + b)
    sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    return max(0.0, mean_ - width * sd), min(1.0, mean_ + width * sd), mean_


def quad(function, low, high, points):
    points = sorted(p for p in set(points) if low < p < high)
    value, error = integrate.quad(function, low, high, points=points or None, epsabs=1e-16, epsrel=1e-12, limit=2000)
    return value, error


def beta_binomial(control, treatment):
    """P(p_t > p_c) and E[max(p_c - p_t, 0)] by quadrature."""
    a_c, b_c = 1 + control["sum"], 1 + control["visitors"] - control["sum"]
    a_t, b_t = 1 + treatment["sum"], 1 + treatment["visitors"] - treatment["sum"]
    c = stats.beta(a_c, b_c)
    t = stats.beta(a_t, b_t)
    low_c, high_c, mean_c = window(a_c, b_c)
    low_t, high_t, mean_t = window(a_t, b_t)
    # P(p_t > p_c) = integral of f_c(x) P(p_t > x).
    chance, chance_error = quad(lambda x: c.pdf(x) * t.sf(x), low_c, high_c, [mean_c, mean_t])
    # E[max(p_c - p_t, 0)] = integral over x of P(p_t < x < p_c), as
    # max(u - v, 0) is the length of the set of x with v < x < u.
    loss, loss_error = quad(
        lambda x: t.cdf(x) * c.sf(x),
        max(0.0, min(low_c, low_t)),
        min(1.0, max(high_c, high_t)),
        [mean_c, mean_t],
    )
    return chance, chance_error, loss, loss_error


BAYESIAN_PROPORTION = [
    ((100, 10), (100, 15)),
    ((40, 3), (35, 1)),
    ((4000, 200), (4000, 240)),
    ((20000, 1200), (20000, 1080)),
    ((1000000, 20000), (1000000, 20400)),
    ((1000000, 20000), (1000000, 19000)),
    ((100000, 20000), (100000, 20500)),
    ((1000, 900), (1000, 950)),
    ((50, 0), (50, 0)),
    ((50, 50), (50, 49)),
    ((10000, 100), (10000, 300)),
    ((10000, 300), (10000, 100)),
    ((1, 0), (1, 1)),
]
bayesian_proportion = []
for (n_c, x_c), (n_t, x_t) in BAYESIAN_PROPORTION:
    control, treatment = proportion(n_c, x_c), proportion(n_t, x_t)
    chance, chance_error, loss, loss_error = beta_binomial(control, treatment)
    case = {
        "control": control,
        "treatment": treatment,
        "chance_to_win": chance,
        "chance_to_win_quad_error": chance_error,
        "expected_loss": loss,
        "expected_loss_quad_error": loss_error,
    }
    gb = EffectBayesianABTest(
        statistic(control), statistic(treatment), EffectBayesianConfig(difference_type="absolute")
    ).compute_result()
    if gb.error_message is None:
        case["gbstats_normal_chance_to_win"] = gb.chance_to_win
        case["gbstats_normal_expected_loss"] = gb.risk[1]
    bayesian_proportion.append(case)

BAYESIAN_MEAN = [
    (mean_from(1000, 2.5, 12.0), mean_from(1000, 3.1, 14.0)),
    (mean_from(50000, 10.0, 30.0), mean_from(50000, 9.6, 29.0)),
    (mean_from(12, 40.0, 10.0), mean_from(15, 47.0, 12.0)),
    (mean_from(200, 5.0, 1.0), mean_from(3000, 5.3, 8.0)),
    (mean(3407, 1396.87, 52377.9767), mean(3461, 2422.7, 134698.29)),
    (mean_from(5000, 20.0, 5.0), mean_from(5000, 21.0, 5.0)),
]
bayesian_mean = []
for control, treatment in BAYESIAN_MEAN:
    gb = EffectBayesianABTest(
        statistic(control), statistic(treatment), EffectBayesianConfig(difference_type="absolute")
    ).compute_result()
    assert gb.error_message is None
    bayesian_mean.append(
        {"control": control, "treatment": treatment, "chance_to_win": gb.chance_to_win, "expected_loss": gb.risk[1]}
    )

SRM = [
    ([5000, 5000], [0.5, 0.5]),
    ([5100, 4900], [0.5, 0.5]),
    ([50500, 49500], [0.5, 0.5]),
    ([5000, 5200, 4800], [1 / 3, 1 / 3, 1 / 3]),
    ([8900, 1100], [0.9, 0.1]),
    ([1000, 1300], [0.5, 0.5]),
    ([100000, 103000], [0.5, 0.5]),
    ([20, 30, 50], [0.2, 0.3, 0.5]),
    ([1000, 2000], [0.5, 0.5]),
    ([2500, 2600, 2450, 2550], [0.25, 0.25, 0.25, 0.25]),
]
srm = []
for visitors, split in SRM:
    total = sum(visitors)
    expected = [w / sum(split) * total for w in split]
    srm.append(
        {
            "visitors": visitors,
            "split": split,
            "p_value": float(stats.chisquare(visitors, expected).pvalue),
            "gbstats_p_value": float(check_srm(visitors, split)),
        }
    )


def evan_miller(alpha, power, p, delta):
    """num_subjects() of Evan Miller's sample-size-fixed.js: the variance
    under the null is the baseline's in both arms, the alternative's is
    unpooled, and a baseline above one half is folded to 1 - p."""
    if p > 0.5:
        p = 1.0 - p
    t_alpha2 = stats.norm.ppf(1.0 - alpha / 2)
    t_beta = stats.norm.ppf(power)
    sd1 = math.sqrt(2 * p * (1.0 - p))
    sd2 = math.sqrt(p * (1.0 - p) + (p + delta) * (1.0 - p - delta))
    return (t_alpha2 * sd1 + t_beta * sd2) * (t_alpha2 * sd1 + t_beta * sd2) / (delta * delta)


SAMPLE_SIZE = [
    (0.2, 0.05, False, 0.8, 0.05),
    (0.1, 0.02, False, 0.8, 0.05),
    (0.05, 0.1, True, 0.8, 0.05),
    (0.03, 0.2, True, 0.8, 0.05),
    (0.2, 0.05, False, 0.9, 0.05),
    (0.05, 0.01, False, 0.9, 0.01),
    (0.6, 0.05, False, 0.8, 0.05),
    (0.3, -0.05, False, 0.8, 0.05),
    (0.5, 0.05, False, 0.8, 0.05),
    (0.02, 0.05, True, 0.8, 0.1),
]
sample_size = []
for baseline, mde, relative, power, alpha in SAMPLE_SIZE:
    delta = baseline * mde if relative else mde
    n = evan_miller(alpha, power, baseline, delta)
    cohen_h = proportion_effectsize(baseline + delta, baseline)
    sample_size.append(
        {
            "baseline": baseline,
            "mde": mde,
            "relative": relative,
            "power": power,
            "alpha": alpha,
            "evan_miller": n,
            # Math.round, as his page shows 1,030 for 1030.2.
            "rounded": math.floor(n + 0.5),
            "statsmodels_cohen_h": NormalIndPower().solve_power(
                effect_size=abs(cohen_h), alpha=alpha, power=power, ratio=1.0
            ),
        }
    )

SAMPLE_SIZE_MEAN = [
    (3.0, 12.0, 0.1, True, 0.8, 0.05),
    (3.0, 12.0, 0.5, False, 0.8, 0.05),
    (50.0, 20.0, 2.0, False, 0.9, 0.05),
    (10.0, 30.0, 0.05, True, 0.8, 0.01),
    (100.0, 15.0, -3.0, False, 0.8, 0.1),
]
sample_size_mean = []
for average, std_dev, mde, relative, power, alpha in SAMPLE_SIZE_MEAN:
    delta = average * mde if relative else mde
    z = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    n = 2 * z**2 * std_dev**2 / delta**2
    sample_size_mean.append(
        {
            "mean": average,
            "std_dev": std_dev,
            "mde": mde,
            "relative": relative,
            "power": power,
            "alpha": alpha,
            "formula": n,
            "rounded": math.floor(n + 0.5),
            "statsmodels": NormalIndPower().solve_power(
                effect_size=abs(delta) / std_dev, alpha=alpha, power=power, ratio=1.0
            ),
        }
    )

versions = {name: importlib.metadata.version(name) for name in ["gbstats", "scipy", "statsmodels", "numpy"]}
with open(os.path.join(HERE, "abtest_reference.json"), "w") as f:
    json.dump(
        {
            "versions": versions,
            "frequentist": frequentist,
            "sequential": sequential,
            "bayesian_proportion": bayesian_proportion,
            "bayesian_mean": bayesian_mean,
            "srm": srm,
            "sample_size": sample_size,
            "sample_size_mean": sample_size_mean,
        },
        f,
        indent=1,
    )
    f.write("\n")
