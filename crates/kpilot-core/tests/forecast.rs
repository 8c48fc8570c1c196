//! Holt-Winters: the recursions agree with statsmodels (reference values in
//! `tests/data/holt_winters_reference.json`, made by the script beside it);
//! on synthetic series with a trend and a weekly rhythm the forecasts beat
//! the seasonal naive forecast, and the 80 % intervals hold about 80 % of
//! the values held back.

use kpilot_core::forecast::{Initial, Normal, PERIOD, Params, fit, initial, quantile, run};
use serde::Deserialize;

#[derive(Deserialize)]
struct Reference {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    y: Vec<f64>,
    alpha: f64,
    beta: f64,
    gamma: f64,
    initial_level: f64,
    initial_trend: f64,
    initial_seasonal: Vec<f64>,
    fitted: Vec<f64>,
    forecast: Vec<f64>,
}

#[test]
fn the_recursions_agree_with_statsmodels() {
    let text = include_str!("data/holt_winters_reference.json");
    let reference: Reference = serde_json::from_str(text).unwrap();
    assert_eq!(reference.cases.len(), 3);
    for case in reference.cases {
        let mut season = [0.0; PERIOD];
        season.copy_from_slice(&case.initial_seasonal);
        let fit = run(
            &case.y,
            Params {
                alpha: case.alpha,
                beta: case.beta,
                gamma: case.gamma,
                phi: 1.0,
            },
            &Initial {
                level: case.initial_level,
                trend: case.initial_trend,
                season,
            },
        );
        for (ours, theirs) in fit.fitted.iter().zip(&case.fitted) {
            assert!((ours - theirs).abs() < 1e-9, "fitted {ours} vs {theirs}");
        }
        for (index, (ours, theirs)) in fit.forecast(14).iter().zip(&case.forecast).enumerate() {
            let h = index + 1;
            // statsmodels 0.15 overwrites the seasonal state updated by the
            // last observation before forecasting (`s[nobs + m - 1:] =
            // [s[(nobs - 1) + j % m] …]` in `_predict`), so its forecasts
            // at whole weeks ahead use the week-old effect of that weekday.
            // kpilot uses the updated one, as the textbook recursions do
            // (Hyndman & Athanasopoulos, Forecasting: Principles and
            // Practice, 8.3); the other horizons must agree.
            if h % PERIOD == 0 {
                continue;
            }
            assert!(
                (ours - theirs).abs() < 1e-9,
                "forecast {h}: {ours} vs {theirs}"
            );
        }
    }
}

/// A daily series: level, trend, a weekly rhythm and noise.
fn synthetic(seed: u64, days: usize) -> Vec<f64> {
    let mut noise = Normal::new(seed);
    let level = 200.0 + (seed % 17) as f64 * 20.0;
    let trend = ((seed % 7) as f64 - 3.0) * 0.4;
    let weekly = [30.0, 25.0, 20.0, 15.0, 5.0, -45.0, -50.0];
    (0..days)
        .map(|t| level + trend * t as f64 + weekly[t % 7] + 8.0 * noise.next())
        .collect()
}

#[test]
fn forecasts_beat_the_seasonal_naive_forecast() {
    let (history, horizon) = (120, 28);
    let (mut ours, mut naive) = (0.0, 0.0);
    for seed in 0..60 {
        let y = synthetic(seed, history + horizon);
        let (past, future) = y.split_at(history);
        // MASE: errors scaled by the in-sample seasonal naive error.
        let scale = (PERIOD..history)
            .map(|t| (past[t] - past[t - PERIOD]).abs())
            .sum::<f64>()
            / (history - PERIOD) as f64;
        let model = fit(past).unwrap();
        let forecast = model.forecast(horizon);
        let seasonal_naive: Vec<f64> = (0..horizon)
            .map(|h| past[history - PERIOD + h % PERIOD])
            .collect();
        let mae = |predictions: &[f64]| {
            predictions
                .iter()
                .zip(future)
                .map(|(p, y)| (p - y).abs())
                .sum::<f64>()
                / horizon as f64
        };
        ours += mae(&forecast) / scale;
        naive += mae(&seasonal_naive) / scale;
    }
    assert!(ours < naive, "MASE {ours} vs seasonal naive {naive}");
}

#[test]
fn eighty_percent_intervals_hold_about_eighty_percent_of_the_values() {
    let (history, horizon) = (120, 14);
    let (mut inside, mut total) = (0usize, 0usize);
    for seed in 100..220 {
        let y = synthetic(seed, history + horizon);
        let (past, future) = y.split_at(history);
        let model = fit(past).unwrap();
        let paths = model.simulate(horizon, 400, seed);
        for (h, actual) in future.iter().enumerate() {
            let mut values: Vec<f64> = paths.iter().map(|path| path[h]).collect();
            let low = quantile(&mut values, 0.1).unwrap();
            let high = quantile(&mut values, 0.9).unwrap();
            inside += usize::from(low <= *actual && *actual <= high);
            total += 1;
        }
    }
    let coverage = inside as f64 / total as f64;
    assert!((0.72..=0.88).contains(&coverage), "coverage {coverage}");
}

/// `fit` runs its grid side by side and leaves a run once it cannot win:
/// it must still choose what running every candidate to the end chooses.
#[test]
fn the_fit_is_the_grid_run_with_the_smallest_error() {
    for seed in 0..40 {
        let days = 28 + (seed as usize * 13) % 340;
        let mut y = synthetic(seed, days);
        if seed % 5 == 0 {
            // Flat stretches and a jump: runs that tie, runs that diverge.
            y[days / 2..].iter_mut().for_each(|v| *v = 1_000.0);
        }
        let start = initial(&y);
        let mut best: Option<(f64, Params)> = None;
        for alpha in [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9] {
            for beta in [0.0, 0.01, 0.05, 0.1, 0.2] {
                for gamma in [0.01, 0.05, 0.1, 0.2, 0.3, 0.5] {
                    for phi in [0.8, 0.9, 0.98, 1.0] {
                        let params = Params {
                            alpha,
                            beta,
                            gamma,
                            phi,
                        };
                        let sigma = run(&y, params, &start).sigma;
                        if best.is_none_or(|(best, _)| sigma < best) {
                            best = Some((sigma, params));
                        }
                    }
                }
            }
        }
        let (sigma, params) = best.unwrap();
        let model = fit(&y).unwrap();
        assert_eq!(model.params, params, "series {seed}");
        assert_eq!(model.sigma, sigma, "series {seed}");
        assert_eq!(model, run(&y, params, &start), "series {seed}");
    }
}

#[test]
fn too_short_a_history_gives_no_forecast() {
    assert!(fit(&[1.0; 27]).is_none());
    assert!(fit(&[1.0; 28]).is_some());
}

mod objective {
    use jiff::civil::date;
    use kpilot_core::catalogue;
    use kpilot_core::engine::Span;
    use kpilot_core::kpi::Direction;
    use kpilot_core::tracking::{
        Aim, ForecastInput, NoForecast, forecast, forecast_misses, forecasts,
    };

    use super::synthetic;

    /// 120 days of sessions to 30 April, an objective on the cumulative
    /// sessions of the year at 30 June.
    fn sessions_forecast(target: f64) -> Result<kpilot_core::tracking::Forecast, NoForecast> {
        let history = vec![("sessions".to_owned(), synthetic(3, 120))];
        let start = date(2026, 1, 1);
        let at = date(2026, 4, 30);
        forecast(&ForecastInput {
            kpi: catalogue::find("sessions").unwrap(),
            history: &history,
            history_start: start,
            at,
            final_window: Span {
                from: start,
                to: date(2026, 6, 30),
            },
            aim: Aim {
                target,
                direction: Direction::Up,
                deadline: date(2026, 6, 30),
            },
            seed: 7,
        })
    }

    #[test]
    fn a_cumulative_objective_adds_the_forecast_days_to_the_days_past() {
        let past: f64 = synthetic(3, 120).iter().sum();
        let easy = sessions_forecast(past).unwrap();
        // 61 more days of about 260 sessions (level 260, no trend for
        // seed 3, noise): the year reaches about past + 61 × 260.
        assert!(easy.value > past + 61.0 * 230.0 && easy.value < past + 61.0 * 290.0);
        assert!(easy.low <= easy.value && easy.value <= easy.high);
        assert_eq!(easy.probability, 1.0);
        let aim = |target| Aim {
            target,
            direction: Direction::Up,
            deadline: date(2026, 6, 30),
        };
        assert!(!forecast_misses(&easy, aim(past)));
        let hopeless = sessions_forecast(past * 3.0).unwrap();
        assert_eq!(hopeless.probability, 0.0);
        assert!(forecast_misses(&hopeless, aim(past * 3.0)));
    }

    #[test]
    fn under_28_days_there_is_no_forecast() {
        let history = vec![("sessions".to_owned(), vec![10.0; 20])];
        let result = forecast(&ForecastInput {
            kpi: catalogue::find("sessions").unwrap(),
            history: &history,
            history_start: date(2026, 1, 1),
            at: date(2026, 1, 20),
            final_window: Span {
                from: date(2026, 1, 1),
                to: date(2026, 3, 31),
            },
            aim: Aim {
                target: 1000.0,
                direction: Direction::Up,
                deadline: date(2026, 3, 31),
            },
            seed: 1,
        });
        assert_eq!(result, Err(NoForecast::TooLittleData));
    }

    /// The forecasts of many objectives, made on every core, are each one's
    /// own, in order, whatever its cost (no history, one series, two).
    #[test]
    fn forecasts_made_together_are_each_ones_own() {
        let start = date(2026, 1, 1);
        let at = date(2026, 4, 30);
        let histories: Vec<Vec<(String, Vec<f64>)>> = (0..9u64)
            .map(|n| match n % 3 {
                0 => vec![("sessions".to_owned(), synthetic(n, 120))],
                1 => vec![
                    ("transactions".to_owned(), synthetic(n, 120)),
                    ("sessions".to_owned(), synthetic(n + 50, 120)),
                ],
                _ => vec![("sessions".to_owned(), vec![10.0; 20])],
            })
            .collect();
        let inputs: Vec<ForecastInput<'_>> = histories
            .iter()
            .enumerate()
            .map(|(n, history)| ForecastInput {
                kpi: catalogue::find(if n % 3 == 1 {
                    "conversion_rate"
                } else {
                    "sessions"
                })
                .unwrap(),
                history,
                history_start: start,
                at,
                final_window: Span {
                    from: start,
                    to: date(2026, 6, 30),
                },
                aim: Aim {
                    target: 1.0,
                    direction: Direction::Up,
                    deadline: date(2026, 6, 30),
                },
                seed: n as u64,
            })
            .collect();
        let one_by_one: Vec<_> = inputs.iter().map(forecast).collect();
        assert_eq!(forecasts(&inputs), one_by_one);
        assert!(one_by_one[0].is_ok() && one_by_one[1].is_ok());
        assert_eq!(one_by_one[2], Err(NoForecast::TooLittleData));
    }
}
