//! Following the programme (issue 16): the queue's filters, the programme by zone and week
//! against its aims, each structure's proposals, what is missing before the communication
//! campaign, and the queue as a spreadsheet (CSV). Plain functions of the proposals a
//! coordinator may see; `coordination.rs` serves them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate};

use app::format::date_fr;
use app::model::{ActivityType, Theme, Zone, escape_html as e, fold};

use super::Status;
use super::pages::title;
use super::store::{Kind, Proposal};

/// The queue's filters as the URL gives them; empty values are "all".
#[derive(Debug, Default, serde::Deserialize)]
pub struct QueueQuery {
    genre: Option<String>,
    statut: Option<String>,
    zone: Option<String>,
    theme: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    du: Option<String>,
    au: Option<String>,
    structure: Option<String>,
}

/// The longest structure name searched for.
const MAX_SEARCH: usize = 200;

/// What coordinators ask of the queue. A value that means nothing is not applied, and said.
#[derive(Debug, Default)]
pub struct QueueFilter {
    genre: Option<Kind>,
    pub status: Option<Status>,
    zone: Option<Zone>,
    theme: Option<Theme>,
    kind: Option<ActivityType>,
    /// Received from this day, to that day (Paris days, both included).
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    structure: String,
    /// What could not be read, in words.
    pub unread: Vec<String>,
}

impl QueueFilter {
    pub fn read(query: &QueueQuery) -> QueueFilter {
        let mut unread = Vec::new();
        QueueFilter {
            genre: pick(
                &query.genre,
                "Genre",
                |v| Kind::ALL.into_iter().find(|k| k.code() == v),
                &mut unread,
            ),
            status: pick(&query.statut, "État", Status::from_code, &mut unread),
            zone: pick(&query.zone, "Zone", |v| v.parse().ok(), &mut unread),
            theme: pick(&query.theme, "Thème", Theme::from_label, &mut unread),
            kind: pick(&query.kind, "Type", ActivityType::from_label, &mut unread),
            from: pick(&query.du, "Reçues à partir du", day, &mut unread),
            to: pick(&query.au, "Reçues jusqu'au", day, &mut unread),
            structure: query
                .structure
                .as_deref()
                .unwrap_or_default()
                .trim()
                .chars()
                .take(MAX_SEARCH)
                .collect(),
            unread,
        }
    }

    pub fn matches(&self, p: &Proposal) -> bool {
        let props = &p.content["properties"];
        let received = paris(p.received.fixed_offset());
        self.genre.is_none_or(|k| p.kind == k)
            && self.status.is_none_or(|s| p.status == s)
            && self.zone.is_none_or(|z| p.zone == Some(z))
            && self.theme.is_none_or(|t| props["theme"] == t.label())
            && self.kind.is_none_or(|k| props["type"] == k.label())
            && self.from.is_none_or(|d| received >= d)
            && self.to.is_none_or(|d| received <= d)
            && (self.structure.is_empty() || fold(&organiser(p)).contains(&fold(&self.structure)))
    }

    /// The filters as a query string, to carry them to the CSV export.
    pub fn query_string(&self) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        for (name, value) in [
            ("genre", self.genre.map(|k| k.code().to_owned())),
            ("statut", self.status.map(|s| s.code().to_owned())),
            ("zone", self.zone.map(|z| z.as_str().to_owned())),
            ("theme", self.theme.map(|t| t.label().to_owned())),
            ("type", self.kind.map(|k| k.label().to_owned())),
            ("du", day(self.from)),
            ("au", day(self.to)),
            (
                "structure",
                Some(self.structure.clone()).filter(|s| !s.is_empty()),
            ),
        ] {
            if let Some(value) = value {
                out.append_pair(name, &value);
            }
        }
        out.finish()
    }

    /// The filters' form, showing what is applied.
    pub fn form(&self) -> String {
        let mut out = String::from(
            "<form class=\"participer filtres\" method=\"get\" action=\"/suivi\"><fieldset><legend>Trier les propositions</legend>",
        );
        let select = |out: &mut String,
                      id: &str,
                      all: &str,
                      label: &str,
                      options: Vec<(String, String)>,
                      chosen: Option<String>| {
            let _ = write!(
                out,
                "<p class=\"champ\"><label for=\"s-{id}\">{label}</label><select id=\"s-{id}\" name=\"{id}\"><option value=\"\">{all}</option>"
            );
            for (value, text) in options {
                let selected = if Some(&value) == chosen.as_ref() {
                    " selected"
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<option value=\"{}\"{selected}>{}</option>",
                    e(&value),
                    e(&text)
                );
            }
            out.push_str("</select></p>");
        };
        select(
            &mut out,
            "genre",
            "Tout",
            "Ce qui est arrivé",
            vec![
                (
                    Kind::Event.code().to_owned(),
                    "Événements proposés".to_owned(),
                ),
                (
                    Kind::Place.code().to_owned(),
                    "Lieux proposés ou corrigés".to_owned(),
                ),
                (
                    Kind::Actor.code().to_owned(),
                    "Structures présentées".to_owned(),
                ),
                (
                    Kind::Report.code().to_owned(),
                    "Signalements d'habitants".to_owned(),
                ),
            ],
            self.genre.map(|k| k.code().to_owned()),
        );
        select(
            &mut out,
            "statut",
            "Toutes",
            "Où elles en sont",
            Status::ALL
                .iter()
                .map(|s| (s.code().to_owned(), s.label().to_owned()))
                .collect(),
            self.status.map(|s| s.code().to_owned()),
        );
        select(
            &mut out,
            "zone",
            "Toutes",
            "Zone",
            Zone::ALL
                .iter()
                .map(|z| (z.as_str().to_owned(), z.as_str().to_owned()))
                .collect(),
            self.zone.map(|z| z.as_str().to_owned()),
        );
        select(
            &mut out,
            "theme",
            "Tous",
            "Thème",
            Theme::ALL
                .iter()
                .map(|t| (t.label().to_owned(), t.label().to_owned()))
                .collect(),
            self.theme.map(|t| t.label().to_owned()),
        );
        select(
            &mut out,
            "type",
            "Tous",
            "Type d'activité",
            ActivityType::ALL
                .iter()
                .map(|k| (k.label().to_owned(), k.label().to_owned()))
                .collect(),
            self.kind.map(|k| k.label().to_owned()),
        );
        let date = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let _ = write!(
            out,
            concat!(
                "<p class=\"champ\"><label for=\"s-du\">Reçues à partir du</label><input id=\"s-du\" name=\"du\" type=\"date\" value=\"{}\"></p>",
                "<p class=\"champ\"><label for=\"s-au\">Reçues jusqu'au</label><input id=\"s-au\" name=\"au\" type=\"date\" value=\"{}\"></p>",
                "<p class=\"champ\"><label for=\"s-structure\">Structure</label><span class=\"aide\" id=\"s-structure-aide\">Une partie de son nom suffit.</span>",
                "<input id=\"s-structure\" name=\"structure\" type=\"text\" maxlength=\"{}\" aria-describedby=\"s-structure-aide\" value=\"{}\"></p>",
                "</fieldset><p class=\"boutons\"><button type=\"submit\">Afficher</button></p></form>"
            ),
            date(self.from),
            date(self.to),
            MAX_SEARCH,
            e(&self.structure)
        );
        out
    }
}

/// The value of a filter, when one is given; one that means nothing is noted in `unread`.
fn pick<T>(
    value: &Option<String>,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    unread: &mut Vec<String>,
) -> Option<T> {
    let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    let parsed = parse(value);
    if parsed.is_none() {
        unread.push(format!(
            "{what} : « {} » n'est pas une valeur connue.",
            short(value)
        ));
    }
    parsed
}

fn short(text: &str) -> String {
    let mut kept: String = text.chars().take(40).collect();
    if kept.len() < text.len() {
        kept.push('…');
    }
    kept
}

/// A day as a date field sends it (2027-04-14), or as typed (14/04/2027).
fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

fn paris(at: DateTime<FixedOffset>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Paris).date_naive()
}

/// The start and end of a proposed event's first slot.
pub fn first_slot(p: &Proposal) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
    let slot = p.content["properties"]["creneaux"][0].as_object()?;
    let at = |k: &str| {
        slot.get(k)?
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
    };
    Some((at("debut")?, at("fin")?))
}

/// Who organises it, as the proposal names them.
fn organiser(p: &Proposal) -> String {
    p.content["properties"]["organisateur"]
        .as_str()
        .unwrap_or("Structure sans nom")
        .to_owned()
}

/// What a proposal still lacks before the programme is announced, in words.
fn missing(p: &Proposal) -> Vec<&'static str> {
    let props = &p.content["properties"];
    let mut lacks = Vec::new();
    if props["accessibilite"].as_array().is_none_or(Vec::is_empty) {
        lacks.push("rien sur l'accessibilité");
    }
    let registration = &props["inscription"];
    let means = ["lien", "telephone", "courriel"]
        .iter()
        .any(|k| registration[k].as_str().is_some_and(|v| !v.is_empty()));
    if registration["mode"] != "libre" && !means {
        lacks.push("inscription obligatoire, mais sans lien, téléphone ni courriel");
    }
    if props["lieu_id"].as_str().is_none_or(str::is_empty) {
        lacks.push("lieu à confirmer : une adresse écrite, pas un lieu de l'annuaire");
    }
    lacks
}

/// The counts of one group of proposals, by status.
#[derive(Default)]
struct Counts(BTreeMap<&'static str, usize>);

impl Counts {
    fn add(&mut self, status: Status) {
        *self.0.entry(status.code()).or_default() += 1;
    }

    fn of(&self, status: Status) -> usize {
        self.0.get(status.code()).copied().unwrap_or_default()
    }

    /// "2 reçues, 1 à compléter": the statuses that have some, refused ones left out.
    fn in_words(&self) -> String {
        let words: Vec<String> = [
            (Status::Recue, "reçue", "reçues"),
            (Status::ACompleter, "à compléter", "à compléter"),
            (Status::Acceptee, "acceptée", "acceptées"),
            (Status::Publiee, "publiée", "publiées"),
        ]
        .into_iter()
        .filter_map(|(s, one, many)| match self.of(s) {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        })
        .collect();
        if words.is_empty() {
            "—".to_owned()
        } else {
            words.join(", ")
        }
    }
}

/// The aim of each zone: events in this many towns at least, and every theme.
pub const TOWNS_AIM: usize = 2;

/// `/suivi/programme`: the programme by zone and week, the aims, each structure's
/// proposals and what is missing, for the proposals of `zones`.
/// `campaign` is the day the communication campaign starts, when the call says.
pub fn programme_page(
    proposals: &[Proposal],
    zones: &[Zone],
    campaign: Option<NaiveDate>,
) -> String {
    let mut out = String::from(
        "<p><a href=\"/suivi\">← Les propositions</a></p><h1>Le suivi du programme</h1>",
    );
    out.push_str("<p class=\"intro\">Les événements proposés, semaine par semaine (la semaine de leur date), et ce qui manque avant la campagne de communication. Les propositions refusées ne sont pas comptées.</p>");
    // The programme is made of events; residents' reports are followed in the queue.
    let events: Vec<&Proposal> = proposals.iter().filter(|p| p.kind == Kind::Event).collect();
    let counted: Vec<&Proposal> = events
        .iter()
        .copied()
        .filter(|p| p.status != Status::Refusee)
        .collect();

    // Zone × week.
    let mut weeks: BTreeMap<Option<NaiveDate>, BTreeMap<Zone, Counts>> = BTreeMap::new();
    for p in &counted {
        let monday = first_slot(p).map(|(start, _)| {
            let d = paris(start);
            d - Days::new(u64::from(d.weekday().num_days_from_monday()))
        });
        if let Some(zone) = p.zone {
            weeks
                .entry(monday)
                .or_default()
                .entry(zone)
                .or_default()
                .add(p.status);
        }
    }
    out.push_str("<h2>Par semaine et par zone</h2>");
    if weeks.is_empty() {
        out.push_str("<p>Aucun événement proposé pour le moment.</p>");
    } else {
        out.push_str("<div class=\"tableau-defilant\" tabindex=\"0\"><table><caption>Événements proposés, par semaine et par zone</caption><thead><tr><th scope=\"col\">Semaine du</th>");
        for zone in zones {
            let _ = write!(out, "<th scope=\"col\">{}</th>", zone.as_str());
        }
        out.push_str("</tr></thead><tbody>");
        for (monday, by_zone) in &weeks {
            let week = monday.map_or("Sans date".to_owned(), date_fr);
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", e(&week));
            for zone in zones {
                let cell = by_zone.get(zone).map_or("—".to_owned(), Counts::in_words);
                let _ = write!(out, "<td>{}</td>", e(&cell));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div>");
    }

    // The aims, on what is published.
    let _ = write!(
        out,
        "<h2>Les objectifs par zone</h2><p>Dans chaque zone : des événements publiés dans {TOWNS_AIM} à 3 communes, et sur chaque thème.</p><ul class=\"objectifs\">"
    );
    for zone in zones {
        let published: Vec<&&Proposal> = counted
            .iter()
            .filter(|p| p.zone == Some(*zone) && p.status == Status::Publiee)
            .collect();
        let towns: BTreeSet<&str> = published
            .iter()
            .filter_map(|p| p.content["properties"]["commune"].as_str())
            .collect();
        let themes: BTreeSet<&str> = published
            .iter()
            .filter_map(|p| p.content["properties"]["theme"].as_str())
            .collect();
        let missing_themes: Vec<&str> = Theme::ALL
            .iter()
            .map(|t| t.label())
            .filter(|t| !themes.contains(t))
            .collect();
        let towns_said = match towns.len() {
            0 => "aucune commune".to_owned(),
            1 => format!(
                "1 commune ({})",
                towns.iter().next().copied().unwrap_or_default()
            ),
            n => format!(
                "{n} communes ({})",
                towns.iter().copied().collect::<Vec<_>>().join(", ")
            ),
        };
        let towns_aim = if towns.len() >= TOWNS_AIM {
            "objectif atteint".to_owned()
        } else {
            format!("il en manque {}", TOWNS_AIM - towns.len())
        };
        let themes_said = if missing_themes.is_empty() {
            "tous les thèmes sont là".to_owned()
        } else {
            format!("thèmes sans événement : {}", missing_themes.join(", "))
        };
        let _ = write!(
            out,
            "<li><strong>{}</strong> : {} – {} ; {}.</li>",
            zone.as_str(),
            e(&towns_said),
            e(&towns_aim),
            e(&themes_said)
        );
    }
    out.push_str("</ul>");

    // Each structure.
    let mut structures: BTreeMap<String, (String, Counts)> = BTreeMap::new();
    for p in &events {
        let name = organiser(p);
        structures
            .entry(fold(&name))
            .or_insert_with(|| (name, Counts::default()))
            .1
            .add(p.status);
    }
    out.push_str("<h2>Par structure</h2>");
    if structures.is_empty() {
        out.push_str("<p>Aucune structure n'a encore proposé d'événement.</p>");
    } else {
        out.push_str("<div class=\"tableau-defilant\" tabindex=\"0\"><table><caption>Les propositions de chaque structure</caption><thead><tr><th scope=\"col\">Structure</th>");
        for s in Status::ALL {
            let _ = write!(
                out,
                "<th scope=\"col\">{}</th>",
                e(&app::format::capitalised(s.label()))
            );
        }
        out.push_str("</tr></thead><tbody>");
        for (name, counts) in structures.values() {
            let filter = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("structure", name)
                .finish();
            let _ = write!(
                out,
                "<tr><th scope=\"row\"><a href=\"/suivi?{}\">{}</a></th>",
                e(&filter),
                e(name)
            );
            for s in Status::ALL {
                let _ = write!(out, "<td>{}</td>", counts.of(s));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div>");
    }

    // Missing.
    let _ = write!(
        out,
        "<h2>Ce qui manque avant la campagne de communication{}</h2>",
        campaign.map_or(String::new(), |d| format!(" (le {})", date_fr(d)))
    );
    let lacking: Vec<(&Proposal, Vec<&str>)> = counted
        .iter()
        .map(|p| (*p, missing(p)))
        .filter(|(_, lacks)| !lacks.is_empty())
        .collect();
    if lacking.is_empty() {
        out.push_str("<p>Rien ne manque.</p>");
    } else {
        out.push_str("<ul class=\"manques\">");
        for (p, lacks) in lacking {
            let _ = write!(
                out,
                "<li><a href=\"/suivi/{}\">{}</a> : {}.</li>",
                e(&p.id),
                e(&title(p)),
                e(&lacks.join(" ; "))
            );
        }
        out.push_str("</ul>");
    }
    out
}

/// The proposals as a spreadsheet, one line each, for a French spreadsheet program. A cell that a spreadsheet would read as
/// a formula (= + - @) starts with an apostrophe: the text is shown, never computed.
pub fn spreadsheet(proposals: &[Proposal]) -> Result<Vec<u8>, csv::Error> {
    // As French spreadsheets open it: a byte-order mark says UTF-8, « ; » separates.
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record([
        "identifiant",
        "genre",
        "état",
        "zone",
        "titre",
        "thème",
        "type",
        "jour",
        "début",
        "fin",
        "lieu",
        "adresse",
        "code postal",
        "commune",
        "lieu de l'annuaire",
        "organisateur",
        "structure de l'annuaire",
        "public",
        "accessibilité",
        "inscription",
        "prix",
        "manque",
        "reçue le",
        "courriel",
        "page signalée",
        "message de l'habitant",
    ])?;
    for p in proposals {
        let props = &p.content["properties"];
        let text = |k: &str| props[k].as_str().unwrap_or_default().to_owned();
        let (day, start, end) = first_slot(p).map_or(Default::default(), |(s, f)| {
            (
                s.format("%d/%m/%Y").to_string(),
                s.format("%H:%M").to_string(),
                f.format("%H:%M").to_string(),
            )
        });
        let accessibility: Vec<&str> = props["accessibilite"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.as_str())
            .collect();
        let registration = &props["inscription"];
        let registration = ["mode", "lien", "telephone", "courriel"]
            .iter()
            .filter_map(|k| registration[k].as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let row = [
            p.id.clone(),
            p.kind.label().to_owned(),
            p.status.label().to_owned(),
            p.zone.map(Zone::as_str).unwrap_or_default().to_owned(),
            title(p),
            text("theme"),
            text("type"),
            day,
            start,
            end,
            text("lieu_nom"),
            text("adresse"),
            text("code_postal"),
            text("commune"),
            text("lieu_id"),
            text("organisateur"),
            text("organisateur_id"),
            text("public"),
            accessibility.join(", "),
            registration,
            text("prix"),
            if p.kind == Kind::Event {
                missing(p).join(" ; ")
            } else {
                String::new()
            },
            paris(p.received.fixed_offset())
                .format("%d/%m/%Y")
                .to_string(),
            p.email.clone().unwrap_or_default(),
            p.content["page"].as_str().unwrap_or_default().to_owned(),
            p.content["message"].as_str().unwrap_or_default().to_owned(),
        ];
        out.write_record(row.iter().map(|cell| inert(cell)))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

fn inert(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}
