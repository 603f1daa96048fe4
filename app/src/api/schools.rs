use crate::error::AppError;
use crate::model::SchoolSummary;
use leptos::prelude::*;

/// Every school, by name.
#[server(endpoint = "list_schools")]
pub async fn list_schools() -> Result<Vec<SchoolSummary>, AppError> {
    let store = super::store()?;
    store
        .list_schools()
        .await
        .map_err(|e| AppError::from(e).respond())
}

/// Adds a school from the form's raw values.
#[server(endpoint = "add_school")]
pub async fn add_school(
    name: String,
    phase: String,
    city: String,
    learners: String,
) -> Result<SchoolSummary, AppError> {
    use crate::domain::{NewSchool, SchoolInputError};
    use crate::model::SchoolForm;
    use crate::store::StoreError;

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
    let store = super::store()?;
    match store.add_school(&new).await {
        Ok(school) => {
            tracing::info!(school = %school.id, "school added");
            Ok(school)
        }
        Err(StoreError::Duplicate(_)) => Err(refuse(vec![SchoolInputError::NameTaken], form)),
        Err(other) => Err(AppError::from(other).respond()),
    }
}
