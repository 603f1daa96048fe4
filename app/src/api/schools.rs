use crate::error::AppError;
use crate::model::{SchoolPage, SchoolSummary};
use leptos::prelude::*;

/// One page (from 0) of the schools the signed-in person may see whose
/// name or town has every word of `search`, by name.
#[server(endpoint = "school_directory")]
pub async fn school_directory(
    #[server(default)] search: String,
    #[server(default)] page: Option<u32>,
) -> Result<SchoolPage, AppError> {
    let store = super::store()?;
    let (_, signed_in) = super::signed_in()?;
    let visible = signed_in.viewer.visible_schools();
    let size = crate::model::SCHOOLS_PAGE_SIZE;
    server::page_of_schools(&store, visible.as_deref(), None, search, page, size).await
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::error::AppError;
    use crate::model::SchoolPage;
    use crate::store::schools::SchoolSearch;
    use crate::store::Store;

    /// Longest search kept, in characters: more is cut off, not refused.
    const SEARCH_MAX_CHARS: usize = 100;

    /// One page of `size` schools matching `search`; a page past the last
    /// shows the last.
    pub(crate) async fn page_of_schools(
        store: &Store,
        only: Option<&[String]>,
        network: Option<(i64, bool)>,
        search: String,
        page: Option<u32>,
        size: u32,
    ) -> Result<SchoolPage, AppError> {
        let search: String = search.trim().chars().take(SEARCH_MAX_CHARS).collect();
        let size = u64::from(size.max(1));
        let mut query = SchoolSearch {
            only,
            network,
            text: &search,
            offset: u64::from(page.unwrap_or(0)) * size,
            limit: size,
        };
        let (mut schools, total) = store
            .search_schools(&query)
            .await
            .map_err(super::super::failed)?;
        let last = total.saturating_sub(1) / size;
        if schools.is_empty() && query.offset / size > last {
            query.offset = last * size;
            schools = store
                .search_schools(&query)
                .await
                .map_err(super::super::failed)?
                .0;
        }
        Ok(SchoolPage {
            schools,
            total: u32::try_from(total).unwrap_or(u32::MAX),
            page: u32::try_from(query.offset / size).unwrap_or(0),
            search,
        })
    }
}

/// Every school the signed-in person may see, by name (for choosers that
/// list a person's own few schools; lists of many use [`school_directory`]).
#[server(endpoint = "list_schools")]
pub async fn list_schools() -> Result<Vec<SchoolSummary>, AppError> {
    let store = super::store()?;
    let (_, signed_in) = super::signed_in()?;
    store
        .list_schools(signed_in.viewer.visible_schools())
        .await
        .map_err(super::failed)
}

/// Adds a school from the form's raw values (certification admins).
#[server(endpoint = "add_school")]
pub async fn add_school(
    name: String,
    phase: String,
    city: String,
    learners: String,
) -> Result<SchoolSummary, AppError> {
    use crate::domain::{Action, NewSchool, SchoolInputError};
    use crate::model::SchoolForm;
    use crate::store::StoreError;

    let (store, session, _) = super::authorize(Action::CreateSchool).await?;
    let form = SchoolForm {
        name,
        phase,
        city,
        learners,
    };
    let refuse = |problems: Vec<SchoolInputError>, form: SchoolForm| {
        AppError::InvalidSchool { problems, form }.respond()
    };
    let new = NewSchool::parse(&form.name, &form.phase, &form.city, &form.learners)
        .map_err(|problems| refuse(problems, form.clone()))?;
    match store.add_school(&new, &session.actor()).await {
        Ok(school) => {
            tracing::info!(school = %school.id, "school added");
            super::back_with("added", &school.name);
            Ok(school)
        }
        Err(StoreError::Duplicate(_)) => Err(refuse(vec![SchoolInputError::NameTaken], form)),
        Err(other) => Err(super::failed(other)),
    }
}
