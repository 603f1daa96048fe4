//! The network dashboard: one network's schools (for its network admins
//! and certification admins) or every school (certification admins),
//! optionally one region's.

use crate::error::AppError;
use crate::model::DashboardView;
use leptos::prelude::*;

/// The dashboard for `network` (a public id; empty for the viewer's first
/// network, or every school for certification admins) and `region` (empty
/// for all regions).
#[server(endpoint = "network_dashboard")]
pub async fn network_dashboard(network: String, region: String) -> Result<DashboardView, AppError> {
    use crate::domain::dashboard::weakest;
    use crate::domain::Action;
    use crate::store::dashboard::Scope;
    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    let viewer = &signed_in.viewer;
    let all_schools = viewer.may(Action::ManageNetworks, None);
    let networks: Vec<(String, String)> = store
        .list_networks(viewer.visible_networks())
        .await
        .map_err(super::failed)?
        .into_iter()
        .map(|n| (n.id, n.name))
        .collect();
    let network = match network.as_str() {
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
        let action = Action::ViewNetwork;
        return Err(super::refuse(&store, &session, action, None, AppError::Forbidden).await);
    }
    let (key, scope_name) = if network.is_empty() {
        (None, String::new())
    } else {
        let (key, name) = store
            .network_key(&network)
            .await
            .map_err(super::failed)?
            .ok_or_else(|| AppError::NotFound.respond())?;
        (Some(key), name)
    };
    let region = region.trim().to_owned();
    let scope = Scope {
        network: key,
        region: (!region.is_empty()).then_some(region.as_str()),
    };
    let today = chrono::Utc::now().date_naive();
    let figures = store
        .dashboard_figures(scope, today)
        .await
        .map_err(super::failed)?;
    let fw = store
        .latest_framework(crate::domain::cluster::CLUSTER_FRAMEWORK)
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
        network,
        scope_name,
        region,
        networks,
        all_schools,
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

/// A school's validated scores per element, review by review, for the
/// people who may see its self-assessments.
#[server(endpoint = "school_results")]
pub async fn school_results(school: String) -> Result<crate::model::SchoolResults, AppError> {
    use crate::domain::Action;
    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    if !signed_in
        .viewer
        .may(Action::ViewSelfAssessment, Some(&school))
    {
        let action = Action::ViewSelfAssessment;
        return Err(
            super::refuse(&store, &session, action, Some(&school), AppError::NotFound).await,
        );
    }
    let key = store
        .school(&school)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?
        .key;
    let mut years: Vec<(i32, Vec<(String, u32)>)> = Vec::new();
    for (year, element, score) in store.school_results(key).await.map_err(super::failed)? {
        if element.is_empty() {
            continue;
        }
        match years.last_mut() {
            Some((y, scores)) if *y == year => scores.push((element, score)),
            _ => years.push((year, vec![(element, score)])),
        }
    }
    let (element_titles, default_language) =
        super::clusters::elements_of(&store, crate::domain::cluster::CLUSTER_FRAMEWORK).await?;
    Ok(crate::model::SchoolResults {
        years,
        element_titles,
        default_language,
    })
}
