//! One card of the board: a short face (title, school, elements, counts)
//! that opens to the practice and its conversation, with the card's
//! actions (moves, edit, file, publish) in a menu.

use super::{card_key, step_arrow, step_label, BoardContext, CardFields, FileProblem};
use crate::components::forms::FileField;
use crate::components::layout::text_in;
use crate::domain::cluster::Move;
use crate::i18n::*;
use crate::model::{AttachmentView, CardView};
use leptos::prelude::*;

/// Whether the `<details>` element a toggle event came from is open now.
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn details_open(ev: &leptos::ev::Event) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .is_some_and(|d| d.open())
    }
    #[cfg(not(feature = "hydrate"))]
    false
}
#[component]
pub(super) fn Card(ctx: BoardContext, card: CardView, position: usize) -> impl IntoView {
    let i18n = use_i18n();
    // Writing a comment or opening the edit form holds the card still;
    // emptying the comment box and closing the form let it catch up with
    // the board.
    let opened = RwSignal::new(0u8);
    let (busy, key) = (ctx.busy, card_key(position, &card));
    let toggle = {
        let id = card.id.clone();
        move |open: bool| {
            opened.update(|n| {
                *n = if open {
                    n.saturating_add(1)
                } else {
                    n.saturating_sub(1)
                }
            });
            let still = opened.get_untracked() > 0;
            busy.update(|b| {
                if still {
                    b.entry(id.clone()).or_insert_with(|| key.clone());
                } else {
                    b.remove(&id);
                }
            });
        }
    };
    let (toggle_a, toggle_b) = (toggle.clone(), toggle);
    // A comment being written holds the card from its first letter until
    // the box is empty again (or the comment is saved).
    let writing = StoredValue::new(false);
    let on_comment_input = move |ev: leptos::ev::Event| {
        let now = !event_target_value(&ev).is_empty();
        if now != writing.get_value() {
            writing.set_value(now);
            toggle_a(now);
        }
    };
    let card_id = card.id.clone();
    let title = card.title.clone();
    let elements = card
        .elements
        .iter()
        .filter_map(|e| ctx.elements.iter().find(|(id, _)| id == e))
        .map(|(_, t)| {
            let t = t.clone();
            let lang = ctx.default_language.clone();
            view! { <li class="tag">{move || text_in(i18n, &t, &lang)}</li> }
        })
        .collect_view();
    let moves = Move::ALL
        .into_iter()
        .map(|step| {
            let cluster = ctx.cluster.clone();
            let id = card_id.clone();
            let title = title.clone();
            let button_id = format!("move-{}-{}", card_id, step.as_str());
            view! {
                <ActionForm action=ctx.step>
                    <input type="hidden" name="cluster" value=cluster />
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="step" value=step.as_str() />
                    <button type="submit" class="button button-secondary button-small move" id=button_id>
                        <span aria-hidden="true">{step_arrow(step)}</span>
                        <span class="visually-hidden">{move || step_label(i18n, step)} " " {title.clone()}</span>
                    </button>
                </ActionForm>
            }
        })
        .collect_view();
    let comments = card
        .comments
        .iter()
        .map(|c| {
            view! {
                <li>
                    <strong>{c.author.clone()}</strong> " "
                    <span class="hint">{c.at.get(..10).unwrap_or_default().to_owned()}</span>
                    <p class="answer-text">{c.body.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let (cluster_a, cluster_b, cluster_c) = (
        ctx.cluster.clone(),
        ctx.cluster.clone(),
        ctx.cluster.clone(),
    );
    let (id_a, id_b, id_c) = (card_id.clone(), card_id.clone(), card_id.clone());
    let comment_field = format!("comment-{card_id}");
    let edit_prefix = format!("edit-{card_id}");
    let heading = format!("card-title-{card_id}");
    let labelled_by = heading.clone();
    let li_id = format!("card-{card_id}");
    let (title_a, title_b, title_c, title_d, title_e) = (
        title.clone(),
        title.clone(),
        title.clone(),
        title.clone(),
        title.clone(),
    );
    let marked = card.marked_useful;
    let count = card.useful;
    let publish_form = (card.mine || ctx.leads).then(|| {
        let (cluster, id, title) = (ctx.cluster.clone(), card_id.clone(), title.clone());
        let published = card.published;
        view! {
            <ActionForm action=ctx.publish>
                <input type="hidden" name="cluster" value=cluster />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="publish" value=if published { "false" } else { "true" } />
                <button type="submit" class="button button-secondary button-small">
                    {if published { t!(i18n, cluster.withdraw).into_any() } else { t!(i18n, cluster.publish).into_any() }}
                    <span class="visually-hidden">": " {title}</span>
                </button>
            </ActionForm>
        }
    });
    let published_tag = card.published.then(
        || view! { <p><strong class="tag tag-strong">{t!(i18n, cluster.in_library)}</strong></p> },
    );
    let files = card.attachments.clone();
    let file_count = files.len();
    let comment_count = card.comments.len();
    let file_problem_here = use_context::<FileProblem>()
        .and_then(|p| p.0)
        .is_some_and(|(for_card, _)| for_card == card_id);
    let file_form = view! { <CardFileForm cluster=ctx.cluster.clone() card=card_id.clone() title=title.clone() /> };
    let elements_chosen = card.elements.clone();
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    let drag_id = card_id.clone();
    let title_f = title.clone();
    // The card's face is short: title, school, elements, counts. Opening
    // it shows the practice itself and its conversation; its actions (moves,
    // edit, file, publish) are in a menu, so a column of cards can be read
    // at a glance.
    view! {
        <li
            class="card"
            id=li_id
            draggable="true"
            data-position=position.to_string()
            on:dragstart=move |_ev: leptos::ev::DragEvent| {
                #[cfg(feature = "hydrate")]
                if let Some(d) = _ev.data_transfer() {
                    let _ = d.set_data("text/plain", &drag_id);
                }
            }
        >
            <article aria-labelledby=labelled_by>
                <h4 id=heading class="card-title">{title_a}</h4>
                <p class="hint">{card.school_name.clone()}</p>
                {published_tag}
                <ul class="tags">{elements}</ul>
                <p class="card-counts hint">
                    <span>{t!(i18n, cluster.useful)} " (" {count} ")"</span> " · "
                    <span>{t!(i18n, cluster.comments, count = comment_count)}</span> " · "
                    <span>{t!(i18n, cluster.files, count = file_count)}</span>
                </p>
                <details class="card-open">
                    <summary>{t!(i18n, cluster.open_card)} <span class="visually-hidden">" " {title_c}</span></summary>
                    <p class="hint">{t!(i18n, cluster.shared_by)} " " {card.author.clone()}</p>
                    <div class="card-body" inner_html=card.body_html.clone()></div>
                    <Attachments files />
                    <ActionForm action=ctx.useful>
                        <input type="hidden" name="cluster" value=cluster_a />
                        <input type="hidden" name="id" value=id_a />
                        <button type="submit" class="button button-secondary button-small" aria-pressed=if marked { "true" } else { "false" }>
                            {t!(i18n, cluster.useful)} " (" {count} ")"
                            <span class="visually-hidden">" " {title_b}</span>
                        </button>
                    </ActionForm>
                    <h5 class="card-subheading">{t!(i18n, cluster.comments, count = comment_count)}</h5>
                    <ul class="thread">{comments}</ul>
                    <ActionForm action=ctx.comment>
                        <input type="hidden" name="cluster" value=cluster_b />
                        <input type="hidden" name="id" value=id_b />
                        <label class="label" for=comment_field.clone()>{t!(i18n, cluster.your_comment)}</label>
                        <textarea class="textarea" id=comment_field name="body" rows="2" required on:input=on_comment_input></textarea>
                        <button type="submit" class="button button-secondary button-small">{t!(i18n, cluster.add_comment)}</button>
                    </ActionForm>
                </details>
                <details class="card-menu" open=file_problem_here>
                    <summary>
                        <span aria-hidden="true">"⋯ "</span>
                        {t!(i18n, cluster.card_actions)} <span class="visually-hidden">" " {title_f}</span>
                    </summary>
                    <div class="move-buttons" role="group" aria-label=move || t_string!(i18n, cluster.move_group)>{moves}</div>
                    {publish_form}
                    <details class="card-edit" on:toggle=move |ev| toggle_b(details_open(&ev))>
                        <summary>{t!(i18n, cluster.edit)} <span class="visually-hidden">" " {title_d}</span></summary>
                        <ActionForm action=ctx.edit>
                            <input type="hidden" name="cluster" value=cluster_c />
                            <input type="hidden" name="id" value=id_c />
                            <input type="hidden" name="version" value=card.version.to_string() />
                            <CardFields prefix=edit_prefix ctx=ctx.clone() title=title_e body=card.body.clone() chosen=elements_chosen />
                            <button type="submit" class="button button-small">{t!(i18n, cluster.save)}</button>
                        </ActionForm>
                    </details>
                    {file_form}
                </details>
            </article>
        </li>
    }
}

/// Attaching a file to a card: a plain form post, checked by content on
/// the server like evidence; a refusal comes back in the address.
#[component]
fn CardFileForm(cluster: String, card: String, title: String) -> impl IntoView {
    let i18n = use_i18n();
    let problem = use_context::<FileProblem>()
        .and_then(|p| p.0)
        .filter(|(for_card, _)| *for_card == card)
        .map(|(_, problem)| problem);
    let problem = Signal::stored(problem);
    view! {
        <details class="card-file" open=move || problem.with(Option::is_some)>
            <summary>{t!(i18n, cluster.attach)} <span class="visually-hidden">" " {title}</span></summary>
            <form method="post" action=format!("/clusters/{cluster}/cards/{card}/files") enctype="multipart/form-data">
                <FileField id=format!("card-file-{card}") problem />
                <button type="submit" class="button button-secondary button-small">{t!(i18n, cluster.attach_submit)}</button>
            </form>
        </details>
    }
}
/// A card's files, linked.
#[component]
pub fn Attachments(files: Vec<AttachmentView>) -> impl IntoView {
    let i18n = use_i18n();
    (!files.is_empty()).then(|| {
        let items = files
            .into_iter()
            .map(|f| {
                let kb = f.size.div_ceil(1024);
                view! {
                    <li>
                        <a href=format!("/card-files/{}", f.id)>{f.name}</a>
                        " " <span class="hint">"(" {kb} " KB)"</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="attachments" aria-label=move || t_string!(i18n, practice.files)>{items}</ul> }
    })
}
