use crate::i18n::*;
use leptos::prelude::*;

/// `"true"` for `aria-invalid` when the field has a problem.
pub fn invalid(error: Signal<Option<String>>) -> impl Fn() -> Option<&'static str> + Copy {
    move || error.with(Option::is_some).then_some("true")
}

/// A form field in the GOV.UK pattern: label, optional hint, an error
/// message when there is one, then the control (the children). The control
/// should carry `id`, and `aria-describedby="{id}-hint {id}-error"`.
#[component]
pub fn Field(
    id: &'static str,
    #[prop(into)] label: ViewFn,
    #[prop(optional, into)] hint: Option<ViewFn>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <label class="label" for=id>
                {label.run()}
            </label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint.run()}</p> })}
            <p class="error-message" id=format!("{id}-error") hidden=move || error.get().is_none()>
                <span class="visually-hidden">{move || t_string!(i18n, common.error_summary_title)} ": "</span>
                {move || error.get()}
            </p>
            {children()}
        </div>
    }
}

/// The GOV.UK error summary: every problem, each linked to its field. It
/// takes focus when it appears, so keyboard and screen-reader users land on it.
#[component]
pub fn ErrorSummary(problems: Signal<Vec<(&'static str, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !problems.get().is_empty() {
            if let Some(el) = summary.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <Show when=move || !problems.get().is_empty()>
            <div class="error-summary" tabindex="-1" node_ref=summary aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{t!(i18n, common.error_summary_title)}</h2>
                <ul>
                    {move || {
                        problems
                            .get()
                            .into_iter()
                            .map(|(field, message)| {
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{field}")
                                            on:click=move |ev| super::focus_fragment(ev, field)
                                        >
                                            {message}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The email address field of a form (`id` and `name` "email").
/// `autocomplete`: what the browser may fill in ("username" on sign-in,
/// "email" for one's own address, nothing for someone else's).
#[component]
pub fn EmailField(
    error: Signal<Option<String>>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Field id="email" label=move || t!(i18n, auth.email) error>
            <input
                class="input"
                id="email"
                name="email"
                type="email"
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby="email-error"
                aria-invalid=invalid(error)
            />
        </Field>
    }
}
