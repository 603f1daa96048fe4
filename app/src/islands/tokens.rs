//! Making a personal access token: the island posts the form and shows the
//! new token's secret once, with what to do with it. Without JavaScript the
//! form still posts, and is refused with a message rather than making a
//! token whose secret nobody could see.

use crate::api_access::{CreateAccessToken, NewAccessToken};
use crate::components::forms::{action_error, FormErrors};
use crate::components::islands::IslandPage;
use crate::i18n::*;
use leptos::prelude::*;

#[island]
pub fn NewTokenForm(page: IslandPage) -> impl IntoView {
    page.provide();
    let i18n = use_i18n();
    let create = ServerAction::<CreateAccessToken>::new();
    let error = action_error(create.value());
    let made = move || create.value().get().and_then(Result::ok);
    view! {
        <h3 id="new-token-heading">{t!(i18n, tokens.new_heading)}</h3>
        <FormErrors error />
        <div role="status">
            {move || made().map(|new: NewAccessToken| view! {
                <div class="notice notice-success">
                    <p>{t!(i18n, tokens.made)} " " <strong>{new.token.name.clone()}</strong></p>
                    <p>{t!(i18n, tokens.copy_now)}</p>
                    <p>
                        <label class="label" for="new-token-secret">{t!(i18n, tokens.secret)}</label>
                        <input
                            class="input token-secret"
                            id="new-token-secret"
                            type="text"
                            readonly=true
                            value=new.secret.clone()
                        />
                    </p>
                    <p><a href="/profile?done=create_access_token#tokens">{t!(i18n, tokens.done)}</a></p>
                </div>
            })}
        </div>
        <ActionForm action=create attr:novalidate=true attr:aria-labelledby="new-token-heading">
            <div class="field">
                <label class="label" for="token-name">{t!(i18n, tokens.name)}</label>
                <p class="hint" id="token-name-hint">{t!(i18n, tokens.name_hint)}</p>
                <input
                    class="input"
                    id="token-name"
                    name="name"
                    type="text"
                    maxlength="80"
                    autocomplete="off"
                    aria-describedby="token-name-hint"
                />
            </div>
            <fieldset class="field">
                <legend class="label">{t!(i18n, tokens.scope)}</legend>
                <div class="radio">
                    <input type="radio" id="scope-read" name="scope" value="read" checked=true />
                    <label for="scope-read">{t!(i18n, tokens.scope_read)}</label>
                </div>
                <div class="radio">
                    <input type="radio" id="scope-read-write" name="scope" value="read_write" />
                    <label for="scope-read-write">{t!(i18n, tokens.scope_read_write)}</label>
                </div>
            </fieldset>
            <button type="submit" class="button">{t!(i18n, tokens.create)}</button>
        </ActionForm>
    }
}
