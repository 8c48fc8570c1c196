"""Reference values for kpilot's Holt-Winters (additive trend, additive
weekly seasonality), computed with statsmodels' ExponentialSmoothing with
fixed smoothing parameters and known initial states, so that the recursions
alone are compared. Writes holt_winters_reference.json.
Run: python3 holt_winters_reference.py (statsmodels 0.15)."""
import json
import math

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing

cases = []
for n, (alpha, beta, gamma) in enumerate([(0.3, 0.05, 0.2), (0.7, 0.2, 0.1), (0.1, 0.01, 0.5)]):
    days = 70 + 7 * n
    y = [
        100 + 0.8 * t + 15 * math.sin(2 * math.pi * t / 7) + 5 * math.cos(1.3 * t + n)
        for t in range(days)
    ]
    initial_level = y[0]
    initial_trend = 0.5
    initial_seasonal = [10.0 * math.sin(2 * math.pi * k / 7) for k in range(7)]
    model = ExponentialSmoothing(
        np.array(y),
        trend="add",
        seasonal="add",
        seasonal_periods=7,
        initialization_method="known",
        initial_level=initial_level,
        initial_trend=initial_trend,
        initial_seasonal=initial_seasonal,
    )
    fit = model.fit(
        smoothing_level=alpha,
        smoothing_trend=beta,
        smoothing_seasonal=gamma,
        optimized=False,
    )
    cases.append(
        {
            "y": y,
            "alpha": alpha,
            "beta": beta,
            "gamma": gamma,
            "initial_level": initial_level,
            "initial_trend": initial_trend,
            "initial_seasonal": initial_seasonal,
            "fitted": list(fit.fittedvalues),
            "forecast": list(fit.forecast(14)),
        }
    )

with open("holt_winters_reference.json", "w") as f:
    json.dump({"statsmodels": __import__("statsmodels").__version__, "cases": cases}, f, indent=1)
