use crate::error::AppError;
use crate::model::SchoolSummary;
use leptos::prelude::*;

/// The schools the signed-in person may see, by name.
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
            Ok(school)
        }
        Err(StoreError::Duplicate(_)) => Err(refuse(vec![SchoolInputError::NameTaken], form)),
        Err(other) => Err(super::failed(other)),
    }
}
