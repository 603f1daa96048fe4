//! A cluster's board: cards (added, edited, moved, stepped, commented on,
//! marked useful, published to the practice library), its columns, and the
//! practice library itself.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A card's text as a form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardForm {
    pub title: String,
    pub body: String,
    /// The framework elements the card addresses (checkboxes).
    #[serde(default)]
    pub elements: Vec<String>,
}

/// The card as typed, checked: a title, a body within bounds, and only
/// the framework's elements (each once).
#[cfg(feature = "ssr")]
fn checked_card(
    card: &CardForm,
    elements: &[(String, crate::domain::Text)],
) -> Result<CardForm, AppError> {
    use crate::domain::cluster::{CARD_BODY_MAX_CHARS, CARD_TITLE_MAX_CHARS};
    let invalid = || AppError::InvalidChoice.respond();
    let title = card.title.trim();
    if title.is_empty() || title.chars().count() > CARD_TITLE_MAX_CHARS {
        return Err(invalid());
    }
    if card.body.chars().count() > CARD_BODY_MAX_CHARS {
        return Err(invalid());
    }
    let mut chosen = Vec::new();
    for e in &card.elements {
        if !elements.iter().any(|(id, _)| id == e) {
            return Err(invalid());
        }
        if !chosen.contains(e) {
            chosen.push(e.clone());
        }
    }
    Ok(CardForm {
        title: title.to_owned(),
        body: card.body.trim_end().to_owned(),
        elements: chosen,
    })
}

/// A new card of practice, at the end of a column.
#[server(endpoint = "add_card")]
pub async fn add_card(
    cluster: String,
    school: String,
    column: i64,
    card: CardForm,
) -> Result<String, AppError> {
    use crate::store::boards::CardText;
    let a = super::clusters::server::access(&cluster)
        .await?
        .reading()
        .await?;
    let (school_key, _) = a.acting_school(&school).await?;
    let on_board = a
        .store
        .board_column(column)
        .await
        .map_err(super::failed)?
        .is_some_and(|c| c.cluster_id == a.cluster.key);
    if !on_board {
        return Err(AppError::NotFound.respond());
    }
    let (elements, _) = super::clusters::elements_and_language(&a).await?;
    let card = checked_card(&card, &elements)?;
    let html = crate::markdown::render(&card.body);
    let id = a
        .store
        .add_card(
            &a.cluster,
            column,
            school_key,
            a.signed_in.account,
            CardText {
                title: &card.title,
                body: &card.body,
                body_html: &html,
                elements: &card.elements,
            },
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/board"));
    Ok(id)
}

/// A card after an edit: its id and new version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edited {
    pub card: String,
    pub version: i32,
}

/// A card's new text. `version` is the one the editor started from: if
/// someone else saved the card since, nothing is overwritten (409).
#[server(endpoint = "edit_card")]
pub async fn edit_card(
    cluster: String,
    id: String,
    version: i32,
    card: CardForm,
) -> Result<Edited, AppError> {
    use crate::store::boards::CardText;
    let a = super::clusters::server::access(&cluster)
        .await?
        .reading()
        .await?;
    let record = a.card(&id).await?;
    let (elements, _) = super::clusters::elements_and_language(&a).await?;
    let card = checked_card(&card, &elements)?;
    let html = crate::markdown::render(&card.body);
    let version = a
        .store
        .edit_card(
            &a.cluster,
            &record,
            version,
            CardText {
                title: &card.title,
                body: &card.body,
                body_html: &html,
                elements: &card.elements,
            },
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/board"));
    Ok(Edited { card: id, version })
}

/// Moves a card to a column and a place in it (drag and drop).
#[server(endpoint = "move_card")]
pub async fn move_card(
    cluster: String,
    id: String,
    column: i64,
    position: u32,
) -> Result<(), AppError> {
    let a = super::clusters::server::access(&cluster)
        .await?
        .reading()
        .await?;
    let record = a.card(&id).await?;
    a.store
        .move_card(
            &a.cluster,
            &record,
            (column, position as usize),
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/board"));
    Ok(())
}

/// Where a card went, to say so to the person who moved it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub card: String,
    /// The step asked for ("left", …), so the page can keep focus on its button.
    pub step: String,
    pub title: String,
    pub column: String,
    /// The card's place in the column, from 1.
    pub place: u32,
}

/// Moves a card one step (the keyboard's way): "left", "right", "up" or
/// "down". At an edge the card stays where it is.
#[server(endpoint = "step_card")]
pub async fn step_card(cluster: String, id: String, step: String) -> Result<Moved, AppError> {
    use crate::domain::cluster::Move;
    let step = Move::parse(&step).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let a = super::clusters::server::access(&cluster)
        .await?
        .reading()
        .await?;
    let record = a.card(&id).await?;
    let (columns, layout) = a.store.layout(a.cluster.key).await.map_err(super::failed)?;
    let Some(to) = layout.target(&record.key, step) else {
        // At the edge already: nothing to do.
        let at = layout
            .find(&record.key)
            .unwrap_or(crate::domain::cluster::Place {
                column: 0,
                position: 0,
            });
        let column = column_name(&a, columns.get(at.column).copied()).await?;
        let place = u32::try_from(at.position + 1).unwrap_or(u32::MAX);
        return Ok(Moved {
            card: record.id,
            step: step.as_str().to_owned(),
            title: record.title,
            column,
            place,
        });
    };
    a.store
        .move_card(
            &a.cluster,
            &record,
            (columns[to.column], to.position),
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    let column = column_name(&a, columns.get(to.column).copied()).await?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/board#card-{id}"));
    let place = u32::try_from(to.position + 1).unwrap_or(u32::MAX);
    Ok(Moved {
        card: record.id,
        step: step.as_str().to_owned(),
        title: record.title,
        column,
        place,
    })
}

#[cfg(feature = "ssr")]
async fn column_name(
    a: &super::clusters::server::Access,
    column: Option<i64>,
) -> Result<String, AppError> {
    let Some(key) = column else {
        return Ok(String::new());
    };
    Ok(a.store
        .board_column(key)
        .await
        .map_err(super::failed)?
        .map(|c| c.name)
        .unwrap_or_default())
}

/// A comment on a card.
#[server(endpoint = "comment_card")]
pub async fn comment_card(cluster: String, id: String, body: String) -> Result<String, AppError> {
    use crate::domain::cluster::COMMENT_MAX_CHARS;
    let a = super::clusters::server::access(&cluster)
        .await?
        .reading()
        .await?;
    let record = a.card(&id).await?;
    let body = super::clusters::server::text(&body, COMMENT_MAX_CHARS, true)?;
    a.store
        .comment_on_card(
            &a.cluster,
            &record,
            a.signed_in.account,
            &body,
            &a.session.actor(),
        )
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/board#card-{id}"));
    Ok(id)
}

/// Marks a card useful, or takes the mark back. Returns whether it is marked.
#[server(endpoint = "toggle_useful")]
pub async fn toggle_useful(cluster: String, id: String) -> Result<bool, AppError> {
    let a = super::clusters::server::access(&cluster)
        .await?
        .reading()
        .await?;
    let record = a.card(&id).await?;
    let marked = a
        .store
        .toggle_useful(&a.cluster, &record, a.signed_in.account)
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/board#card-{id}"));
    Ok(marked)
}

/// The cluster lead renames a board column.
#[server(endpoint = "rename_column")]
pub async fn rename_column(cluster: String, column: i64, name: String) -> Result<(), AppError> {
    use crate::domain::cluster::COLUMN_NAME_MAX_CHARS;
    let a = super::clusters::server::access(&cluster)
        .await?
        .leading()
        .await?;
    let name = super::clusters::server::text(&name, COLUMN_NAME_MAX_CHARS, true)?;
    a.store
        .rename_column(&a.cluster, column, &name, &a.session.actor())
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/board"));
    Ok(())
}

/// The lead moves a board column one place ("left" or "right").
#[server(endpoint = "move_column")]
pub async fn move_column(cluster: String, column: i64, step: String) -> Result<bool, AppError> {
    use crate::domain::cluster::Move;
    let step = match Move::parse(&step) {
        Some(step @ (Move::Left | Move::Right)) => step,
        _ => return Err(AppError::InvalidChoice.respond()),
    };
    let a = super::clusters::server::access(&cluster)
        .await?
        .leading()
        .await?;
    let moved = a
        .store
        .move_column(&a.cluster, column, step, &a.session.actor())
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/board"));
    Ok(moved)
}

/// Puts a card into the network's practice library (`publish` = true) or
/// takes it out: its author or the cluster's lead.
#[server(endpoint = "publish_card")]
pub async fn publish_card(cluster: String, id: String, publish: bool) -> Result<bool, AppError> {
    use crate::domain::Action;
    let a = super::clusters::server::access(&cluster)
        .await?
        .reading()
        .await?;
    let record = a.card(&id).await?;
    if !(a.leads || record.author == a.signed_in.account) {
        let action = Action::LeadCluster;
        return Err(super::refuse(&a.store, &a.session, action, None, AppError::Forbidden).await);
    }
    a.store
        .publish_card(&a.cluster, &record, publish, &a.session.actor())
        .await
        .map_err(super::failed)?;
    super::clusters::server::back_to(&format!("/clusters/{cluster}/board#card-{id}"));
    Ok(publish)
}

/// The network's practice library: cards clusters chose to share, for
/// everyone signed in, newest first.
#[server(endpoint = "practice_library")]
pub async fn practice_library() -> Result<crate::model::PracticeLibrary, AppError> {
    let store = super::store()?;
    super::signed_in()?;
    let cards = store.practice_library(500).await.map_err(super::failed)?;
    let (elements, default_language) =
        super::clusters::elements_of(&store, crate::domain::cluster::CLUSTER_FRAMEWORK).await?;
    Ok(crate::model::PracticeLibrary {
        cards,
        elements,
        default_language,
    })
}
