//! The API reference, `/api/docs`, and the profile page's list of access
//! tokens. Both are drawn on the server; making a token is the island in
//! `islands::tokens`, because its secret is shown once, in the browser.

use super::{AccessToken, OperationDoc, RevokeAccessToken};
use crate::components::forms::{action_error, FormErrors};
use crate::components::layout::PageTitle;
use crate::domain::access::{OperationKind, TokenScope};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

#[component]
pub fn ApiDocsPage() -> impl IntoView {
    let i18n = use_i18n();
    let operations = &super::openapi::reference().operations;
    let mut tags: Vec<&str> = Vec::new();
    for operation in operations {
        if !tags.contains(&operation.tag.as_str()) {
            tags.push(&operation.tag);
        }
    }
    let groups = tags
        .into_iter()
        .map(|tag| {
            let group: Vec<OperationDoc> = operations
                .iter()
                .filter(|o| o.tag == tag)
                .cloned()
                .collect();
            view! { <OperationGroup tag=tag.to_owned() operations=group /> }
        })
        .collect_view();
    view! {
        <PageTitle text=move || t_string!(i18n, api.title).to_owned() />
        <h1>{t!(i18n, api.title)}</h1>
        <p class="lead">{t!(i18n, api.intro)}</p>
        <h2>{t!(i18n, api.start_heading)}</h2>
        <ol>
            <li>
                {t!(i18n, api.step_token)} " "
                <a href="/profile#tokens">{t!(i18n, api.step_token_link)}</a>
            </li>
            <li>{t!(i18n, api.step_call)}</li>
        </ol>
        <pre class="code-sample" tabindex="0" aria-label=move || t_string!(i18n, api.example_label)><code>
            "curl -X POST https://equimark.example/api/list_frameworks \\\n  -H 'Authorization: Bearer eqm_…'\n\n"
            "curl -X POST https://equimark.example/api/save_response \\\n  -H 'Authorization: Bearer eqm_…' \\\n  -d assessment=… -d indicator=1.1 -d level=2 -d narrative=… -d version=3"
        </code></pre>
        <p>{t!(i18n, api.scopes)}</p>
        <p>
            {t!(i18n, api.document)} " "
            <a href="/api/openapi.json">"/api/openapi.json"</a>
        </p>
        {groups}
    }
}

#[component]
fn OperationGroup(tag: String, operations: Vec<OperationDoc>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("api-{}", tag.to_lowercase().replace(' ', "-"));
    let rows = operations
        .into_iter()
        .map(|operation| {
            let fields = operation
                .fields
                .iter()
                .map(|f| {
                    let optional = (!f.required).then(|| t_string!(i18n, api.optional));
                    view! {
                        <li>
                            <code>{f.name.clone()}</code> ": " {f.shape.clone()}
                            {optional.map(|text| format!(" ({text})"))}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row"><code>{operation.path.clone()}</code></th>
                    <td>{operation.summary.clone()}</td>
                    <td>{kind_label(i18n, operation.kind)}</td>
                    <td><ul class="plain-list">{fields}</ul></td>
                    <td><code>{operation.answer.clone()}</code></td>
                </tr>
            }
        })
        .collect_view();
    let region_label = heading.clone();
    view! {
        <section>
            <h2 id=heading>{tag}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby=region_label>
                <table class="table api-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, api.col_operation)}</th>
                            <th scope="col">{t!(i18n, api.col_does)}</th>
                            <th scope="col">{t!(i18n, api.col_token)}</th>
                            <th scope="col">{t!(i18n, api.col_input)}</th>
                            <th scope="col">{t!(i18n, api.col_answer)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn kind_label(i18n: I18nContext<Locale>, kind: OperationKind) -> &'static str {
    match kind {
        OperationKind::Read => t_string!(i18n, api.kind_read),
        OperationKind::Write => t_string!(i18n, api.kind_write),
        OperationKind::Browser => t_string!(i18n, api.kind_browser),
    }
}

fn scope_label(i18n: I18nContext<Locale>, scope: TokenScope) -> &'static str {
    match scope {
        TokenScope::Read => t_string!(i18n, tokens.scope_read),
        TokenScope::ReadWrite => t_string!(i18n, tokens.scope_read_write),
    }
}

/// The profile page's section: the person's tokens, revoking, and making one.
#[component]
pub fn AccessTokensSection() -> impl IntoView {
    let i18n = use_i18n();
    let tokens = Resource::new_blocking(|| (), |_| super::access_tokens());
    let revoke = ServerAction::<RevokeAccessToken>::new();
    let error = action_error(revoke.value());
    view! {
        <section class="panel" id="tokens" aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{t!(i18n, tokens.heading)}</h2>
            <p>
                {t!(i18n, tokens.intro)} " "
                <a href="/api/docs">{t!(i18n, tokens.docs_link)}</a>
            </p>
            <FormErrors error />
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p>{t!(i18n, tokens.none)}</p> }.into_any()
                        }
                        Ok(list) => view! { <TokenTable list revoke /> }.into_any(),
                        Err(error) => {
                            view! { <crate::components::errors::ErrorMessage error /> }.into_any()
                        }
                    }
                })}
            </Suspense>
            <crate::islands::tokens::NewTokenForm page=crate::components::islands::IslandPage::here() />
            <crate::components::islands::IslandScripts />
        </section>
    }
}

#[component]
fn TokenTable(list: Vec<AccessToken>, revoke: ServerAction<RevokeAccessToken>) -> impl IntoView {
    let i18n = use_i18n();
    let day = |at: &str| at.get(..10).unwrap_or(at).to_owned();
    let rows = list
        .into_iter()
        .map(|token| {
            let state = match (&token.revoked_at, &token.last_used_at) {
                (Some(at), _) => format!("{} {}", t_string!(i18n, tokens.revoked_on), day(at)),
                (None, Some(at)) => format!("{} {}", t_string!(i18n, tokens.used_on), day(at)),
                (None, None) => t_string!(i18n, tokens.never_used).to_owned(),
            };
            let live = token.revoked_at.is_none();
            let label = format!("{} {}", t_string!(i18n, tokens.revoke), token.name);
            view! {
                <tr>
                    <th scope="row">{token.name.clone()}</th>
                    <td>{scope_label(i18n, token.scope)}</td>
                    <td>{day(&token.created_at)}</td>
                    <td>{state}</td>
                    <td>
                        {live.then(|| view! {
                            <ActionForm action=revoke>
                                <input type="hidden" name="token" value=token.id.clone() />
                                <button type="submit" class="button button-secondary" aria-label=label.clone()>
                                    {t!(i18n, tokens.revoke)}
                                </button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-label=move || t_string!(i18n, tokens.list_label)>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, tokens.name)}</th>
                        <th scope="col">{t!(i18n, tokens.scope)}</th>
                        <th scope="col">{t!(i18n, tokens.created)}</th>
                        <th scope="col">{t!(i18n, tokens.state)}</th>
                        <th scope="col"><span class="visually-hidden">{t!(i18n, tokens.actions)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
