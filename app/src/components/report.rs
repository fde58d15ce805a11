use leptos::prelude::*;

use crate::model::text_left_raw_by_leptos;

/// A field of the report form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportField {
    Page,
    Message,
    Courriel,
}

/// What a resident typed, given back with the reason it was refused, so that nothing typed
/// is lost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportDraft {
    pub message: String,
    pub courriel: String,
    pub problem: Option<(ReportField, String)>,
}

/// The longest message, in characters (also checked by the server).
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// For whoever runs what the page shows: the form of the call for participation that updates
/// it, which the team checks before publishing (`/participer/lieu`, `/participer/structure`).
#[component]
pub fn UpdateIt(
    /// The form, filled with the record.
    href: String,
    /// Who is asked ("Vous tenez ce lieu ?").
    who: &'static str,
    /// What the link does.
    link: &'static str,
) -> impl IntoView {
    view! { <p class="mettre-a-jour">{who}" "<a href=href>{link}</a></p> }
}

/// "Signaler une erreur": a short form sent to the coordinators (works without JavaScript).
/// With a `draft`, the form is open, filled, and says next to the field what is wrong.
#[component]
pub fn ReportError(
    /// The page the report is about.
    page: String,
    #[prop(optional)] draft: Option<ReportDraft>,
) -> impl IntoView {
    let open = draft.is_some();
    let draft = draft.unwrap_or_default();
    let problem_of = |field: ReportField| {
        draft
            .problem
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, reason)| reason.clone())
    };
    let error = |id: &'static str, reason: Option<String>| {
        reason.map(|r| view! { <p class="erreur-champ" id=id>{r}</p> })
    };
    let message_problem = problem_of(ReportField::Message);
    let courriel_problem = problem_of(ReportField::Courriel);
    let page_problem = problem_of(ReportField::Page);
    view! {
        <details class="signaler" id="signaler" open=open>
            <summary>"Signaler une erreur sur cette page"</summary>
            <form method="post" action="/signaler">
                <input type="hidden" name="page" value=page />
                {error("signaler-erreur-page", page_problem)}
                <p class="champ">
                    <label for="signaler-message">"Qu'est-ce qui est faux ou manque ?"</label>
                    {error("signaler-erreur-message", message_problem.clone())}
                    <textarea
                        id="signaler-message"
                        name="message"
                        rows="4"
                        maxlength=MAX_MESSAGE_CHARS.to_string()
                        required
                        aria-invalid=message_problem.is_some().then_some("true")
                        aria-describedby=message_problem.is_some().then_some("signaler-erreur-message")
                    >
                        {text_left_raw_by_leptos(draft.message.clone())}
                    </textarea>
                </p>
                <p class="champ">
                    <label for="signaler-courriel">"Votre courriel, si vous voulez une réponse (facultatif)"</label>
                    {error("signaler-erreur-courriel", courriel_problem.clone())}
                    <input
                        id="signaler-courriel"
                        type="email"
                        name="courriel"
                        autocomplete="email"
                        value=draft.courriel.clone()
                        aria-invalid=courriel_problem.is_some().then_some("true")
                        aria-describedby=courriel_problem.is_some().then_some("signaler-erreur-courriel")
                    />
                </p>
                <button type="submit">"Envoyer"</button>
            </form>
        </details>
    }
}
