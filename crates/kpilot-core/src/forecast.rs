//! Forecasting daily series with Holt-Winters: additive (optionally damped)
//! trend and additive weekly seasonality, the rhythm of marketing data
//! (weekdays and weekends differ). Parameters are chosen by the smallest
//! one-step squared error over a grid; intervals come from simulated sample
//! paths with the model's own residual spread, so that any KPI formula can
//! be evaluated path by path.
//!
//! The recursions follow statsmodels' `ExponentialSmoothing(trend="add",
//! seasonal="add")`; `tests/forecast.rs` checks them against its values.

/// The season of daily marketing data: a week.
pub const PERIOD: usize = 7;

/// The fewest days of history a forecast is made from.
pub const MIN_DAYS: usize = 28;

/// Smoothing parameters; `phi` damps the trend (1: not damped).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub alpha: f64,
    pub beta: f64,
    pub gamma: f64,
    pub phi: f64,
}

impl Params {
    /// The one-step prediction from the states.
    #[inline(always)]
    fn predict(&self, level: f64, trend: f64, season: f64) -> f64 {
        level + self.phi * trend + season
    }

    /// The states once `value` is observed: the recursions of statsmodels'
    /// `ExponentialSmoothing`, one place for `run`, `fit` and `simulate`.
    #[inline(always)]
    fn update(&self, value: f64, level: &mut f64, trend: &mut f64, season: &mut f64) {
        let previous = *level;
        let damped = self.phi * *trend;
        *level = self.alpha * (value - *season) + (1.0 - self.alpha) * (previous + damped);
        *trend = self.beta * (*level - previous) + (1.0 - self.beta) * self.phi * *trend;
        *season = self.gamma * (value - previous - damped) + (1.0 - self.gamma) * *season;
    }
}

/// The states before the first observation: level, trend, and the
/// seasonal effect of each day of the cycle (`season[k]` for days `t` with
/// `t % PERIOD == k`).
#[derive(Debug, Clone, PartialEq)]
pub struct Initial {
    pub level: f64,
    pub trend: f64,
    pub season: [f64; PERIOD],
}

/// A model run over a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub params: Params,
    /// One-step-ahead predictions, one per observation.
    pub fitted: Vec<f64>,
    pub level: f64,
    pub trend: f64,
    /// The latest seasonal effect of each day of the cycle, indexed like
    /// [`Initial::season`].
    pub season: [f64; PERIOD],
    /// How many observations were run.
    pub length: usize,
    /// Root mean squared one-step error.
    pub sigma: f64,
}

/// Runs the recursions over `y`.
pub fn run(y: &[f64], params: Params, initial: &Initial) -> Fit {
    let (mut level, mut trend) = (initial.level, initial.trend);
    let mut season = initial.season;
    let mut fitted = Vec::with_capacity(y.len());
    let mut squared = 0.0;
    for (t, &value) in y.iter().enumerate() {
        let k = t % PERIOD;
        let prediction = params.predict(level, trend, season[k]);
        fitted.push(prediction);
        squared += (value - prediction).powi(2);
        params.update(value, &mut level, &mut trend, &mut season[k]);
    }
    let sigma = if y.is_empty() {
        0.0
    } else {
        (squared / y.len() as f64).sqrt()
    };
    Fit {
        params,
        fitted,
        level,
        trend,
        season,
        length: y.len(),
        sigma,
    }
}

impl Fit {
    /// The point forecasts of the next `horizon` days.
    pub fn forecast(&self, horizon: usize) -> Vec<f64> {
        let mut damped = 0.0;
        let mut power = 1.0;
        (1..=horizon)
            .map(|h| {
                power *= self.params.phi;
                damped += power;
                self.level + damped * self.trend + self.season[(self.length + h - 1) % PERIOD]
            })
            .collect()
    }

    /// `paths` simulated futures of `horizon` days: each day is the model's
    /// prediction plus a normal error of the model's spread, fed back into
    /// the states. Deterministic for a given `seed`.
    pub fn simulate(&self, horizon: usize, paths: usize, seed: u64) -> Vec<Vec<f64>> {
        let mut random = Normal::new(seed);
        let params = self.params;
        let mut simulated: Vec<Vec<f64>> =
            (0..paths).map(|_| Vec::with_capacity(horizon)).collect();
        // Paths side by side, as in `fit`.
        for group in simulated.chunks_mut(LANES) {
            let mut level = [self.level; LANES];
            let mut trend = [self.trend; LANES];
            let mut season = self.season.map(|effect| [effect; LANES]);
            for h in 0..horizon {
                let season = &mut season[(self.length + h) % PERIOD];
                for (i, path) in group.iter_mut().enumerate() {
                    let error = self.sigma * random.next();
                    let value = params.predict(level[i], trend[i], season[i]) + error;
                    params.update(value, &mut level[i], &mut trend[i], &mut season[i]);
                    path.push(value);
                }
            }
        }
        simulated
    }
}

/// Initial states from the first weeks: the first week's mean as level,
/// the change of weekly means as trend, each weekday's mean deviation
/// from its week's mean as season.
pub fn initial(y: &[f64]) -> Initial {
    let weeks = (y.len() / PERIOD).clamp(1, 4);
    let mean = |week: usize| {
        let days = &y[week * PERIOD..((week + 1) * PERIOD).min(y.len())];
        days.iter().sum::<f64>() / days.len().max(1) as f64
    };
    let means: Vec<f64> = (0..weeks).map(mean).collect();
    let trend = if weeks > 1 {
        (means[weeks - 1] - means[0]) / ((weeks - 1) * PERIOD) as f64
    } else {
        0.0
    };
    let mut season = [0.0; PERIOD];
    for (k, effect) in season.iter_mut().enumerate() {
        let deviations: Vec<f64> = (0..weeks)
            .filter_map(|week| y.get(week * PERIOD + k).map(|v| v - means[week]))
            .collect();
        *effect = deviations.iter().sum::<f64>() / deviations.len().max(1) as f64;
    }
    Initial {
        level: means[0] - trend * (PERIOD as f64 - 1.0) / 2.0,
        trend,
        season,
    }
}

/// The model with the smallest one-step squared error over a grid of
/// parameters, or `None` with fewer than [`MIN_DAYS`] days. Of equal
/// errors, the first in the grid's order wins.
pub fn fit(y: &[f64]) -> Option<Fit> {
    if y.len() < MIN_DAYS {
        return None;
    }
    let start = initial(y);
    let mut grid = Vec::with_capacity(GRID_SIZE);
    for alpha in [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9] {
        for beta in [0.0, 0.01, 0.05, 0.1, 0.2] {
            for gamma in [0.01, 0.05, 0.1, 0.2, 0.3, 0.5] {
                for phi in [0.8, 0.9, 0.98, 1.0] {
                    grid.push(Params {
                        alpha,
                        beta,
                        gamma,
                        phi,
                    });
                }
            }
        }
    }
    // (squared error, parameters) of the best so far.
    let mut best: Option<(f64, Params)> = None;
    for lanes in grid.chunks(LANES) {
        let bound = best.map_or(f64::INFINITY, |(error, _)| error);
        let errors = squared_errors(y, lanes, &start, bound);
        for (params, error) in lanes.iter().zip(errors) {
            // Not `>=`: a NaN error is no fit.
            if error < best.map_or(f64::INFINITY, |(error, _)| error) {
                best = Some((error, *params));
            }
        }
    }
    best.map(|(_, params)| run(y, params, &start))
}

/// The parameters tried by [`fit`].
const GRID_SIZE: usize = 7 * 5 * 6 * 4;

/// Candidates run side by side: the recursions of one are a chain of
/// dependent operations, those of several keep the processor busy.
const LANES: usize = 8;

/// The one-step squared errors of runs over `y` with each of `params` (at
/// most [`LANES`]): the recursions of [`run`], without keeping the
/// predictions. Once every error has reached `bound` (it can only grow),
/// the runs are left and the errors returned as they stand.
fn squared_errors(y: &[f64], params: &[Params], initial: &Initial, bound: f64) -> [f64; LANES] {
    // Lanes past the end of `params` repeat the first; they are never read.
    let lanes: [Params; LANES] =
        std::array::from_fn(|i| params.get(i).copied().unwrap_or(params[0]));
    let mut level = [initial.level; LANES];
    let mut trend = [initial.trend; LANES];
    let mut season = initial.season.map(|effect| [effect; LANES]);
    let mut squared = [0.0; LANES];
    for week in y.chunks(PERIOD) {
        for (k, &value) in week.iter().enumerate() {
            let season = &mut season[k];
            for (i, params) in lanes.iter().enumerate() {
                let prediction = params.predict(level[i], trend[i], season[i]);
                squared[i] += (value - prediction).powi(2);
                params.update(value, &mut level[i], &mut trend[i], &mut season[i]);
            }
        }
        // A NaN error is no fit either.
        if squared[..params.len()]
            .iter()
            .all(|error| *error >= bound || error.is_nan())
        {
            break;
        }
    }
    squared
}

/// Standard normal numbers from a small deterministic generator
/// (SplitMix64 and Marsaglia's polar method): forecasts must give the same
/// figures every time they are asked.
#[derive(Debug, Clone)]
pub struct Normal {
    state: u64,
    spare: Option<f64>,
}

impl Normal {
    pub fn new(seed: u64) -> Normal {
        Normal {
            state: seed,
            spare: None,
        }
    }

    fn uniform(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // 53 random bits in (0, 1].
        ((z >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }

    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> f64 {
        if let Some(spare) = self.spare.take() {
            return spare;
        }
        // Marsaglia's polar method: a point drawn in the unit disc gives
        // two numbers, without the sine and cosine of Box and Muller.
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let factor = (-2.0 * s.ln() / s).sqrt();
                self.spare = Some(v * factor);
                return u * factor;
            }
        }
    }
}

/// The `q` quantile (0 to 1) of `values`, linearly interpolated.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let position = q.clamp(0.0, 1.0) * (values.len() - 1) as f64;
    let (low, high) = (position.floor() as usize, position.ceil() as usize);
    let weight = position - low as f64;
    Some(values[low] * (1.0 - weight) + values[high] * weight)
}
