use super::ErrorMessage;
use crate::api::schools::{school_directory, AddSchool};
use crate::codec::resource;
use crate::components::field::{ErrorSummary, Field};
use crate::components::layout::PageTitle;
use crate::domain::{Phase, SchoolField, SchoolInputError};
use crate::error::AppError;
use crate::i18n::*;
pub use crate::islands::schools::phase_label;
use crate::model::SchoolForm;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SchoolsPage() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddSchool>::new();
    let query = use_query_map();
    let search = move || query.with(|q| q.get("q").unwrap_or_default());
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok()));
    let schools = resource(
        move || (search(), page(), add.version().get()),
        |(search, page, _)| school_directory(search, page),
    );
    let person = crate::components::layout::use_current_person();
    view! {
        <PageTitle text=move || t_string!(i18n, schools.title).to_owned() />
        <h1>{t!(i18n, schools.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match schools.await {
                    Ok(found) => {
                        use crate::components::islands::{IslandPage, IslandScripts};
                        use crate::islands::schools::SchoolSearch;
                        let search = search_untracked(query);
                        view! { <SchoolSearch page=IslandPage::here() search found /> <IslandScripts /> }.into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let admin = matches!(
                    person.await,
                    Ok(Some(me)) if me.viewer.may(crate::domain::Action::CreateSchool, None)
                );
                admin.then(|| view! { <AddSchoolForm action=add /> })
            })}
        </Suspense>
    }
}

/// The words in the address's `q` when the page opened.
fn search_untracked(query: Memo<leptos_router::params::ParamsMap>) -> String {
    query.with_untracked(|q| q.get("q").unwrap_or_default())
}

/// The message shown for one problem with the form.
fn problem_message(i18n: I18nContext<Locale>, problem: &SchoolInputError) -> String {
    use SchoolField as F;
    use SchoolInputError as E;
    match *problem {
        E::Missing { field: F::Name } => t_string!(i18n, err.name_missing).to_string(),
        E::Missing { field: F::City } => t_string!(i18n, err.city_missing).to_string(),
        E::Missing { .. } => t_string!(i18n, err.learners_missing).to_string(),
        E::TooLong { field: F::City, .. } => t_string!(i18n, err.city_too_long).to_string(),
        E::TooLong { .. } => t_string!(i18n, err.name_too_long).to_string(),
        E::NotANumber { .. } => t_string!(i18n, err.learners_not_a_number).to_string(),
        E::OutOfRange { .. } => t_string!(i18n, err.learners_range).to_string(),
        E::UnknownPhase => t_string!(i18n, err.phase).to_string(),
        E::NameTaken => t_string!(i18n, err.name_taken).to_string(),
    }
}

fn field_id(field: SchoolField) -> &'static str {
    match field {
        SchoolField::Name => "name",
        SchoolField::Phase => "phase",
        SchoolField::City => "city",
        SchoolField::Learners => "learners",
    }
}

/// The "add a school" form. It posts to the server function as a plain form
/// when the page's script has not loaded, and through the action when it has.
#[component]
fn AddSchoolForm(action: ServerAction<AddSchool>) -> impl IntoView {
    let i18n = use_i18n();
    let result = action.value();
    let refused = move || match result.get() {
        Some(Err(AppError::InvalidSchool { problems, form })) => Some((problems, form)),
        _ => None,
    };
    let problems = Signal::derive(move || {
        refused()
            .map(|(problems, _)| {
                problems
                    .iter()
                    .map(|p| (field_id(p.field()), problem_message(i18n, p)))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let error_for = move |field: SchoolField| {
        Signal::derive(move || {
            problems
                .get()
                .into_iter()
                .find(|(id, _)| *id == field_id(field))
                .map(|(_, message)| message)
        })
    };
    let typed = move || {
        refused()
            .map(|(_, form)| form)
            .unwrap_or_else(SchoolForm::default)
    };
    let failure = move || match result.get() {
        Some(Err(AppError::InvalidSchool { .. })) | Some(Ok(_)) | None => None,
        Some(Err(other)) => Some(other),
    };
    // On the page drawn after the form came back: the name in the address.
    let added_here = leptos_router::hooks::use_query_map().with_untracked(|q| {
        (q.get("done").as_deref() == Some("add_school"))
            .then(|| q.get("added"))
            .flatten()
    });
    let added = move || match result.get() {
        Some(Ok(school)) => Some(school.name),
        _ => added_here.clone(),
    };
    let invalid =
        move |field: SchoolField| move || error_for(field).get().is_some().then_some("true");
    view! {
        <section class="panel" aria-labelledby="add-school-heading">
            <h2 id="add-school-heading">{t!(i18n, schools.add_heading)}</h2>
            <div role="status" class="notice-slot">
                {move || {
                    added().map(|name| view! { <p class="notice notice-success">{t!(i18n, schools.added, name = name.clone())}</p> })
                }}
            </div>
            {move || failure().map(|error| view! { <ErrorMessage error /> })}
            <ErrorSummary problems />
            <ActionForm action>
                <Field
                    id="name"
                    label=move || t!(i18n, schools.field_name)
                    error=error_for(SchoolField::Name)
                >
                    <input
                        class="input"
                        id="name"
                        name="name"
                        type="text"
                        autocomplete="organization"
                        aria-describedby="name-error"
                        aria-invalid=invalid(SchoolField::Name)
                        value=move || typed().name
                    />
                </Field>
                <Field id="phase" label=move || t!(i18n, schools.field_phase) error=error_for(SchoolField::Phase)>
                    <select
                        class="select"
                        id="phase"
                        name="phase"
                        aria-describedby="phase-error"
                        aria-invalid=invalid(SchoolField::Phase)
                    >
                        <option value="">{t!(i18n, schools.phase_choose)}</option>
                        {Phase::ALL
                            .into_iter()
                            .map(|phase| {
                                view! {
                                    <option
                                        value=phase.as_str()
                                        selected=move || typed().phase == phase.as_str()
                                    >
                                        {move || phase_label(i18n, phase.as_str())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </Field>
                <Field id="city" label=move || t!(i18n, schools.field_city) error=error_for(SchoolField::City)>
                    <input
                        class="input"
                        id="city"
                        name="city"
                        type="text"
                        autocomplete="address-level2"
                        aria-describedby="city-error"
                        aria-invalid=invalid(SchoolField::City)
                        value=move || typed().city
                    />
                </Field>
                <Field
                    id="learners"
                    label=move || t!(i18n, schools.field_learners)
                    hint=move || t!(i18n, schools.field_learners_hint)
                    error=error_for(SchoolField::Learners)
                >
                    <input
                        class="input input-short"
                        id="learners"
                        name="learners"
                        type="text"
                        inputmode="numeric"
                        aria-describedby="learners-hint learners-error"
                        aria-invalid=invalid(SchoolField::Learners)
                        value=move || typed().learners
                    />
                </Field>
                <button type="submit" class="button">
                    {t!(i18n, schools.submit)}
                </button>
            </ActionForm>
        </section>
    }
}
