//! Charts as SVG, drawn with `plotters`: inline in the HTML, vector
//! graphics in the PDF.

use jiff::civil::Date;
use kpilot_core::kpi::Lang;
use plotters::prelude::*;

use crate::document::{Band, Chart, Kind, Stroke, date_text, number_text};

const SIZE: (u32, u32) = (760, 300);
/// The font family of the labels: the PDF embeds a font of that name.
pub const FONT: &str = "Libertinus Serif";

const DATA: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
const TARGET: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
const PACE: RGBColor = RGBColor(0x7f, 0x8c, 0x8d);
const FORECAST: RGBColor = RGBColor(0x8e, 0x44, 0xad);
/// The check-ins marked on the time axis.
const MARK: RGBColor = RGBColor(0x2c, 0x3e, 0x50);
const BARS: [RGBColor; 3] = [
    RGBColor(0x1f, 0x5f, 0xa8),
    RGBColor(0xe6, 0x7e, 0x22),
    RGBColor(0x27, 0xae, 0x60),
];

/// The chart as an SVG document.
pub fn svg(chart: &Chart, currency: &str, lang: Lang) -> String {
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        match chart {
            Chart::Lines {
                title,
                kind,
                lines,
                band,
                marks,
            } => draw_lines(
                &root,
                title,
                *kind,
                lines,
                band.as_ref(),
                marks,
                currency,
                lang,
            ),
            Chart::Bars {
                title,
                kind,
                categories,
                series,
            } => draw_bars(&root, title, *kind, categories, series, currency, lang),
            Chart::Intervals { .. } => draw_intervals(&root, chart, currency, lang),
        }
        .and_then(|()| root.present().map_err(|e| e.to_string()))
    };
    match drawn {
        Ok(()) => out,
        // Drawing into a string cannot fail short of a plotters bug; a
        // missing chart must not lose the document's figures.
        Err(error) => format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- {error} --></svg>"),
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// The series' names and marks, in a box at `position`.
fn legend<'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, SVGBackend<'a>, CT>,
    position: SeriesLabelPosition,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .label_font((FONT, 12))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .position(position)
        .draw()
        .map_err(|e| e.to_string())
}

fn axis_label(value: f64, kind: Kind, currency: &str, lang: Lang) -> String {
    let kind = match kind {
        // Axis labels round: 12,5 k€ reads better than 12 500,00 €.
        Kind::Money if value.abs() >= 1000.0 => {
            return format!(
                "{} k",
                number_text(value / 1000.0, Kind::Ratio, currency, lang)
            );
        }
        other => other,
    };
    number_text(value, kind, currency, lang)
}

fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for value in values.filter(|v| v.is_finite()) {
        low = low.min(value);
        high = high.max(value);
    }
    if !low.is_finite() {
        return (0.0, 1.0);
    }
    let low = low.min(0.0);
    let pad = ((high - low).abs() * 0.08).max(f64::EPSILON.max(high.abs() * 0.05));
    (low, high + pad)
}

#[allow(
    clippy::too_many_arguments,
    reason = "a chart's parts, drawn in one place"
)]
fn draw_lines(
    root: &Area<'_>,
    title: &str,
    kind: Kind,
    lines: &[crate::document::Line],
    band: Option<&Band>,
    marks: &[(Date, String)],
    currency: &str,
    lang: Lang,
) -> Result<(), String> {
    let error = |e: DrawingAreaErrorKind<std::io::Error>| e.to_string();
    root.fill(&WHITE).map_err(error)?;
    let days: Vec<Date> = lines
        .iter()
        .flat_map(|line| line.points.iter().map(|(day, _)| *day))
        .chain(band.iter().flat_map(|band| [band.from.0, band.to]))
        .chain(marks.iter().map(|(day, _)| *day))
        .collect();
    let (Some(first), Some(last)) = (days.iter().min().copied(), days.iter().max().copied()) else {
        return Ok(());
    };
    let span = (last - first).get_days().max(1);
    let (low, high) = range(
        lines
            .iter()
            .flat_map(|line| line.points.iter().map(|p| p.1))
            .chain(
                band.iter()
                    .flat_map(|band| [band.from.1, band.low, band.high]),
            ),
    );
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, 17))
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(78)
        .build_cartesian_2d(0..span, low..high)
        .map_err(error)?;
    let day_of = |x: &i32| {
        first
            .checked_add(jiff::Span::new().days(i64::from(*x)))
            .unwrap_or(first)
    };
    chart
        .configure_mesh()
        .light_line_style(WHITE.mix(0.0))
        .label_style((FONT, 12))
        .x_labels(8)
        .y_labels(6)
        // Day and month only: `30/04` in French, `04-30` in English.
        .x_label_formatter(&|x| {
            let text = date_text(day_of(x), lang);
            match lang {
                Lang::Fr => text.get(..5),
                Lang::En => text.get(5..),
            }
            .unwrap_or(&text)
            .to_owned()
        })
        .y_label_formatter(&|y| axis_label(*y, kind, currency, lang))
        .draw()
        .map_err(error)?;
    if let Some(band) = band {
        let x = |day: Date| (day - first).get_days();
        let fan = vec![
            (x(band.from.0), band.from.1),
            (x(band.to), band.low),
            (x(band.to), band.high),
        ];
        chart
            .draw_series(std::iter::once(Polygon::new(
                fan,
                FORECAST.mix(0.25).filled(),
            )))
            .map_err(error)?
            .label(band.name.clone())
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 5), (x + 18, y + 5)], FORECAST.mix(0.25).filled())
            });
        chart
            .draw_series(LineSeries::new(
                [(x(band.from.0), band.from.1), (x(band.to), band.value)],
                FORECAST.stroke_width(1),
            ))
            .map_err(error)?;
    }
    for (index, line) in lines.iter().enumerate() {
        let color = match (line.style, index) {
            (Stroke::Data, _) => DATA,
            (Stroke::Reference, 1) => TARGET,
            (Stroke::Reference, _) => PACE,
        };
        let points: Vec<(i32, f64)> = line
            .points
            .iter()
            .map(|(day, value)| ((*day - first).get_days(), *value))
            .collect();
        let width = if line.style == Stroke::Data { 2 } else { 1 };
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                color.stroke_width(width),
            ))
            .map_err(error)?
            .label(line.name.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(width))
            });
        if line.style == Stroke::Data {
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|point| Circle::new(*point, 3, color.filled())),
                )
                .map_err(error)?;
        }
    }
    // Each mark a thin vertical line with its label at the top: the
    // check-ins on the time axis.
    for (day, label) in marks {
        let x = (*day - first).get_days();
        chart
            .draw_series(LineSeries::new(
                [(x, low), (x, high)],
                MARK.mix(0.6).stroke_width(1),
            ))
            .map_err(error)?;
        chart
            .draw_series(std::iter::once(Text::new(
                label.clone(),
                (x, high),
                (FONT, 11).into_font().color(&MARK),
            )))
            .map_err(error)?;
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    Ok(())
}

/// Draws a [`Chart::Intervals`] (any other chart draws nothing).
fn draw_intervals(
    root: &Area<'_>,
    chart: &Chart,
    currency: &str,
    lang: Lang,
) -> Result<(), String> {
    let Chart::Intervals {
        title,
        kind,
        rows,
        names: (narrow, wide),
        marks,
    } = chart
    else {
        return Ok(());
    };
    let kind = *kind;
    let error = |e: DrawingAreaErrorKind<std::io::Error>| e.to_string();
    root.fill(&WHITE).map_err(error)?;
    if rows.is_empty() {
        return Ok(());
    }
    let (low, high) = range(
        rows.iter()
            .flat_map(|row| {
                let (wide_low, wide_high) = row.wide.unwrap_or((row.low, row.high));
                [row.low, row.high, wide_low, wide_high, row.value]
            })
            .chain(marks.iter().map(|(_, value)| *value)),
    );
    // Room on the left too: intervals often start below zero.
    let low = low - (high - low) * 0.05;
    // Each row is two units high, its label beside its middle.
    let height = i32::try_from(rows.len()).unwrap_or(i32::MAX / 2) * 2;
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, 17))
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(110)
        .build_cartesian_2d(low..high, 0..height)
        .map_err(error)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE.mix(0.0))
        .label_style((FONT, 12))
        .y_labels(usize::try_from(height).unwrap_or(0) + 1)
        .x_labels(6)
        .y_label_formatter(&|y| match (y % 2, usize::try_from(*y / 2)) {
            (1, Ok(index)) => rows
                .get(rows.len().saturating_sub(index + 1))
                .map(|row| row.label.clone())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .x_label_formatter(&|x| axis_label(*x, kind, currency, lang))
        .draw()
        .map_err(error)?;
    for (index, (name, value)) in marks.iter().enumerate() {
        let style = if index == 0 {
            BLACK.stroke_width(1)
        } else {
            PACE.stroke_width(1)
        };
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(*value, 0), (*value, height)],
                style,
            )))
            .map_err(error)?
            .label(name.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], style));
    }
    // The first row at the top.
    let y = |index: usize| height - 1 - 2 * i32::try_from(index).unwrap_or(0);
    chart
        .draw_series(rows.iter().enumerate().filter_map(|(index, row)| {
            let (wide_low, wide_high) = row.wide?;
            Some(PathElement::new(
                vec![(wide_low, y(index)), (wide_high, y(index))],
                FORECAST.stroke_width(2),
            ))
        }))
        .map_err(error)?
        .label(wide.clone())
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], FORECAST.stroke_width(2)));
    chart
        .draw_series(rows.iter().enumerate().map(|(index, row)| {
            PathElement::new(
                vec![(row.low, y(index)), (row.high, y(index))],
                DATA.stroke_width(6),
            )
        }))
        .map_err(error)?
        .label(narrow.clone())
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], DATA.stroke_width(6)));
    chart
        .draw_series(
            rows.iter()
                .enumerate()
                .map(|(index, row)| Circle::new((row.value, y(index)), 5, BLACK.filled())),
        )
        .map_err(error)?;
    legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    Ok(())
}

fn draw_bars(
    root: &Area<'_>,
    title: &str,
    kind: Kind,
    categories: &[String],
    series: &[(String, Vec<f64>)],
    currency: &str,
    lang: Lang,
) -> Result<(), String> {
    let error = |e: DrawingAreaErrorKind<std::io::Error>| e.to_string();
    root.fill(&WHITE).map_err(error)?;
    if categories.is_empty() {
        return Ok(());
    }
    // Each category is ten units wide: its bars side by side in the middle
    // eight, its name under the middle.
    let width = i32::try_from(categories.len()).unwrap_or(i32::MAX / 10) * 10;
    let (low, high) = range(series.iter().flat_map(|(_, values)| values.iter().copied()));
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, 17))
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(78)
        .build_cartesian_2d(0..width, low..high)
        .map_err(error)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE.mix(0.0))
        .label_style((FONT, 12))
        .x_labels(usize::try_from(width).unwrap_or(0) + 1)
        .y_labels(6)
        .x_label_formatter(&|x| match (x % 10, usize::try_from(x / 10)) {
            (5, Ok(index)) => categories.get(index).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_label_formatter(&|y| axis_label(*y, kind, currency, lang))
        .draw()
        .map_err(error)?;
    let bar = 8 / i32::try_from(series.len().max(1)).unwrap_or(1);
    for (index, (name, values)) in series.iter().enumerate() {
        let color = BARS[index % BARS.len()];
        let offset = 1 + bar * i32::try_from(index).unwrap_or(0);
        chart
            .draw_series(values.iter().enumerate().map(|(category, value)| {
                let x = i32::try_from(category).unwrap_or(0) * 10 + offset;
                Rectangle::new([(x, 0.0), (x + bar, *value)], color.filled())
            }))
            .map_err(error)?
            .label(name.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    }
    legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    Ok(())
}
