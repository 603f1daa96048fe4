//! The public certificate check: anyone can confirm an award by its code.

use super::ErrorMessage;
use crate::codec::resource;
use crate::components::layout::PageTitle;
use crate::components::layout::{text_in, text_lang};
use crate::domain::review::Standing;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::Certificate;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

// ------------------------------------------------------ the certificate ---

/// The public check of a certificate, at a stable address: `/verify/CODE`
/// (or `/verify?code=CODE` from the form).
#[component]
pub fn VerifyPage() -> impl IntoView {
    use crate::api::awards::verify_certificate;
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let code = Memo::new(move |_| {
        params
            .with(|p| p.get("code"))
            .or_else(|| query.with(|q| q.get("code")))
            .unwrap_or_default()
            .trim()
            .to_owned()
    });
    let data = resource(
        move || code.get(),
        |code| async move {
            if code.is_empty() {
                None
            } else {
                Some(verify_certificate(code).await)
            }
        },
    );
    view! {
        <PageTitle text=move || t_string!(i18n, verify.title).to_owned() />
        <h1 class="no-print">{t!(i18n, verify.title)}</h1>
        <p class="no-print">{t!(i18n, verify.intro)}</p>
        <form method="get" action="/verify" class="filters no-print">
            <div class="field">
                <label class="label" for="code">{t!(i18n, verify.code)}</label>
                <input class="input" id="code" name="code" autocomplete="off" spellcheck="false" value=move || code.get() />
            </div>
            <button type="submit" class="button">{t!(i18n, verify.check)}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    None => ().into_any(),
                    Some(Ok(certificate)) => view! { <CertificateView certificate /> }.into_any(),
                    Some(Err(AppError::NotFound)) => view! {
                        <div class="notice notice-error" role="alert">{t!(i18n, verify.not_found)}</div>
                    }
                    .into_any(),
                    Some(Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CertificateView(certificate: Certificate) -> impl IntoView {
    let i18n = use_i18n();
    let lang = certificate.default_language.clone();
    let award = {
        let (t, l) = (certificate.award_title.clone(), lang.clone());
        move || text_in(i18n, &t, &l)
    };
    let framework = {
        let (t, l) = (certificate.framework_title.clone(), lang.clone());
        move || text_in(i18n, &t, &l)
    };
    let standing = certificate.standing;
    let (standing_text, standing_class) = match standing {
        Standing::Valid => (t_string!(i18n, verify.valid), "notice notice-success"),
        Standing::Expired => (t_string!(i18n, verify.expired), "notice notice-error"),
        Standing::Revoked => (t_string!(i18n, verify.revoked), "notice notice-error"),
        Standing::Suspended => (t_string!(i18n, verify.suspended), "notice notice-error"),
        Standing::Lapsed => (t_string!(i18n, verify.lapsed), "notice notice-error"),
    };
    let manage = certificate.may_change.then(|| {
        view! { <ChangeAwardForm certificate=certificate.clone() /> }
    });
    view! {
        <p class=format!("{standing_class} no-print") role="status" data-testid="standing">{standing_text}</p>
        <article class="certificate" aria-labelledby="certificate-heading">
            <p class="certificate-kicker">{t!(i18n, verify.certificate)}</p>
            <h2 id="certificate-heading">{award.clone()}</h2>
            <p class="certificate-school">{certificate.school_name.clone()}</p>
            <p>{certificate.school_city.clone()}</p>
            <dl class="summary-list">
                <div><dt>{t!(i18n, verify.framework)}</dt><dd>{framework}</dd></div>
                <div><dt>{t!(i18n, verify.granted_on)}</dt><dd>{certificate.granted_on.clone()}</dd></div>
                <div><dt>{t!(i18n, verify.valid_until)}</dt><dd data-testid="valid-until">{certificate.valid_until.clone()}</dd></div>
                <div><dt>{t!(i18n, verify.code)}</dt><dd><code data-testid="code">{certificate.code.clone()}</code></dd></div>
            </dl>
            <p class="hint">{t!(i18n, verify.check_at)} " /verify/" {certificate.code.clone()}</p>
        </article>
        {(standing == Standing::Valid).then(|| {
            let code = certificate.code.clone();
            let href = move || format!("/verify/{code}/certificate.pdf?lang={}", text_lang(i18n.get_locale()));
            view! { <p class="no-print"><a href=href>{t!(i18n, verify.download)}</a></p> }
        })}
        {manage}
    }
}

/// For certification admins: suspend, reinstate or revoke the award, with
/// the reason (kept on the award and in the audit log).
#[component]
fn ChangeAwardForm(certificate: Certificate) -> impl IntoView {
    use crate::api::awards::ChangeAward;
    use crate::components::forms::{action_done, action_error, FormErrors, Notice};
    use crate::domain::review::AwardChange;
    let i18n = use_i18n();
    let change = ServerAction::<ChangeAward>::new();
    let error = action_error(change.value());
    let done = action_done(change);
    let reason_missing = Signal::derive(move || error.get() == Some(AppError::InvalidChoice));
    let other = Signal::derive(move || error.get().filter(|e| *e != AppError::InvalidChoice));
    let revoked = certificate.standing == Standing::Revoked;
    let suspended = certificate.standing == Standing::Suspended;
    let choices = AwardChange::ALL
        .into_iter()
        .filter(|c| c.applies(revoked, suspended))
        .map(|c| {
            let label = match c {
                AwardChange::Suspend => t_string!(i18n, verify.suspend),
                AwardChange::Reinstate => t_string!(i18n, verify.reinstate),
                AwardChange::Revoke => t_string!(i18n, verify.revoke),
            };
            view! { <option value=c.as_str()>{label}</option> }
        })
        .collect_view();
    let last = (!certificate.status_reason.is_empty()).then(|| {
        view! { <p data-testid="status-reason">{t!(i18n, verify.last_reason)} " " {certificate.status_reason.clone()}</p> }
    });
    view! {
        <section class="panel no-print" aria-labelledby="change-award-heading">
            <h2 id="change-award-heading">{t!(i18n, verify.change_heading)}</h2>
            {last}
            <Notice show=done>{t!(i18n, verify.changed)}</Notice>
            <FormErrors error=other />
            {(!revoked).then(|| view! {
                <ActionForm action=change attr:novalidate=true>
                    <input type="hidden" name="code" value=certificate.code.clone() />
                    <div class="field">
                        <label class="label" for="award-change">{t!(i18n, verify.change_label)}</label>
                        <select class="select" id="award-change" name="change">{choices}</select>
                    </div>
                    <div class="field" class:field-error=move || reason_missing.get()>
                        <label class="label" for="award-reason">{t!(i18n, verify.reason_label)}</label>
                        <p class="hint" id="award-reason-hint">{t!(i18n, verify.reason_hint)}</p>
                        {move || reason_missing.get().then(|| view! {
                            <p class="error-message" id="award-reason-error">{t!(i18n, verify.reason_missing)}</p>
                        })}
                        <textarea
                            class="textarea"
                            id="award-reason"
                            name="reason"
                            rows="3"
                            required
                            maxlength="2000"
                            aria-invalid=move || reason_missing.get().then_some("true")
                            aria-describedby=move || if reason_missing.get() { "award-reason-hint award-reason-error" } else { "award-reason-hint" }
                        ></textarea>
                    </div>
                    <button type="submit" class="button">{t!(i18n, verify.change_submit)}</button>
                </ActionForm>
            })}
        </section>
    }
}
