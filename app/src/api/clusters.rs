//! Server functions for clusters of schools and their boards of practice.
//! Anyone signed in may see which clusters exist and ask to join one; only
//! the staff of member schools (and certification admins) read a board.

use crate::error::AppError;
use crate::model::{ClusterList, ClusterView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::domain::cluster::Membership;
    use crate::domain::Action;
    use crate::error::AppError;
    use crate::http::state::Session;
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
        /// Whether the viewer takes part in the cluster's research: who
        /// reads its board, and the partner experts of a network one of its
        /// schools belongs to.
        pub researches: bool,
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
        let researches = reads || partner_in_research(&store, viewer, &members).await?;
        Ok(Access {
            store,
            session,
            signed_in,
            cluster,
            acting_for,
            leads,
            reads,
            researches,
            members,
        })
    }

    /// Whether `viewer` is a partner expert of a network that one of the
    /// cluster's member schools belongs to.
    async fn partner_in_research(
        store: &Store,
        viewer: &crate::domain::Viewer,
        members: &[(crate::store::entity::school::Model, Membership)],
    ) -> Result<bool, AppError> {
        if !viewer.holds(crate::domain::Role::PartnerExpert) {
            return Ok(false);
        }
        for (school, _) in members.iter().filter(|(_, m)| *m == Membership::Member) {
            let networks = store
                .networks_of(school.id)
                .await
                .map_err(crate::api::failed)?;
            if networks
                .iter()
                .any(|(id, _)| viewer.may(Action::ResearchInNetwork, Some(id)))
            {
                return Ok(true);
            }
        }
        Ok(false)
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

        /// Refuses (and records the refusal) unless the viewer takes part
        /// in the cluster's research.
        pub(crate) async fn researching(self) -> Result<Access, AppError> {
            if self.researches {
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
        ) -> Result<crate::store::boards::CardRecord, AppError> {
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
/// `part` says which page asks: its board is marked seen for the person
/// only when it is the board's page (`board`) or the whole (empty).
#[server(endpoint = "cluster")]
pub async fn cluster(id: String, #[server(default)] part: String) -> Result<ClusterView, AppError> {
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
        let board = a
            .store
            .board(a.cluster.key, a.signed_in.account)
            .await
            .map_err(super::failed)?;
        // What the home page counts as new is what changed after this visit;
        // not noting it loses nothing but that count.
        if matches!(part.as_str(), "" | "board") {
            if let Err(error) = a.store.saw_board(a.signed_in.account, a.cluster.key).await {
                tracing::warn!(%error, "could not note a visit to a board");
            }
        }
        Some(board)
    } else {
        None
    };
    let (elements, default_language) = elements_and_language(&a).await?;
    let (meetings, update) = if a.reads {
        let year = super::this_year();
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
    let progress = if a.reads {
        let members: Vec<i64> = a
            .members
            .iter()
            .filter(|(_, m)| *m == Membership::Member)
            .map(|(s, _)| s.id)
            .collect();
        let scores: Vec<(i32, String, u32)> = a
            .store
            .results_of_schools(&members, &a.cluster.framework_id)
            .await
            .map_err(super::failed)?
            .into_iter()
            .filter(|(_, element, _)| !element.is_empty())
            .collect();
        crate::domain::dashboard::averages_by_year(&scores)
    } else {
        Vec::new()
    };
    Ok(ClusterView {
        progress,
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
    server::back_to(&format!("/clusters/{cluster}/plan"));
    Ok(saved)
}
