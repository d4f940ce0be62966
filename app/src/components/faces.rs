use leptos::prelude::*;

/// A face from sad (0) to happy (n-1), always shown next to its word: the
/// meaning never rests on the drawing or its colour alone.
pub fn face(index: usize, count: usize) -> impl IntoView {
    let t = if count > 1 { index as f64 / (count - 1) as f64 } else { 0.5 };
    let mouth = format!("M30 64 Q50 {:.0} 70 64", 64.0 + (t - 0.5) * 28.0);
    view! {
        <svg class="face-icon" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
            <circle cx="50" cy="50" r="44" class="face-bg"></circle>
            <circle cx="36" cy="40" r="5" class="face-eye"></circle>
            <circle cx="64" cy="40" r="5" class="face-eye"></circle>
            <path d=mouth class="face-mouth"></path>
        </svg>
    }
}
