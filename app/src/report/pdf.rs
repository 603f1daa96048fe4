//! The assessor's report and the certificate as PDF files, in the reader's
//! language (`?lang=zh` or `en`): `/assessments/{id}/report.pdf` for the
//! people who may read the report, `/verify/{code}/certificate.pdf` for
//! anyone with the code while the award is valid. The same records as the
//! pages, set by [`crate::pdf`].

use super::AssessorReport;
use crate::components::labels::{cycle_label_in, outcome_label_in};
use crate::domain::review::Standing;
use crate::downloads::refusal;
use crate::error::AppError;
use crate::http::state::{AppState, Session};
use crate::i18n::*;
use crate::model::Certificate;
use crate::pdf::{Block, Sheet};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;

/// The PDF routes, merged into the app's router.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/assessments/{id}/report.pdf", get(report_pdf))
        .route("/verify/{code}/certificate.pdf", get(certificate_pdf))
}

/// The language asked for; English unless `lang` is Chinese.
fn language(query: &HashMap<String, String>) -> Locale {
    match query.get("lang").map(String::as_str) {
        Some(lang) if lang.starts_with("zh") => Locale::zh,
        _ => Locale::en,
    }
}

/// The file, or the reason there is none.
fn pdf_response(sheet: Result<Vec<u8>, crate::pdf::PdfError>, name: &str) -> Response {
    match sheet {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not make a PDF file");
            refusal(AppError::Unavailable)
        }
    }
}

/// `GET /assessments/{id}/report.pdf?lang=…`
async fn report_pdf(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(signed_in) = session.signed_in.as_ref() else {
        return refusal(AppError::Unauthenticated);
    };
    let report = match super::report_of(&state.store, &session, signed_in, &id).await {
        Ok(report) => report,
        Err(error) => return refusal(error),
    };
    let sheet = report_sheet(&report, language(&query));
    pdf_response(
        sheet.render(),
        &format!("equimark-report-{}.pdf", report.assessment),
    )
}

/// `GET /verify/{code}/certificate.pdf?lang=…`: only while the award is
/// valid; otherwise the verification page says what became of it.
async fn certificate_pdf(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let certificate = match crate::api::awards::certificate_of(&state.store, &code, false).await {
        Ok(certificate) => certificate,
        Err(error) => return refusal(error),
    };
    let locale = language(&query);
    if certificate.standing != Standing::Valid {
        let why = match locale {
            Locale::zh => "该称号目前无效，因此不能下载证书。核验页面显示其状态。",
            Locale::en => "This award is not valid now, so its certificate cannot be downloaded. The verification page shows its state.",
        };
        return (axum::http::StatusCode::CONFLICT, why).into_response();
    }
    let sheet = certificate_sheet(&certificate, locale, &state.settings.public_url);
    pdf_response(
        sheet.render(),
        &format!("equimark-certificate-{}.pdf", certificate.code),
    )
}

/// The report as a document: the decision, the visit, then each element's
/// strengths, areas to develop and every indicator's two ratings.
pub(crate) fn report_sheet(report: &AssessorReport, locale: Locale) -> Sheet {
    let fw = &report.framework;
    let lang = crate::components::layout::text_lang(locale);
    let text = |t: &crate::domain::Text| fw.text(t, lang).to_owned();
    let level = |l: Option<u8>| match l {
        Some(l) => fw
            .scale
            .get(usize::from(l))
            .map(|s| text(&s.label))
            .unwrap_or_default(),
        None => td_string!(locale, assess.not_rated).to_owned(),
    };
    let title = td_string!(locale, report.title);
    let mut sheet = Sheet::new(&format!("{title}: {}", report.school_name), lang);
    sheet.push(Block::Caption(report.school_name.clone()));
    sheet.push(Block::Title(title.to_owned()));
    sheet.push(Block::Caption(format!(
        "{} · {}",
        text(&fw.title),
        cycle_label_in(locale, report.cycle)
    )));

    let decision = &report.decision;
    sheet.push(Block::Heading(
        td_string!(locale, report.decision_heading).to_owned(),
    ));
    sheet.field(
        td_string!(locale, review.outcome),
        outcome_label_in(locale, decision.outcome),
    );
    if let Some(award) = decision.award.as_deref().and_then(|a| fw.award(a)) {
        sheet.field(td_string!(locale, review.award), &text(&award.title));
    }
    sheet.field(td_string!(locale, review.conditions), &decision.conditions);
    sheet.field(td_string!(locale, report.assessor), &report.lead_assessor);
    sheet.field(
        td_string!(locale, report.signed_off),
        report.signed_off_at.get(..10).unwrap_or_default(),
    );
    sheet.field(td_string!(locale, review.report), &decision.report);
    if let Some(code) = &report.certificate {
        sheet.field(td_string!(locale, verify.code), code);
    }

    let visit = &report.visit;
    if !visit.visited_on.is_empty() {
        sheet.push(Block::Heading(
            td_string!(locale, report.visit_heading).to_owned(),
        ));
        sheet.field(td_string!(locale, report.visited_on), &visit.visited_on);
        sheet.field(td_string!(locale, report.people_met), &visit.people_met);
        sheet.field(td_string!(locale, report.classrooms), &visit.classrooms);
    }

    let indicator_title = |id: &str| {
        fw.indicator(id)
            .map(|r| text(&r.indicator.title))
            .unwrap_or_else(|| id.to_owned())
    };
    for feedback in &report.elements {
        let Some(element) = fw.element(&feedback.element) else {
            continue;
        };
        sheet.push(Block::Heading(text(&element.title)));
        for (heading, ids) in [
            (td_string!(locale, report.strengths), &feedback.strengths),
            (td_string!(locale, report.to_develop), &feedback.to_develop),
        ] {
            sheet.push(Block::Subheading(heading.to_owned()));
            if ids.is_empty() {
                sheet.push(Block::Paragraph(td_string!(locale, report.none).to_owned()));
            } else {
                sheet.push(Block::List(
                    ids.iter().map(|id| indicator_title(id)).collect(),
                ));
            }
        }
        for indicator in &feedback.indicators {
            sheet.push(Block::Subheading(indicator_title(&indicator.indicator)));
            let colon = match locale {
                Locale::zh => "：",
                Locale::en => ": ",
            };
            let mut ratings = format!(
                "{}{colon}{} · {}{colon}{}",
                td_string!(locale, report.own),
                level(indicator.own),
                td_string!(locale, report.validated),
                level(indicator.validated),
            );
            if indicator.lowered() {
                ratings = format!("{ratings} ({})", td_string!(locale, report.lowered));
            }
            sheet.push(Block::Paragraph(ratings));
            sheet.field(td_string!(locale, report.comment), &indicator.comment);
        }
    }
    sheet
}

/// The certificate as a one-page document with a frame: the award, the
/// school, its dates, the code and where to check it.
pub(crate) fn certificate_sheet(
    certificate: &Certificate,
    locale: Locale,
    public_url: &str,
) -> Sheet {
    let lang = crate::components::layout::text_lang(locale);
    let text = |t: &crate::domain::Text| t.get(lang, &certificate.default_language).to_owned();
    let award = text(&certificate.award_title);
    let kicker = td_string!(locale, verify.certificate);
    let mut sheet = Sheet::new(&format!("{kicker}: {award}"), lang).framed();
    sheet.push(Block::Caption(kicker.to_owned()));
    sheet.push(Block::Title(award));
    sheet.push(Block::Heading(certificate.school_name.clone()));
    if !certificate.school_city.is_empty() {
        sheet.push(Block::Paragraph(certificate.school_city.clone()));
    }
    sheet.field(
        td_string!(locale, verify.framework),
        &text(&certificate.framework_title),
    );
    sheet.field(
        td_string!(locale, verify.granted_on),
        &certificate.granted_on,
    );
    sheet.field(
        td_string!(locale, verify.valid_until),
        &certificate.valid_until,
    );
    sheet.field(td_string!(locale, verify.code), &certificate.code);
    sheet.field(
        td_string!(locale, verify.check_at),
        &format!("{public_url}/verify/{}", certificate.code),
    );
    sheet
}
