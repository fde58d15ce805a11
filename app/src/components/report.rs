use leptos::prelude::*;

/// "Signaler une erreur": a short form sent to the coordinators (works without JavaScript).
#[component]
pub fn ReportError(
    /// The page the report is about.
    page: String,
) -> impl IntoView {
    view! {
        <details class="signaler" id="signaler">
            <summary>"Signaler une erreur sur cette page"</summary>
            <form method="post" action="/signaler">
                <input type="hidden" name="page" value=page />
                <p class="champ">
                    <label for="signaler-message">"Qu'est-ce qui est faux ou manque ?"</label>
                    <textarea id="signaler-message" name="message" rows="4" maxlength="2000" required></textarea>
                </p>
                <p class="champ">
                    <label for="signaler-courriel">"Votre courriel, si vous voulez une réponse (facultatif)"</label>
                    <input id="signaler-courriel" type="email" name="courriel" autocomplete="email" />
                </p>
                <button type="submit">"Envoyer"</button>
            </form>
        </details>
    }
}
