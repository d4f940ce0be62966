//! The rating island's wiring to the browser: focus, the form's fields, the
//! JSON it sends and the answers it reads. Without the `hydrate` feature
//! (server rendering) the browser parts do nothing.

use crate::domain::rating::RatingDraft;
use leptos::prelude::*;

pub(super) fn focus<T>(node: NodeRef<T>)
where
    T: leptos::html::ElementType,
    T::Output: Clone + wasm_bindgen::JsCast + 'static,
    NodeRef<T>: Get<Value = Option<T::Output>>,
{
    // The signal that un-hides the element is applied by an effect that runs
    // after this handler; focusing now would hit a hidden element and do
    // nothing. The next frame sees the updated page.
    request_animation_frame(move || {
        if let Some(el) = node.get_untracked() {
            use wasm_bindgen::JsCast;
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// The JSON body for `POST …/ratings`.
pub(super) fn draft_json(d: &RatingDraft) -> String {
    use crate::domain::rating::AnswerValue;
    let answers: serde_json::Map<String, serde_json::Value> = d
        .answers
        .iter()
        .map(|(k, v)| {
            let v = match v {
                AnswerValue::Int(i) => serde_json::Value::from(*i),
                AnswerValue::Text(t) => serde_json::Value::from(t.clone()),
                AnswerValue::Invalid => serde_json::Value::Null,
            };
            (k.clone(), v)
        })
        .collect();
    serde_json::json!({
        "answers": answers,
        "comment": d.comment,
        "age_band": d.age_band,
        "came_from": d.came_from,
        "channel": d.channel,
    })
    .to_string()
}

pub(super) fn fields_from_json(text: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let mut out: Vec<(String, String)> = v
        .get("fields")
        .and_then(|f| f.as_object())
        .map(|o| o.iter().map(|(k, m)| (k.clone(), m.as_str().unwrap_or_default().to_string())).collect())
        .unwrap_or_default();
    if out.is_empty() {
        out.push(("answers".into(), message_from_json(text).unwrap_or_default()));
    }
    out
}

pub(super) fn message_from_json(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    v.get("error")?.as_str().map(str::to_string)
}

#[cfg(feature = "hydrate")]
pub(super) fn form_pairs(ev: &leptos::ev::SubmitEvent) -> Option<Vec<(String, String)>> {
    use wasm_bindgen::JsCast;
    let form: web_sys::HtmlFormElement = ev.target()?.dyn_into().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let iter = js_sys::try_iter(&data).ok()??;
    Some(
        iter.filter_map(Result::ok)
            .filter_map(|entry| {
                let pair: js_sys::Array = entry.dyn_into().ok()?;
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect(),
    )
}

#[cfg(feature = "hydrate")]
pub(super) fn is_language_switch(ev: &leptos::ev::SubmitEvent) -> bool {
    ev.submitter()
        .and_then(|b| b.get_attribute("name"))
        .is_some_and(|name| name == crate::domain::locale::SWITCH_LANGUAGE_FIELD)
}

#[cfg(not(feature = "hydrate"))]
pub(super) fn is_language_switch(_: &leptos::ev::SubmitEvent) -> bool {
    false
}

#[cfg(not(feature = "hydrate"))]
pub(super) fn form_pairs(_: &leptos::ev::SubmitEvent) -> Option<Vec<(String, String)>> {
    None
}

#[cfg(feature = "hydrate")]
pub(super) async fn post_json(url: &str, body: String) -> Result<(u16, String), ()> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    let headers = web_sys::Headers::new().map_err(|_| ())?;
    headers.set("Content-Type", "application/json").map_err(|_| ())?;
    headers.set("Accept", "application/json").map_err(|_| ())?;
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(())?;
    let resp: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|_| ())?.dyn_into().map_err(|_| ())?;
    let text = JsFuture::from(resp.text().map_err(|_| ())?).await.map_err(|_| ())?.as_string().unwrap_or_default();
    Ok((resp.status(), text))
}

#[cfg(not(feature = "hydrate"))]
pub(super) async fn post_json(_: &str, _: String) -> Result<(u16, String), ()> {
    Err(())
}
