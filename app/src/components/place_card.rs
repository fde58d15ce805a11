use leptos::prelude::*;

use crate::components::map_page::{NewTab, use_map_page};
use chrono::NaiveDate;

use crate::format::{date_fr, day_fr, hours_lines, phone_fr};
use crate::model::plain_words::PlainWords;
use crate::model::stop::LocatedStop;
use crate::model::{Place, page_path};

/// What a resident needs to know about one place: where, when, how to reach it, what it
/// helps with, and where the information comes from.
/// With `link`, the card leads to the place's own page.
#[component]
pub fn PlaceCard(
    place: Place,
    #[prop(default = true)] link: bool,
    /// The day at the server: a mobile service's next stops are counted from it.
    today: NaiveDate,
) -> impl IntoView {
    let page = page_path(&place);
    let target = use_map_page().link_target();
    let stops = place.stops.clone();
    let mobile = !stops.is_empty();
    let f = place.properties;
    let here = place.location;
    let address = [
        Some(f.adresse.clone()),
        f.complement_adresse.clone(),
        Some(format!("{} {}", f.code_postal, f.commune)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");

    let list = |title: &'static str, items: Vec<String>| {
        (!items.is_empty()).then(|| {
            view! {
                <div class="rubrique">
                    <h3>{title}</h3>
                    <ul>{items.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };

    // No heading over nothing: many sources give no contact at all.
    let has_contact = f.telephone.is_some() || !f.courriels.is_empty() || !f.site_web.is_empty();
    view! {
        <div class="fiche">
            {link
                .then(|| {
                    view! {
                        <p class="vers-fiche">
                            <a href=page target=target>"Voir la fiche complète : horaires, itinéraire, événements"<NewTab /></a>
                        </p>
                    }
                })}
            {mobile.then(|| view! { <Stops stops today /> })}
            <p class="adresse">
                {mobile.then_some("Adresse du service : ")}
                {address}
            </p>
            <p class="territoire">
                "Communauté de communes : " {here.epci_nom} " (zone " {here.zone.as_str()} ")"
            </p>
            <div class="rubrique">
                <h3>{if mobile { "Horaires du service" } else { "Horaires" }}</h3>
                {match f.horaires {
                    Some(h) => {
                        view! {
                            <ul class="horaires">
                                {hours_lines(&h)
                                    .into_iter()
                                    .map(|l| view! { <li>{l}</li> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <p class="horaires-inconnus">
                                "Horaires non renseignés."
                                {check_before_going(f.telephone.is_some(), !f.courriels.is_empty())
                                    .map(|advice| format!(" {advice}"))}
                            </p>
                        }
                            .into_any()
                    }
                }}
            </div>
            {has_contact.then(|| view! {
            <div class="rubrique contact">
                <h3>"Contact"</h3>
                <ul>
                    {f
                        .telephone
                        .map(|t| {
                            let shown = phone_fr(&t);
                            view! {
                                <li>
                                    "Téléphone : " <a href=format!("tel:{t}")>{shown}</a>
                                </li>
                            }
                        })}
                    {f
                        .courriels
                        .into_iter()
                        .map(|c| {
                            view! {
                                <li>
                                    "Courriel : " <a href=format!("mailto:{c}")>{c.clone()}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                    {f
                        .site_web
                        .into_iter()
                        .map(|u| {
                            view! {
                                <li>
                                    "Site : " <a href=u.to_string() rel="noopener" target=target>{u.to_string()}<NewTab /></a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
            })}
            {list("Ce lieu vous aide à", plain(&f.services))}
            {list("Comment on vous aide", plain(&f.modalites_accompagnement))}
            {list("Pour qui", plain(&f.publics_specifiquement_adresses))}
            {list("Prix", labels(&f.frais_a_charge))}
            {list("Comment venir", plain(&f.modalites_acces))}
            {list("Aide adaptée pour", plain(&f.prise_en_charge_specifique))}
            {list("Réseaux", labels(&f.dispositif_programmes_nationaux))}
            {list(
                "Labels et formations",
                labels(&f.formations_labels)
                    .into_iter()
                    .chain(f.autres_formations_labels.clone())
                    .collect(),
            )}
            <p class="provenance">
                "Source : " {f.source.unwrap_or_else(|| "non précisée".to_owned())}
                ". Mise à jour des données : " {date_fr(f.date_maj)} "."
            </p>
        </div>
    }
    .into_any()
}

/// A mobile service's stops, each with its day, hours and next date (issue 13, item 1).
#[component]
fn Stops(stops: Vec<LocatedStop>, today: NaiveDate) -> impl IntoView {
    view! {
        <div class="rubrique arrets">
            <h3>"Ce service se déplace : ses arrêts"</h3>
            <ul>
                {stops
                    .into_iter()
                    .map(|s| {
                        let place = match &s.stop.lieu {
                            Some(lieu) => format!("{} ({lieu})", s.location.commune_localisee),
                            None => s.location.commune_localisee.clone(),
                        };
                        view! {
                            <li>
                                <strong>{place}</strong>
                                {format!(" : {}, {}. ", s.stop.when_fr(), s.stop.hours_fr())}
                                {format!("Prochain passage : {}.", day_fr(s.stop.next_date(today)))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

fn plain<T: PlainWords>(values: &[T]) -> Vec<String> {
    values.iter().map(|v| v.plain().to_owned()).collect()
}

fn labels<T: std::fmt::Display>(values: &[T]) -> Vec<String> {
    values.iter().map(ToString::to_string).collect()
}

/// How to check before going, with what the place gives; nothing when it gives no way to
/// ask (issue 13, item 5: no advice that cannot be followed).
pub fn check_before_going(phone: bool, email: bool) -> Option<&'static str> {
    match (phone, email) {
        (true, _) => Some("Appelez avant de vous déplacer."),
        (false, true) => Some("Écrivez avant de vous déplacer."),
        (false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::format::hours_lines;

    #[test]
    fn reads_common_opening_hours_in_french() {
        assert_eq!(
            hours_lines("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"),
            vec![
                "Du lundi au vendredi : 9 h – 12 h et 14 h – 17 h",
                "Samedi : 9 h – 12 h"
            ]
        );
        assert_eq!(
            hours_lines("Tu,Th 14:00-17:00"),
            vec!["Mardi, jeudi : 14 h – 17 h"]
        );
    }

    #[test]
    fn keeps_what_it_does_not_understand() {
        assert_eq!(hours_lines("sunrise-sunset"), vec!["sunrise-sunset"]);
    }

    #[test]
    fn advice_only_when_it_can_be_followed() {
        use super::check_before_going;
        assert_eq!(
            check_before_going(true, false),
            Some("Appelez avant de vous déplacer.")
        );
        assert_eq!(
            check_before_going(false, true),
            Some("Écrivez avant de vous déplacer.")
        );
        assert_eq!(check_before_going(false, false), None);
    }
}
