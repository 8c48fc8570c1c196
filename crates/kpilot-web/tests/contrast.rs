//! The stylesheet's colours pass WCAG AA: 4.5:1 for text on its background
//! (the badges' white words on the status colours, the ink, muted and link
//! colours on white and on the panels' grey).

const STYLE: &str = include_str!("../assets/style.css");

/// The value of `--name` in `:root`, as an RGB triple.
fn colour(name: &str) -> [f64; 3] {
    let start = STYLE
        .find(&format!("--{name}:"))
        .unwrap_or_else(|| panic!("--{name} is defined"));
    let hex = STYLE[start..]
        .split('#')
        .nth(1)
        .and_then(|rest| rest.get(..6))
        .unwrap_or_else(|| panic!("--{name} is #rrggbb"));
    hex_colour(hex)
}

fn hex_colour(hex: &str) -> [f64; 3] {
    let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
    [channel(0), channel(2), channel(4)]
}

/// WCAG 2's relative luminance.
fn luminance([r, g, b]: [f64; 3]) -> f64 {
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn the_formula_gives_the_known_extremes() {
    let white = hex_colour("ffffff");
    assert!((contrast(white, hex_colour("000000")) - 21.0).abs() < 1e-9);
    assert!((contrast(white, white) - 1.0).abs() < 1e-9);
    // #767676 is the lightest grey that passes on white.
    assert!(contrast(white, hex_colour("767676")) >= 4.5);
    assert!(contrast(white, hex_colour("777777")) < 4.5);
}

#[test]
fn every_text_colour_passes_aa() {
    let white = hex_colour("ffffff");
    let mut pairs = Vec::new();
    for text in ["ink", "muted", "accent", "off-track"] {
        for (background, name) in [(white, "white"), (colour("panel"), "panel")] {
            pairs.push((
                format!("--{text} on {name}"),
                contrast(colour(text), background),
            ));
        }
    }
    for status in [
        "achieved",
        "on-track",
        "at-risk",
        "off-track",
        "missed",
        "no-data",
    ] {
        pairs.push((
            format!("white on --{status}"),
            contrast(white, colour(status)),
        ));
    }
    pairs.push((
        "white on --ink (header)".to_owned(),
        contrast(white, colour("ink")),
    ));
    let failing: Vec<_> = pairs.iter().filter(|(_, ratio)| *ratio < 4.5).collect();
    assert!(failing.is_empty(), "below 4.5:1: {failing:?}");
}
