//! Server functions for clusters of schools and their boards of practice.
//! Anyone signed in may see which clusters exist and ask to join one; only
//! the staff of member schools (and certification admins) read a board.

use crate::error::AppError;
use crate::model::{ClusterList, ClusterView};
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

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::domain::cluster::Membership;
    use crate::domain::Action;
    use crate::error::AppError;
    use crate::http::Session;
    use crate::store::accounts::SignedIn;
    use crate::store::clusters::ClusterRecord;
    use crate::store::Store;

    /// The viewer's standing in one cluster.
    pub(crate) struct Access {
        pub store: Store,
        pub session: Session,
        pub signed_in: SignedIn,
        pub cluster: ClusterRecord,
        /// Member schools the viewer works at: (key, public id, name).
        pub acting_for: Vec<(i64, String, String)>,
        /// Whether the viewer manages the cluster (its lead, or an admin).
        pub leads: bool,
        /// Whether the viewer may read the board.
        pub reads: bool,
        /// Every school linked to the cluster, with its state.
        pub members: Vec<(crate::store::entity::school::Model, Membership)>,
    }

    pub(crate) async fn access(id: &str) -> Result<Access, AppError> {
        let store = crate::api::store()?;
        let (session, signed_in) = crate::api::signed_in()?;
        let cluster = store
            .cluster(id)
            .await
            .map_err(crate::api::failed)?
            .ok_or_else(|| AppError::NotFound.respond())?;
        let members = store
            .cluster_members(cluster.key)
            .await
            .map_err(crate::api::failed)?;
        let viewer = &signed_in.viewer;
        let member_ids: Vec<&str> = members
            .iter()
            .filter(|(_, m)| *m == Membership::Member)
            .map(|(s, _)| s.public_id.as_str())
            .collect();
        let acting = crate::domain::cluster::acting_for(viewer, &member_ids);
        let acting_for: Vec<(i64, String, String)> = members
            .iter()
            .filter(|(s, _)| acting.contains(&s.public_id.as_str()))
            .map(|(s, _)| (s.id, s.public_id.clone(), s.name.clone()))
            .collect();
        let lead_school = members
            .iter()
            .find(|(s, _)| s.id == cluster.lead_school)
            .map(|(s, _)| s.public_id.as_str())
            .unwrap_or_default();
        let leads = crate::domain::cluster::leads(viewer, lead_school);
        let reads = leads || !acting_for.is_empty();
        Ok(Access {
            store,
            session,
            signed_in,
            cluster,
            acting_for,
            leads,
            reads,
            members,
        })
    }

    impl Access {
        /// Refuses (and records the refusal) unless the viewer reads the board.
        pub(crate) async fn reading(self) -> Result<Access, AppError> {
            if self.reads {
                Ok(self)
            } else {
                let action = Action::CollaborateInCluster;
                Err(crate::api::refuse(
                    &self.store,
                    &self.session,
                    action,
                    None,
                    AppError::Forbidden,
                )
                .await)
            }
        }

        /// Refuses unless the viewer manages the cluster.
        pub(crate) async fn leading(self) -> Result<Access, AppError> {
            if self.leads {
                Ok(self)
            } else {
                let action = Action::LeadCluster;
                Err(crate::api::refuse(
                    &self.store,
                    &self.session,
                    action,
                    None,
                    AppError::Forbidden,
                )
                .await)
            }
        }

        /// The member school the viewer acts for: the one named, or their only one.
        pub(crate) async fn acting_school(&self, school: &str) -> Result<(i64, String), AppError> {
            let found = if school.is_empty() && self.acting_for.len() == 1 {
                self.acting_for.first()
            } else {
                self.acting_for.iter().find(|(_, id, _)| id == school)
            };
            match found {
                Some((key, id, _)) => Ok((*key, id.clone())),
                None => {
                    let action = Action::CollaborateInCluster;
                    Err(crate::api::refuse(
                        &self.store,
                        &self.session,
                        action,
                        None,
                        AppError::Forbidden,
                    )
                    .await)
                }
            }
        }

        /// The key of a school the viewer may take into (or out of) a
        /// cluster: its coordinator or cluster lead.
        pub(crate) async fn joining(&self, school: &str) -> Result<i64, AppError> {
            if !self.signed_in.viewer.may(Action::JoinCluster, Some(school)) {
                let (action, error) = (Action::JoinCluster, AppError::Forbidden);
                let refused =
                    crate::api::refuse(&self.store, &self.session, action, Some(school), error);
                return Err(refused.await);
            }
            self.school_key(school).await
        }

        pub(crate) async fn school_key(&self, school: &str) -> Result<i64, AppError> {
            Ok(self
                .store
                .school(school)
                .await
                .map_err(crate::api::failed)?
                .ok_or_else(|| AppError::NotFound.respond())?
                .key)
        }

        /// A card of this cluster's board.
        pub(crate) async fn card(
            &self,
            id: &str,
        ) -> Result<crate::store::clusters::CardRecord, AppError> {
            self.store
                .card(id)
                .await
                .map_err(crate::api::failed)?
                .filter(|c| c.cluster == self.cluster.key)
                .ok_or_else(|| AppError::NotFound.respond())
        }
    }

    pub(crate) fn back_to(path: &str) {
        crate::api::redirect_after_form(path);
    }

    /// Trimmed text no longer than `max` characters, or a form error.
    pub(crate) fn text(value: &str, max: usize, required: bool) -> Result<String, AppError> {
        let value = value.trim();
        if value.chars().count() > max || (required && value.is_empty()) {
            Err(AppError::InvalidChoice.respond())
        } else {
            Ok(value.to_owned())
        }
    }
}

/// Every cluster, and the schools for which the viewer may found one: a
/// lead's own schools, or for admins the first schools matching
/// `lead_search` (every school is too many to offer at once).
#[server(endpoint = "clusters")]
pub async fn list_clusters(
    #[server(default)] lead_search: String,
) -> Result<ClusterList, AppError> {
    use super::schools::server::page_of_schools;
    use crate::domain::cluster::Membership;
    use crate::domain::Action;
    use crate::model::{ClusterSummary, SchoolPage, SCHOOLS_PAGE_SIZE};
    let store = super::store()?;
    let (_, signed_in) = super::signed_in()?;
    let viewer = &signed_in.viewer;
    let clusters = store
        .clusters()
        .await
        .map_err(super::failed)?
        .into_iter()
        .map(|(c, schools)| {
            let lead = schools
                .iter()
                .find(|(s, _)| s.id == c.lead_school)
                .map(|(s, _)| s.name.clone())
                .unwrap_or_default();
            let members = schools
                .iter()
                .filter(|(_, m)| *m == Membership::Member)
                .count();
            let mine = schools.iter().any(|(s, m)| {
                *m == Membership::Member
                    && viewer.may(Action::CollaborateInCluster, Some(&s.public_id))
            });
            ClusterSummary {
                id: c.id,
                name: c.name,
                kind: c.kind,
                lead_school: lead,
                members: u32::try_from(members).unwrap_or(u32::MAX),
                mine,
            }
        })
        .collect();
    let may_found = if viewer.may(Action::ManageClusters, None) {
        page_of_schools(&store, None, None, lead_search, None, SCHOOLS_PAGE_SIZE).await?
    } else {
        let schools: Vec<_> = store
            .list_schools(Some(viewer.own_schools()))
            .await
            .map_err(super::failed)?
            .into_iter()
            .filter(|s| viewer.may(Action::LeadCluster, Some(&s.id)))
            .collect();
        SchoolPage {
            total: u32::try_from(schools.len()).unwrap_or(u32::MAX),
            schools,
            ..Default::default()
        }
    };
    Ok(ClusterList {
        clusters,
        may_found,
    })
}

/// A school's cluster lead (or an admin) founds a cluster led by that school.
#[server(endpoint = "found_cluster")]
pub async fn found_cluster(
    name: String,
    kind: String,
    lead_school: String,
    description: String,
) -> Result<String, AppError> {
    use crate::domain::cluster::ClusterKind;
    use crate::domain::Action;
    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    let viewer = &signed_in.viewer;
    if !(viewer.may(Action::LeadCluster, Some(&lead_school))
        || viewer.may(Action::ManageClusters, None))
    {
        let action = Action::LeadCluster;
        return Err(super::refuse(
            &store,
            &session,
            action,
            Some(&lead_school),
            AppError::Forbidden,
        )
        .await);
    }
    let kind = ClusterKind::parse(&kind).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let name = server::text(&name, 160, true)?;
    let description = server::text(&description, 4000, false)?;
    let school = store
        .school(&lead_school)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let id = store
        .found_cluster(&name, kind, school.key, &description, &session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/clusters/{id}"));
    Ok(id)
}

/// One cluster: its members, and its board for those who may read it.
#[server(endpoint = "cluster")]
pub async fn cluster(id: String) -> Result<ClusterView, AppError> {
    use crate::domain::cluster::Membership;
    use crate::domain::Action;
    use crate::model::{ClusterMember, SchoolSummary};
    let a = server::access(&id).await?;
    let viewer = &a.signed_in.viewer;
    // Members' strengths come from their validated reviews: for those who
    // read the board, not for everyone who can see the cluster exists.
    let strengths = if a.reads {
        member_strengths(&a).await?
    } else {
        std::collections::HashMap::new()
    };
    let members = a
        .members
        .iter()
        .filter(|(_, m)| *m == Membership::Member || a.leads)
        .map(|(s, m)| ClusterMember {
            strengths: strengths.get(&s.id).cloned().unwrap_or_default(),
            school: SchoolSummary {
                id: s.public_id.clone(),
                name: s.name.clone(),
                phase: s.phase.clone(),
                city: s.city.clone(),
                learners: u32::try_from(s.learners).unwrap_or(0),
                current_award: s.current_award.clone(),
            },
            state: *m,
            lead: s.id == a.cluster.lead_school,
        })
        .collect();
    // Schools the viewer could ask to join with (or has asked for).
    let linked: Vec<&str> = a
        .members
        .iter()
        .map(|(s, _)| s.public_id.as_str())
        .collect();
    let may_join = a
        .store
        .list_schools(Some(viewer.own_schools()))
        .await
        .map_err(super::failed)?
        .into_iter()
        .filter(|s| {
            viewer.may(Action::JoinCluster, Some(&s.id)) && !linked.contains(&s.id.as_str())
        })
        .map(|s| (s.id, s.name))
        .collect();
    let may_leave = a
        .members
        .iter()
        .filter(|(s, m)| {
            *m == Membership::Member
                && s.id != a.cluster.lead_school
                && viewer.may(Action::JoinCluster, Some(&s.public_id))
        })
        .map(|(s, _)| (s.public_id.clone(), s.name.clone()))
        .collect();
    let board = if a.reads {
        Some(
            a.store
                .board(a.cluster.key, a.signed_in.account)
                .await
                .map_err(super::failed)?,
        )
    } else {
        None
    };
    let (elements, default_language) = elements_and_language(&a).await?;
    let (meetings, update) = if a.reads {
        let year = super::meetings::this_year();
        let meetings = a
            .store
            .meetings(a.cluster.key)
            .await
            .map_err(super::failed)?;
        let (sections, submitted_at) = a
            .store
            .annual_update(a.cluster.key, year)
            .await
            .map_err(super::failed)?;
        let update = crate::model::AnnualUpdateView {
            year,
            sections,
            submitted_at,
        };
        (meetings, Some(update))
    } else {
        (Vec::new(), None)
    };
    Ok(ClusterView {
        meetings,
        update,
        id: a.cluster.id.clone(),
        name: a.cluster.name.clone(),
        kind: a.cluster.kind,
        description: a.cluster.description.clone(),
        development_plan_version: a.cluster.development_plan_version,
        development_plan: if a.reads {
            a.cluster.development_plan.clone()
        } else {
            String::new()
        },
        members,
        elements,
        default_language,
        board,
        acting_for: a
            .acting_for
            .iter()
            .map(|(_, id, name)| (id.clone(), name.clone()))
            .collect(),
        leads: a.leads,
        may_join,
        may_leave,
    })
}

/// Each member school's two strongest elements in its latest validated
/// assessment, by school key.
#[cfg(feature = "ssr")]
async fn member_strengths(
    a: &server::Access,
) -> Result<std::collections::HashMap<i64, Vec<String>>, AppError> {
    use crate::domain::cluster::Membership;
    let keys: Vec<i64> = a
        .members
        .iter()
        .filter(|(_, m)| *m == Membership::Member)
        .map(|(s, _)| s.id)
        .collect();
    let validated = a
        .store
        .latest_validated(&keys)
        .await
        .map_err(super::failed)?;
    let mut strengths = std::collections::HashMap::new();
    for (school, (fw_id, fw_version, ratings)) in validated {
        let fw = a
            .store
            .framework(&fw_id, &fw_version)
            .await
            .map_err(super::failed)?;
        let best = crate::domain::review::validated_strengths(&fw, &ratings, 2);
        strengths.insert(school, best);
    }
    Ok(strengths)
}

/// A school asks to join the cluster.
#[server(endpoint = "ask_to_join")]
pub async fn ask_to_join(cluster: String, school: String) -> Result<(), AppError> {
    let a = server::access(&cluster).await?;
    let key = a.joining(&school).await?;
    a.store
        .request_to_join(&a.cluster, (key, &school), &a.session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/clusters/{cluster}"));
    Ok(())
}

/// The cluster lead accepts (`answer` = "accept") or declines a request.
#[server(endpoint = "answer_join")]
pub async fn answer_join(cluster: String, school: String, answer: String) -> Result<(), AppError> {
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::InvalidChoice.respond()),
    };
    let a = server::access(&cluster).await?.leading().await?;
    let key = a.school_key(&school).await?;
    a.store
        .answer_join_request(&a.cluster, (key, &school), accept, &a.session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/clusters/{cluster}"));
    Ok(())
}

/// A member school leaves the cluster.
#[server(endpoint = "leave_cluster")]
pub async fn leave_cluster(cluster: String, school: String) -> Result<(), AppError> {
    let a = server::access(&cluster).await?;
    let key = a.joining(&school).await?;
    a.store
        .leave_cluster(&a.cluster, (key, &school), &a.session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to("/clusters");
    Ok(())
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
    use crate::store::clusters::CardText;
    let a = server::access(&cluster).await?.reading().await?;
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
    let (elements, _) = elements_and_language(&a).await?;
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
    server::back_to(&format!("/clusters/{cluster}"));
    Ok(id)
}

/// The cluster's framework elements (id, title) and the framework's
/// default language.
#[cfg(feature = "ssr")]
pub(crate) async fn elements_and_language(
    a: &server::Access,
) -> Result<(Vec<(String, crate::domain::Text)>, String), AppError> {
    elements_of(&a.store, &a.cluster.framework_id).await
}

/// A framework's elements (id, title) and default language, by framework id.
#[cfg(feature = "ssr")]
pub(crate) async fn elements_of(
    store: &crate::store::Store,
    framework: &str,
) -> Result<(Vec<(String, crate::domain::Text)>, String), AppError> {
    Ok(store
        .latest_framework(framework)
        .await
        .map_err(super::failed)?
        .map(|fw| {
            (
                fw.elements
                    .iter()
                    .map(|e| (e.id.clone(), e.title.clone()))
                    .collect(),
                fw.default_language.clone(),
            )
        })
        .unwrap_or_default())
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
    use crate::store::clusters::CardText;
    let a = server::access(&cluster).await?.reading().await?;
    let record = a.card(&id).await?;
    let (elements, _) = elements_and_language(&a).await?;
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
    server::back_to(&format!("/clusters/{cluster}"));
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
    let a = server::access(&cluster).await?.reading().await?;
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
    server::back_to(&format!("/clusters/{cluster}"));
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
    let a = server::access(&cluster).await?.reading().await?;
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
    server::back_to(&format!("/clusters/{cluster}#card-{id}"));
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
async fn column_name(a: &server::Access, column: Option<i64>) -> Result<String, AppError> {
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
    let a = server::access(&cluster).await?.reading().await?;
    let record = a.card(&id).await?;
    let body = server::text(&body, COMMENT_MAX_CHARS, true)?;
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
    server::back_to(&format!("/clusters/{cluster}#card-{id}"));
    Ok(id)
}

/// Marks a card useful, or takes the mark back. Returns whether it is marked.
#[server(endpoint = "toggle_useful")]
pub async fn toggle_useful(cluster: String, id: String) -> Result<bool, AppError> {
    let a = server::access(&cluster).await?.reading().await?;
    let record = a.card(&id).await?;
    let marked = a
        .store
        .toggle_useful(&a.cluster, &record, a.signed_in.account)
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/clusters/{cluster}#card-{id}"));
    Ok(marked)
}

/// The cluster lead writes the annual development plan, over the version
/// they started from (a newer plan is never overwritten: 409). Returns the
/// new version.
#[server(endpoint = "save_development_plan")]
pub async fn save_development_plan(
    cluster: String,
    plan: String,
    version: i32,
) -> Result<i32, AppError> {
    let a = server::access(&cluster).await?.leading().await?;
    let plan = server::text(&plan, 20_000, false)?;
    let saved = a
        .store
        .set_development_plan(&a.cluster, &plan, version, &a.session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/clusters/{cluster}"));
    Ok(saved)
}

/// The cluster lead renames a board column.
#[server(endpoint = "rename_column")]
pub async fn rename_column(cluster: String, column: i64, name: String) -> Result<(), AppError> {
    use crate::domain::cluster::COLUMN_NAME_MAX_CHARS;
    let a = server::access(&cluster).await?.leading().await?;
    let name = server::text(&name, COLUMN_NAME_MAX_CHARS, true)?;
    a.store
        .rename_column(&a.cluster, column, &name, &a.session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/clusters/{cluster}"));
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
    let a = server::access(&cluster).await?.leading().await?;
    let moved = a
        .store
        .move_column(&a.cluster, column, step, &a.session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/clusters/{cluster}"));
    Ok(moved)
}

/// Puts a card into the network's practice library (`publish` = true) or
/// takes it out: its author or the cluster's lead.
#[server(endpoint = "publish_card")]
pub async fn publish_card(cluster: String, id: String, publish: bool) -> Result<bool, AppError> {
    use crate::domain::Action;
    let a = server::access(&cluster).await?.reading().await?;
    let record = a.card(&id).await?;
    if !(a.leads || record.author == a.signed_in.account) {
        let action = Action::LeadCluster;
        return Err(super::refuse(&a.store, &a.session, action, None, AppError::Forbidden).await);
    }
    a.store
        .publish_card(&a.cluster, &record, publish, &a.session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/clusters/{cluster}#card-{id}"));
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
        elements_of(&store, crate::domain::cluster::CLUSTER_FRAMEWORK).await?;
    Ok(crate::model::PracticeLibrary {
        cards,
        elements,
        default_language,
    })
}
