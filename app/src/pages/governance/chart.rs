//! Server-rendered SVG line charts: they read without JavaScript, print,
//! and carry their numbers as text for screen readers. The axis runs over
//! the whole answer scale (1–5), never a zoomed part of it, and each point
//! carries its 95 % interval, so a small sample does not look like a trend.

use crate::domain::governance::figures::Figure;
use crate::governance::Trend;
use crate::i18n::{format_decimal, tr, use_locale};
use leptos::prelude::*;

const W: f64 = 320.0;
const H: f64 = 140.0;
const LEFT: f64 = 28.0;
const BOTTOM: f64 = 20.0;

fn x(i: usize, count: usize) -> f64 {
    LEFT + (W - LEFT - 8.0) * (i as f64) / ((count.max(2) - 1) as f64)
}

fn y(mean: f64) -> f64 {
    8.0 + (H - BOTTOM - 8.0) * (5.0 - mean.clamp(1.0, 5.0)) / 4.0
}

/// Unbroken runs of shown points, so a hidden month leaves a gap.
fn segments(points: &[(usize, f64)]) -> Vec<String> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    for &(i, v) in points {
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|(j, _)| *j + 1 == i) => run.push((i, v)),
            _ => out.push(vec![(i, v)]),
        }
    }
    out.into_iter()
        .filter(|r| r.len() > 1)
        .map(|r| r.iter().map(|&(i, v)| format!("{:.1},{:.1}", x(i, 12), y(v))).collect::<Vec<_>>().join(" "))
        .collect()
}

/// One monthly line on a 1–5 scale, with its numbers in a caption.
#[component]
pub fn TrendChart(trend: Trend) -> impl IntoView {
    let locale = use_locale();
    let count = trend.points.len();
    let shown: Vec<(usize, f64, Figure)> = trend.points.iter().enumerate().filter_map(|(i, (_, f))| f.mean.map(|m| (i, m, *f))).collect();
    let lines = segments(&shown.iter().map(|(i, m, _)| (*i, *m)).collect::<Vec<_>>());
    let small: Vec<String> = trend.points.iter().filter(|(_, f)| f.small_sample()).map(|(m, _)| m.short(locale)).collect();
    let described = trend
        .points
        .iter()
        .map(|(m, f)| match (f.mean, f.n) {
            (Some(mean), Some(n)) => match f.interval {
                Some((lo, hi)) => format!(
                    "{} {} (n={n}, {}–{})",
                    m.short(locale),
                    format_decimal(locale, mean, 1),
                    format_decimal(locale, lo, 1),
                    format_decimal(locale, hi, 1)
                ),
                None => format!("{} {} (n={n})", m.short(locale), format_decimal(locale, mean, 1)),
            },
            _ => format!("{} –", m.short(locale)),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let label = format!("{}: {}", trend.label, described);
    let first = trend.points.first().map(|(m, _)| m.short(locale)).unwrap_or_default();
    let last = trend.points.last().map(|(m, _)| m.short(locale)).unwrap_or_default();
    view! {
        <figure class="trend">
            <figcaption>{trend.label.clone()}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=label class="trend-chart">
                {[1.0, 2.0, 3.0, 4.0, 5.0].into_iter().map(|v| view! {
                    <line x1=LEFT y1=y(v) x2=W - 8.0 y2=y(v) class="grid"/>
                    <text x=LEFT - 6.0 y=y(v) + 4.0 class="axis" text-anchor="end">{format!("{v:.0}")}</text>
                }).collect_view()}
                <text x=LEFT y=H - 4.0 class="axis">{first}</text>
                <text x=W - 8.0 y=H - 4.0 class="axis" text-anchor="end">{last}</text>
                {lines.into_iter().map(|points| view! { <polyline points=points class="line"/> }).collect_view()}
                {shown.into_iter().map(|(i, mean, f)| {
                    let class = if f.small_sample() { "point small" } else { "point" };
                    let cx = x(i, count);
                    view! {
                        {f.interval.map(|(lo, hi)| view! {
                            <line x1=cx y1=y(lo) x2=cx y2=y(hi) class="interval"/>
                            <line x1=cx - 3.0 y1=y(lo) x2=cx + 3.0 y2=y(lo) class="interval"/>
                            <line x1=cx - 3.0 y1=y(hi) x2=cx + 3.0 y2=y(hi) class="interval"/>
                        })}
                        <circle cx=cx cy=y(mean) r="3.5" class=class/>
                    }
                }).collect_view()}
            </svg>
            {(!small.is_empty()).then(|| view! {
                <p class="warning-text">
                    {tr(locale, "gov-under_30_answers_read")}
                    {small.join(", ")}
                </p>
            })}
        </figure>
    }
}
