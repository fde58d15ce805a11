//! The contributions database (issue 16), the same tests on both backends: SQLite (a file,
//! the default) and PostgreSQL (the throwaway server of the test command).

use app::model::Zone;
use carto82::dataset::Published;
use carto82::participation::{Acted, Contributions, Kind, Role, Status, Token};
use carto82_e2e::each_backend;
use chrono::Utc;

fn event(title: &str) -> serde_json::Value {
    serde_json::json!({"type": "Feature", "properties": {"titre": title}})
}

/// Proposes an event titled `title` in `zone`, under the follow-up of `token` (a new one
/// when none): the follow-up's token.
async fn propose(store: &Contributions, token: Option<&Token>, title: &str, zone: Zone) -> Token {
    store
        .propose(
            token,
            None,
            Kind::Event,
            &event(title),
            Some(zone),
            Utc::now(),
        )
        .await
        .unwrap()
        .expect("a known follow-up")
}

#[tokio::test]
async fn a_proposal_is_kept_under_its_follow_up_and_the_token_is_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut sqlite_token = None;
    for url in each_backend(dir.path()).await {
        let store = Contributions::open(&url).await.unwrap();
        let content = event("Atelier");
        let token = store
            .propose(
                None,
                Some("a@b.fr"),
                Kind::Event,
                &content,
                Some(Zone::Est),
                Utc::now(),
            )
            .await
            .unwrap()
            .unwrap();
        propose(&store, Some(&token), "Atelier", Zone::Est).await;
        let unknown = Token::parse(&"0".repeat(64)).unwrap();
        let refused = store
            .propose(
                Some(&unknown),
                None,
                Kind::Event,
                &content,
                Some(Zone::Est),
                Utc::now(),
            )
            .await
            .unwrap();
        assert_eq!(refused, None, "{url}");
        drop(store);
        // Opened again: the migrations find nothing to do, the proposals are there.
        let store = Contributions::open(&url).await.unwrap();
        let listed = store.follow_up(&token).await.unwrap().unwrap();
        assert_eq!(listed.len(), 2, "{url}");
        assert!(listed.iter().all(|p| p.status == Status::Recue));
        assert_eq!(listed[0].content, content);
        assert_eq!(listed[0].email.as_deref(), Some("a@b.fr"));
        assert_eq!(store.follow_up(&unknown).await.unwrap(), None);
        if url.starts_with("sqlite:") {
            sqlite_token = Some(token);
        }
    }
    // The SQLite files hold the token's fingerprint, never the token.
    let mut files = std::fs::read(dir.path().join("base.sqlite")).unwrap();
    files.extend(std::fs::read(dir.path().join("base.sqlite-wal")).unwrap_or_default());
    let token = sqlite_token.expect("the SQLite run");
    let needle = token.as_str().as_bytes();
    assert!(!files.windows(needle.len()).any(|w| w == needle));
}

#[tokio::test]
async fn of_two_actions_on_one_version_the_second_is_told_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for url in each_backend(dir.path()).await {
        let store = Contributions::open(&url).await.unwrap();
        let token = propose(&store, None, "Atelier", Zone::Ouest).await;
        let id = store.follow_up(&token).await.unwrap().unwrap()[0]
            .id
            .clone();
        let first = store.act(&id, 1, "anne", Status::Acceptee, None, Utc::now());
        let second = store.act(
            &id,
            1,
            "bruno",
            Status::Refusee,
            Some("Hors sujet"),
            Utc::now(),
        );
        let (first, second) = tokio::join!(first, second);
        let mut outcomes = [first.unwrap(), second.unwrap()];
        outcomes.sort_by_key(|o| format!("{o:?}"));
        assert_eq!(outcomes, [Acted::Conflict, Acted::Done], "{url}");
        let now = store.proposal(&id).await.unwrap().unwrap();
        assert_eq!(now.version, 2);
        assert_eq!(now.history.len(), 1, "one action kept");
        assert_eq!(now.history[0].status, now.status);
        let unknown = store
            .act("p-inconnue", 1, "anne", Status::Acceptee, None, Utc::now())
            .await
            .unwrap();
        assert_eq!(unknown, Acted::NotFound);
        // A referent sees its zone only.
        let count = |role, status| {
            let store = &store;
            async move { store.queue(role, status).await.unwrap().len() }
        };
        assert_eq!(count(Role::Referent(Zone::Est), None).await, 0);
        assert_eq!(count(Role::Referent(Zone::Ouest), None).await, 1);
        assert_eq!(count(Role::Coordinator, Some(Status::Recue)).await, 0);
    }
}

#[tokio::test]
async fn each_decision_raises_the_change_number_and_only_published_ones_are_served() {
    let dir = tempfile::tempdir().unwrap();
    for url in each_backend(dir.path()).await {
        let store = Contributions::open(&url).await.unwrap();
        let token = propose(&store, None, "Un", Zone::Centre).await;
        propose(&store, Some(&token), "Deux", Zone::Centre).await;
        let ids: Vec<String> = store
            .follow_up(&token)
            .await
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        let before = store.changes().await.unwrap();
        assert_eq!(store.published().await.unwrap(), Published::default());
        let done = store
            .act(&ids[1], 1, "anne", Status::Publiee, None, Utc::now())
            .await
            .unwrap();
        assert_eq!(done, Acted::Done);
        assert_eq!(store.changes().await.unwrap(), before + 1, "{url}");
        assert_eq!(store.published().await.unwrap().events, vec![event("Deux")]);
        let conflict = store
            .act(&ids[1], 1, "bruno", Status::Refusee, None, Utc::now())
            .await
            .unwrap();
        assert_eq!(conflict, Acted::Conflict);
        assert_eq!(
            store.changes().await.unwrap(),
            before + 1,
            "nothing written"
        );
        store
            .act(
                &ids[1],
                2,
                "anne",
                Status::Refusee,
                Some("Annulé"),
                Utc::now(),
            )
            .await
            .unwrap();
        assert_eq!(store.changes().await.unwrap(), before + 2);
        assert_eq!(
            store.published().await.unwrap(),
            Published::default(),
            "withdrawn"
        );
    }
}

#[tokio::test]
async fn a_burst_of_proposals_at_once_is_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    for url in each_backend(dir.path()).await {
        let store = Contributions::open(&url).await.unwrap();
        let sent = futures::future::join_all((0..100).map(|n| {
            let store = &store;
            async move { propose(store, None, &format!("Atelier {n}"), Zone::Est).await }
        }))
        .await;
        let mut titles = Vec::new();
        for token in &sent {
            for proposal in store.follow_up(token).await.unwrap().unwrap() {
                titles.push(
                    proposal.content["properties"]["titre"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                );
            }
        }
        titles.sort();
        let mut expected: Vec<String> = (0..100).map(|n| format!("Atelier {n}")).collect();
        expected.sort();
        assert_eq!(titles, expected, "{url}");
    }
}
