use leptos::prelude::*;

/// A labelled drop-down list of a GET form; its first option, `all`, chooses nothing.
/// `options` are (value, shown text) pairs.
#[component]
pub fn Choice(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    all: &'static str,
    options: Vec<(String, String)>,
    chosen: Option<String>,
) -> impl IntoView {
    view! {
        <div class="champ">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="" selected=chosen.is_none()>{all}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = chosen.as_ref() == Some(&value);
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The options of a closed list, each shown as its label.
pub fn options_of<T: std::fmt::Display>(values: &[T]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|v| (v.to_string(), v.to_string()))
        .collect()
}
