//! `/mentions-legales` and `/accessibilite`: the legal notice and the RGAA 4.1 accessibility
//! statement, written by the server from `data/publication.json` (issue 13, item 25). Plain
//! documents: no code to download, readable on any phone.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use app::model::escape_html;
use app::model::publication::Publication;
use app::{ReportDraft, server_html};

use crate::dataset::Store;
use crate::plain_page::document;

/// The parts of a page, escaped as they are written.
#[derive(Default)]
struct Html(String);

impl Html {
    fn raw(mut self, html: &str) -> Self {
        self.0.push_str(html);
        self
    }
    fn tag(self, tag: &str, text: &str) -> Self {
        let text = escape_html(text);
        self.raw(&format!("<{tag}>{text}</{tag}>"))
    }
    fn list(self, items: &[String], none: &str) -> Self {
        if items.is_empty() {
            return self.tag("p", none);
        }
        let lis: String = items
            .iter()
            .map(|i| format!("<li>{}</li>", escape_html(i)))
            .collect();
        self.raw(&format!("<ul>{lis}</ul>"))
    }
    fn link(self, href: &str, text: &str) -> Self {
        let (href, text) = (escape_html(href), escape_html(text));
        self.raw(&format!("<a href=\"{href}\">{text}</a>"))
    }
}

/// Said first when the texts are the ones shipped with Carto82.
const EXAMPLE: &str =
    "Ce texte est un exemple. L'organisme qui publie Carto82 doit encore le compléter.";

fn answer(req: &HttpRequest, status: StatusCode, title: &str, main: Html) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(document(
            req,
            &format!("{title} – Carto82"),
            Some("page-texte"),
            &main.0,
        ))
}

fn not_written(req: &HttpRequest, title: &str) -> HttpResponse {
    let main = Html::default().tag("h1", title).tag(
        "p",
        "Ce texte n'est pas encore publié. L'organisme qui publie Carto82 doit l'écrire.",
    );
    answer(req, StatusCode::NOT_FOUND, title, main)
}

fn with_publication(
    req: &HttpRequest,
    store: &Store,
    title: &str,
    page: impl FnOnce(&Publication) -> Html,
) -> HttpResponse {
    let dataset = store.current();
    match &dataset.publication {
        Some(p) => {
            let start = Html::default().tag("h1", title);
            let start = if p.exemple {
                start.raw(&format!("<p class=\"alerte\">{}</p>", escape_html(EXAMPLE)))
            } else {
                start
            };
            answer(req, StatusCode::OK, title, start.raw(&page(p).0))
        }
        None => not_written(req, title),
    }
}

/// `GET /mentions-legales`
pub async fn legal_notice(req: HttpRequest, store: web::Data<Store>) -> HttpResponse {
    with_publication(&req, &store, "Mentions légales", |p| {
        let e = &p.editeur;
        let mut editor = vec![e.nom.clone(), e.adresse.clone()];
        editor.extend(
            e.telephone
                .as_deref()
                .map(|t| format!("Téléphone : {}", app::format::phone_fr(t))),
        );
        editor.extend(e.courriel.as_ref().map(|c| format!("Courriel : {c}")));
        editor.push(format!(
            "Directeur ou directrice de la publication : {}",
            e.directeur_publication
        ));
        let mut host = vec![p.hebergeur.nom.clone(), p.hebergeur.adresse.clone()];
        host.extend(
            p.hebergeur
                .site
                .as_ref()
                .map(|s| format!("Site : {}", s.as_str())),
        );
        let page = Html::default()
            .tag("h2", "Qui publie ce site")
            .list(&editor, "")
            .raw(
                &e.site
                    .as_ref()
                    .map(|s| format!("<p><a href=\"{0}\">{0}</a></p>", escape_html(s.as_str())))
                    .unwrap_or_default(),
            )
            .tag("h2", "Qui héberge ce site")
            .list(&host, "")
            .tag("h2", "Les données")
            .raw("<p>Les données de Carto82 sont ouvertes, sous Licence Ouverte 2.0 : vous pouvez les réutiliser en citant la source. ")
            .link("/api", "Voir les données ouvertes")
            .raw(".</p>")
            .tag("h2", "Vos données personnelles");
        let page = p
            .donnees_personnelles
            .iter()
            .fold(page, |page, paragraph| page.tag("p", paragraph));
        page.tag("h2", "Accessibilité")
            .raw("<p>")
            .link(app::ACCESSIBILITY, "Lire la déclaration d'accessibilité")
            .raw(".</p>")
    })
}

/// `GET /accessibilite`: the RGAA 4.1 statement, in the order of the official model.
pub async fn accessibility_statement(req: HttpRequest, store: web::Data<Store>) -> HttpResponse {
    with_publication(&req, &store, "Déclaration d'accessibilité", |p| {
        let a = &p.accessibilite;
        // The vocabulary's own label: the words the footer uses too.
        let state = a.etat.label();
        let contact = match &a.contact_courriel {
            Some(mail) => Html::default()
                .raw("<li>")
                .link(&format!("mailto:{mail}"), &format!("Écrire à {mail}"))
                .raw("</li>"),
            None => Html::default().tag("li", "Écrire avec le formulaire ci-dessous"),
        };
        let form = if a.contact_courriel.is_none() {
            server_html::report_form(app::ACCESSIBILITY.to_owned(), ReportDraft::default())
        } else {
            String::new()
        };
        Html::default()
            .tag(
                "p",
                &format!(
                    "{} s'engage à rendre son site accessible à tous, comme le demande l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration s'applique à Carto82.",
                    p.editeur.nom
                ),
            )
            .tag("h2", "État de conformité")
            .raw(&format!(
                "<p>Carto82 est <strong>{}</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1. {}</p>",
                escape_html(state),
                escape_html(&a.explication)
            ))
            .tag("h2", "Comment le site est vérifié")
            .list(&a.verifications, "")
            .tag("h2", "Contenus non accessibles")
            .tag("h3", "Non-conformités")
            .list(&a.non_conformites, "Aucune non-conformité connue.")
            .tag("h3", "Dérogations")
            .list(&a.derogations, "Aucune dérogation.")
            .tag("h2", "Date de cette déclaration")
            .tag(
                "p",
                &format!("Cette déclaration a été établie le {}.", app::format::date_fr(a.date)),
            )
            .tag("h2", "Signaler un problème")
            .tag(
                "p",
                "Si vous n'arrivez pas à utiliser une page ou un service, dites-le nous : nous vous donnerons l'information autrement, ou nous corrigerons la page.",
            )
            .raw("<ul>")
            .raw(&contact.0)
            .tag("li", &format!("Écrire par la poste : {}", a.contact_adresse))
            .raw("</ul>")
            .raw(&form)
            .tag("h2", "Voies de recours")
            .tag(
                "p",
                "Si vous avez signalé un problème d'accessibilité et que vous n'avez pas eu de réponse satisfaisante, vous pouvez :",
            )
            .raw("<ul><li>")
            .link(
                "https://formulaire.defenseurdesdroits.fr/",
                "écrire un message au Défenseur des droits",
            )
            .raw(" ;</li><li>")
            .link(
                "https://www.defenseurdesdroits.fr/saisir/delegues",
                "contacter le délégué du Défenseur des droits dans votre région",
            )
            .raw(" ;</li>")
            .tag(
                "li",
                "envoyer un courrier par la poste (gratuit, sans timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
            )
            .raw("</ul>")
    })
}
