//! E-mails to structures (issue 16): their follow-up link when they propose, and each
//! decision of the team. Sent only when an SMTP relay is configured (`CARTO82_SMTP`); the
//! follow-up page stays the reference, so a mail that fails is logged and never holds back
//! or changes an answer.

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::Status;
use super::pages::title;
use super::store::{Kind, Proposal};

/// A message to a structure: its subject and its text.
pub struct Letter {
    pub subject: String,
    pub text: String,
}

const SIGNATURE: &str = "Ce message est envoyé par Carto82, la carte de l'aide au numérique du Tarn-et-Garonne. Vous n'avez rien à répondre.";

/// A proposal is received: the private link to follow it.
pub fn received(title: &str, link: &str) -> Letter {
    Letter {
        subject: format!("Votre proposition « {title} » est bien reçue"),
        text: format!(
            "Bonjour,\n\nVotre proposition « {title} » pour « Le 82 fait son numérique » est bien reçue.\n\n\
             Pour la suivre, ouvrez ce lien personnel. Gardez-le et ne le partagez pas :\n{link}\n\n\
             L'équipe du Département va lire votre proposition. Elle vous répondra sur cette page, et par courriel.\n\n{SIGNATURE}\n"
        ),
    }
}

/// The team decided on a proposal (or on a resident's report). The follow-up link is not
/// in it: only its fingerprint is kept.
pub fn decided(proposal: &Proposal, status: Status, message: Option<&str>) -> Letter {
    let words = message
        .map(|m| format!("Message de l'équipe :\n« {m} »\n\n"))
        .unwrap_or_default();
    match proposal.kind {
        Kind::Event | Kind::Place | Kind::Actor => {
            let title = title(proposal);
            Letter {
                subject: format!("Votre proposition « {title} » : {}", status.label()),
                text: format!(
                    "Bonjour,\n\nL'équipe du Département a lu votre proposition « {title} ».\n\n\
                     Elle est maintenant « {} ». {}\n\n{words}\
                     Pour la voir, ouvrez le lien personnel reçu quand vous l'avez envoyée (votre page de suivi).\n\n{SIGNATURE}\n",
                    status.label(),
                    status.meaning()
                ),
            }
        }
        Kind::Report => {
            let about = proposal.content["concerne"]["nom"]
                .as_str()
                .unwrap_or("la carte");
            Letter {
                subject: format!("Votre remarque sur « {about} »"),
                text: format!(
                    "Bonjour,\n\nL'équipe du Département a lu votre remarque sur « {about} ».\n\n{}\n\n{words}{SIGNATURE}\n",
                    status.about_a_report()
                ),
            }
        }
    }
}

/// Where to send from, and through which relay.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mailer({})", self.from)
    }
}

impl Mailer {
    /// `relay` is `smtp://hôte[:port]`: a relay of the machine or of the internal network,
    /// spoken to in plain SMTP (the relay encrypts onwards); `from` the sender's address.
    pub fn new(relay: &str, from: &str) -> Result<Mailer, String> {
        let url = url::Url::parse(relay).map_err(|e| format!("CARTO82_SMTP « {relay} » : {e}"))?;
        if url.scheme() != "smtp" || !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "CARTO82_SMTP « {relay} » : donnez smtp://hôte:port, sans identifiant (un relais local)"
            ));
        }
        let host = url
            .host_str()
            .ok_or_else(|| format!("CARTO82_SMTP « {relay} » : pas d'hôte"))?;
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("CARTO82_COURRIEL « {from} » : {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(url.port().unwrap_or(25))
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Mailer { transport, from })
    }

    /// Sends in the background: the answer to the person does not wait for the relay.
    pub fn send_later(&self, to: &str, letter: Letter) {
        let message = match self.message(to, &letter.subject, letter.text) {
            Ok(message) => message,
            Err(why) => {
                crate::telemetry::warn_limited(
                    "courriel",
                    &format!("courriel non préparé : {why}"),
                );
                return;
            }
        };
        let transport = self.transport.clone();
        tokio::spawn(async move {
            if let Err(err) = transport.send(message).await {
                crate::telemetry::warn_limited("courriel", &format!("courriel non envoyé : {err}"));
            }
        });
    }

    fn message(&self, to: &str, subject: &str, text: String) -> Result<Message, String> {
        let to: Mailbox = to.parse().map_err(|e| format!("destinataire : {e}"))?;
        // A subject is one line, whatever a title holds.
        let subject: String = subject
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let body = Body::new_with_encoding(text, ContentTransferEncoding::QuotedPrintable)
            .map_err(|_| "texte illisible".to_owned())?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .body(body),
            )
            .map_err(|e| e.to_string())
    }
}
