//! The network dashboard: one network's schools (for its network admins
//! and certification admins) or every school (certification admins),
//! optionally one region's; and one school's validated results.

use crate::error::AppError;
use crate::model::{DashboardView, SchoolScores};
use leptos::prelude::*;

/// Whose schools the dashboard (and its exports) are about, once the
/// viewer's right to see them is checked.
#[cfg(feature = "ssr")]
pub(crate) struct DashboardScope {
    /// The network's public id; empty for every school.
    pub network: String,
    /// The network's key; `None` for every school.
    pub key: Option<i64>,
    pub name: String,
    /// The networks the viewer may choose (public id, name).
    pub networks: Vec<(String, String)>,
    /// Whether the viewer may look at every school at once.
    pub all_schools: bool,
}

/// Works out the scope the viewer asked for: `network` is a public id, or
/// empty for every school (certification admins) or else the viewer's first
/// network. `Err(Forbidden)` is for the caller to record in the audit log.
#[cfg(feature = "ssr")]
pub(crate) async fn dashboard_scope(
    store: &crate::store::Store,
    viewer: &crate::domain::Viewer,
    network: &str,
) -> Result<DashboardScope, AppError> {
    use crate::domain::Action;
    let all_schools = viewer.may(Action::ManageNetworks, None);
    let networks: Vec<(String, String)> = store
        .list_networks(viewer.visible_networks())
        .await
        .map_err(super::failed)?
        .into_iter()
        .map(|n| (n.id, n.name))
        .collect();
    let network = match network.trim() {
        "" if all_schools => String::new(),
        "" => networks
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
        id => id.to_owned(),
    };
    let allowed = if network.is_empty() {
        all_schools
    } else {
        viewer.may(Action::ViewNetwork, Some(&network))
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let (key, name) = if network.is_empty() {
        (None, String::new())
    } else {
        let (key, name) = store
            .network_key(&network)
            .await
            .map_err(super::failed)?
            .ok_or_else(|| AppError::NotFound.respond())?;
        (Some(key), name)
    };
    Ok(DashboardScope {
        network,
        key,
        name,
        networks,
        all_schools,
    })
}

/// The framework whose validated scores the dashboard shows: `requested`
/// if it is published, else the cluster framework; and every published
/// framework to choose from (id, title).
#[cfg(feature = "ssr")]
pub(crate) async fn dashboard_framework(
    store: &crate::store::Store,
    requested: &str,
) -> Result<(String, Vec<(String, crate::domain::Text)>), AppError> {
    let mut frameworks: Vec<(String, crate::domain::Text)> = store
        .list_frameworks()
        .await
        .map_err(super::failed)?
        .into_iter()
        .map(|f| (f.id, f.title))
        .collect();
    // Versions of one framework come together, the newest last.
    frameworks.reverse();
    frameworks.dedup_by(|a, b| a.0 == b.0);
    frameworks.reverse();
    let requested = requested.trim();
    let chosen = if frameworks.iter().any(|(id, _)| id == requested) {
        requested.to_owned()
    } else {
        crate::domain::cluster::CLUSTER_FRAMEWORK.to_owned()
    };
    Ok((chosen, frameworks))
}

/// The dashboard for `network` (a public id; empty for the viewer's first
/// network, or every school for certification admins) and `region` (empty
/// for all regions), with the scores validated on `framework` (empty for
/// the cluster framework): results on different frameworks are never mixed.
#[server(endpoint = "network_dashboard")]
pub async fn network_dashboard(
    network: String,
    region: String,
    #[server(default)] framework: String,
) -> Result<DashboardView, AppError> {
    use crate::domain::dashboard::weakest;
    use crate::domain::Action;
    use crate::store::dashboard::Scope;
    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    let scope = match dashboard_scope(&store, &signed_in.viewer, &network).await {
        Ok(scope) => scope,
        Err(AppError::Forbidden) => {
            let action = Action::ViewNetwork;
            return Err(super::refuse(&store, &session, action, None, AppError::Forbidden).await);
        }
        Err(error) => return Err(error.respond()),
    };
    let region = region.trim().to_owned();
    let (framework, frameworks) = dashboard_framework(&store, &framework).await?;
    let today = chrono::Utc::now().date_naive();
    let figures = store
        .dashboard_figures(
            Scope {
                network: scope.key,
                region: (!region.is_empty()).then_some(region.as_str()),
                framework: &framework,
            },
            today,
        )
        .await
        .map_err(super::failed)?;
    let fw = store
        .latest_framework(&framework)
        .await
        .map_err(super::failed)?;
    let (element_titles, award_titles, default_language) = fw
        .map(|fw| {
            (
                fw.elements
                    .iter()
                    .map(|e| (e.id.clone(), e.title.clone()))
                    .collect::<Vec<_>>(),
                fw.awards
                    .iter()
                    .map(|a| (a.id.clone(), a.title.clone()))
                    .collect::<Vec<_>>(),
                fw.default_language.clone(),
            )
        })
        .unwrap_or_default();
    // Elements in the framework's order, so ties and charts read the same way.
    let mut elements = figures.elements;
    elements.sort_by_key(|e| {
        element_titles
            .iter()
            .position(|(id, _)| *id == e.element)
            .unwrap_or(usize::MAX)
    });
    Ok(DashboardView {
        weakest: weakest(&elements, 3),
        network: scope.network,
        framework,
        frameworks,
        scope_name: scope.name,
        region,
        networks: scope.networks,
        all_schools: scope.all_schools,
        regions: figures.regions,
        phases: figures.phases,
        awards_held: figures.awards_held,
        due_soon: figures.due_soon,
        overdue: figures.overdue,
        elements,
        by_year: figures.by_year,
        distribution: figures.distribution.to_vec(),
        schools: figures.schools,
        element_titles,
        award_titles,
        default_language,
    })
}

/// A school's validated scores per element, review by review: for the
/// people who may see its self-assessments, and for the admins of a
/// network it belongs to (the dashboard's drill-down; they see these
/// figures, not the school's records).
#[server(endpoint = "school_results")]
pub async fn school_results(
    school: String,
    #[server(default)] framework: String,
) -> Result<SchoolScores, AppError> {
    use crate::domain::Action;
    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    let viewer = &signed_in.viewer;
    let record = store.school(&school).await.map_err(super::failed)?;
    let allowed = match &record {
        Some(record) => {
            viewer.may(Action::ViewSelfAssessment, Some(&school))
                || viewer.may(Action::ManageNetworks, None)
                || store
                    .networks_of(record.key)
                    .await
                    .map_err(super::failed)?
                    .iter()
                    .any(|(n, _)| viewer.may(Action::ViewNetwork, Some(n)))
        }
        None => false,
    };
    let Some(record) = record.filter(|_| allowed) else {
        let action = Action::ViewSelfAssessment;
        return Err(
            super::refuse(&store, &session, action, Some(&school), AppError::NotFound).await,
        );
    };
    let (framework, _) = dashboard_framework(&store, &framework).await?;
    let mut years: Vec<(i32, Vec<(String, u32)>)> = Vec::new();
    let mut overall = Vec::new();
    for (year, element, score) in store
        .school_results(record.key, &framework)
        .await
        .map_err(super::failed)?
    {
        if element.is_empty() {
            overall.push((year, score));
            continue;
        }
        match years.last_mut() {
            Some((y, scores)) if *y == year => scores.push((element, score)),
            _ => years.push((year, vec![(element, score)])),
        }
    }
    let (element_titles, default_language) =
        super::clusters::elements_of(&store, &framework).await?;
    Ok(SchoolScores {
        school: crate::model::SchoolFigures {
            id: record.summary.id.clone(),
            name: record.summary.name.clone(),
            phase: record.summary.phase.clone(),
            award: record.summary.current_award.clone(),
            overall: overall.last().map(|(_, score)| *score),
        },
        region: record.region.clone(),
        learners: record.summary.learners,
        years,
        overall,
        element_titles,
        default_language,
    })
}
