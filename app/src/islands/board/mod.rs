//! The cluster board's island: cards of practice in columns, moved by drag
//! and drop or by four buttons in each card's menu (keyboard and screen
//! readers: each move is announced), filtered, edited (a stale edit is refused and
//! nothing is lost), commented on, marked useful and published; it reloads
//! when someone else changes the board (server-sent events), keeping the
//! cards that did not change and any half-written comment.

mod card;

pub use card::Attachments;
use card::Card;

use crate::api::boards::{
    AddCard, CommentCard, EditCard, MoveCard, MoveColumn, PublishCard, RenameColumn, StepCard,
    ToggleUseful,
};
use crate::api::clusters::cluster;
use crate::components::forms::{action_error, successes, FormErrors};
use crate::components::islands::IslandPage;
use crate::components::layout::text_in;
use crate::domain::cluster::Move;
use crate::domain::Text;
use crate::i18n::*;
use crate::model::{CardView, ColumnView};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

/// The card and reason of a file refused just now (from the address).
#[derive(Clone, Debug)]
struct FileProblem(Option<(String, String)>);

fn step_label(i18n: I18nContext<Locale>, step: Move) -> &'static str {
    match step {
        Move::Left => t_string!(i18n, cluster.move_left),
        Move::Right => t_string!(i18n, cluster.move_right),
        Move::Up => t_string!(i18n, cluster.move_up),
        Move::Down => t_string!(i18n, cluster.move_down),
    }
}

fn step_arrow(step: Move) -> &'static str {
    match step {
        Move::Left => "←",
        Move::Right => "→",
        Move::Up => "↑",
        Move::Down => "↓",
    }
}

// ------------------------------------------------------------ the list ---

/// What the board's live region last said.
#[derive(Clone, Debug, PartialEq)]
enum Announcement {
    /// One's own keyboard move, and where the card went.
    Moved(crate::api::boards::Moved),
    /// Someone else changed the board (heard in the browser only).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    Updated,
}

/// Which cards show: by element, by school, and by words in them.
#[derive(Clone, Copy)]
struct Filters {
    element: RwSignal<String>,
    school: RwSignal<String>,
    words: RwSignal<String>,
}

impl Filters {
    fn shows(&self, card: &CardView) -> bool {
        let element = self.element.get();
        let school = self.school.get();
        let words = self.words.get().to_lowercase();
        (element.is_empty() || card.elements.contains(&element))
            && (school.is_empty() || card.school_id == school)
            && (words.trim().is_empty()
                || card.title.to_lowercase().contains(words.trim())
                || card.body.to_lowercase().contains(words.trim()))
    }
}

/// What identifies a card's drawing: when it changes, the card is drawn
/// anew (and any text typed into it is gone).
type CardKey = (String, i32, usize, u32, bool, usize, bool, usize);

fn card_key(position: usize, card: &CardView) -> CardKey {
    (
        card.id.clone(),
        card.version,
        card.comments.len(),
        card.useful,
        card.marked_useful,
        position,
        card.published,
        card.attachments.len(),
    )
}

/// What the board's pieces share.
#[derive(Clone)]
struct BoardContext {
    /// Cards someone is writing in (a comment or an edit is open), with
    /// the key they had then: live changes do not redraw them meanwhile,
    /// so nothing typed is lost; a stale edit is refused on saving.
    busy: RwSignal<std::collections::HashMap<String, CardKey>>,
    cluster: String,
    elements: Vec<(String, Text)>,
    default_language: String,
    columns: Signal<Vec<(i64, String)>>,
    step: ServerAction<StepCard>,
    edit: ServerAction<EditCard>,
    comment: ServerAction<CommentCard>,
    useful: ServerAction<ToggleUseful>,
    drop_move: ServerAction<MoveCard>,
    publish: ServerAction<PublishCard>,
    column_move: ServerAction<MoveColumn>,
    /// Whether the viewer manages the cluster.
    leads: bool,
    filters: Filters,
}

/// What the board's island is drawn from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardView {
    /// The cluster's public id.
    pub cluster: String,
    /// The framework's elements (id, title), for tagging and filtering cards.
    pub elements: Vec<(String, Text)>,
    pub default_language: String,
    /// Whether the viewer manages the cluster.
    pub leads: bool,
    /// Member schools the viewer works at (public id, name).
    pub acting_for: Vec<(String, String)>,
    /// Every member school (public id, name), for the school filter.
    pub schools: Vec<(String, String)>,
    pub columns: Vec<ColumnView>,
    /// `(card, problem)` of a file refused just now.
    pub file_problem: Option<(String, String)>,
}

/// The cluster's live board of practice: cards moved by drag and drop or
/// by keyboard (each move announced), edited, commented on and published;
/// every change reaches everyone viewing it.
#[island]
pub fn ClusterBoard(page: IslandPage, board: BoardView) -> impl IntoView {
    page.provide();
    let view = board;
    let i18n = use_i18n();
    let rename = ServerAction::<RenameColumn>::new();
    let board = RwSignal::new(view.columns.clone());
    provide_context(FileProblem(view.file_problem.clone()));
    let add = ServerAction::<AddCard>::new();
    let step = ServerAction::<StepCard>::new();
    let edit = ServerAction::<EditCard>::new();
    let comment = ServerAction::<CommentCard>::new();
    let useful = ServerAction::<ToggleUseful>::new();
    let drop_move = ServerAction::<MoveCard>::new();
    let publish = ServerAction::<PublishCard>::new();
    let column_move = ServerAction::<MoveColumn>::new();
    let announce: RwSignal<Option<Announcement>> = RwSignal::new(None);
    let busy: RwSignal<std::collections::HashMap<String, CardKey>> =
        RwSignal::new(Default::default());
    // After a keyboard move, focus goes back to the same button on the moved card.
    let focus_next: RwSignal<Option<String>> = RwSignal::new(None);
    let filters = Filters {
        element: RwSignal::new(String::new()),
        school: RwSignal::new(String::new()),
        words: RwSignal::new(String::new()),
    };
    let cluster_id = view.cluster.clone();
    // Reloads the board (after one's own change, or another person's).
    let reload = {
        let id = cluster_id.clone();
        move || {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                if let Ok(v) = cluster(id, "board".to_owned()).await {
                    if let Some(columns) = v.board {
                        board.set(columns);
                        if let Some(target) = focus_next.try_update(Option::take).flatten() {
                            focus_soon(target);
                        }
                    }
                }
            });
        }
    };
    let done = [
        successes(add.value()),
        successes(step.value()),
        successes(edit.value()),
        successes(comment.value()),
        successes(useful.value()),
        successes(drop_move.value()),
        successes(publish.value()),
        successes(column_move.value()),
        successes(rename.value()),
    ];
    {
        let reload = reload.clone();
        Effect::new(move |first: Option<()>| {
            let _ = done.map(|d| d.get());
            if first.is_some() {
                reload();
            }
        });
    }
    // One's own edit or comment saved: that card may catch up again.
    Effect::new(move |_| {
        let saved = match (edit.value().get(), comment.value().get()) {
            (Some(Ok(e)), _) => Some(e.card),
            (_, Some(Ok(card))) => Some(card),
            _ => None,
        };
        if let Some(card) = saved {
            busy.update(|b| {
                b.remove(&card);
            });
        }
    });
    // Keyboard moves are announced, and focus stays on the moved card's button.
    Effect::new(move |_| {
        if let Some(Ok(moved)) = step.value().get() {
            focus_next.set(Some(format!("move-{}-{}", moved.card, moved.step)));
            announce.set(Some(Announcement::Moved(moved)));
        }
    });
    // Each of one's own changes comes back as a change notice too: a
    // notice soon after one's own change reloads the board but is not
    // announced as someone else's.
    let last_own_change = RwSignal::new(f64::NEG_INFINITY);
    let pending = [
        add.pending(),
        step.pending(),
        edit.pending(),
        comment.pending(),
        useful.pending(),
        drop_move.pending(),
        publish.pending(),
        column_move.pending(),
    ];
    // Runs when one of one's own changes starts or ends (not on loading).
    Effect::new(move |first: Option<()>| {
        for p in &pending {
            p.track();
        }
        if first.is_some() {
            last_own_change.set(now_ms());
        }
    });
    live_updates(cluster_id.clone(), reload, announce, last_own_change);
    // The columns alone: cards moving about do not rebuild the columns.
    let columns: Signal<Vec<(i64, String)>> = Memo::new(move |_| {
        board.with(|b| b.iter().map(|c| (c.id, c.name.clone())).collect::<Vec<_>>())
    })
    .into();
    let ctx = BoardContext {
        busy,
        cluster: cluster_id.clone(),
        elements: view.elements.clone(),
        default_language: view.default_language.clone(),
        columns,
        step,
        edit,
        comment,
        useful,
        drop_move,
        publish,
        column_move,
        leads: view.leads,
        filters,
    };
    let schools = view.schools.clone();
    let element_options = {
        let ctx = ctx.clone();
        move || {
            ctx.elements
                .iter()
                .map(|(id, t)| view! { <option value=id.clone()>{text_in(i18n, t, &ctx.default_language)}</option> })
                .collect_view()
        }
    };
    let column_views = {
        let ctx = ctx.clone();
        move || {
            columns
                .get()
                .into_iter()
                .enumerate()
                .map(|(i, (id, name))| view! { <BoardColumn ctx=ctx.clone() index=i column_id=id name board rename leads=view.leads /> })
                .collect_view()
        }
    };
    let add_form = (!view.acting_for.is_empty()).then(|| {
        view! { <AddCardForm ctx=ctx.clone() acting_for=view.acting_for.clone() add /> }
    });
    view! {
        <section aria-labelledby="board-heading" class="board-section">
            <h2 id="board-heading">{t!(i18n, cluster.board_heading)}</h2>
            <p class="hint">{t!(i18n, cluster.board_hint)}</p>
            <div role="status" aria-live="polite" class="visually-hidden" data-testid="board-announce">
                {move || match announce.get() {
                    Some(Announcement::Moved(m)) => view! {
                        <span>{t!(i18n, cluster.moved, title = m.title.clone(), column = m.column.clone(), place = m.place)}</span>
                    }
                    .into_any(),
                    Some(Announcement::Updated) => view! { <span>{t!(i18n, cluster.board_updated)}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
            <div class="filters">
                <div class="field">
                    <label class="label" for="filter-element">{t!(i18n, cluster.filter_element)}</label>
                    <select class="select" id="filter-element" on:change=move |ev| filters.element.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, cluster.any)}</option>
                        {element_options}
                    </select>
                </div>
                <div class="field">
                    <label class="label" for="filter-school">{t!(i18n, cluster.filter_school)}</label>
                    <select class="select" id="filter-school" on:change=move |ev| filters.school.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, cluster.any)}</option>
                        {schools.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="label" for="filter-words">{t!(i18n, cluster.search)}</label>
                    <input class="input" type="search" id="filter-words" on:input=move |ev| filters.words.set(event_target_value(&ev)) />
                </div>
            </div>
            <FormErrors error=Signal::derive(move || {
                [action_error(rename.value()), action_error(step.value()), action_error(edit.value()), action_error(comment.value()), action_error(useful.value()), action_error(drop_move.value()), action_error(publish.value()), action_error(column_move.value())]
                    .iter()
                    .find_map(|e| e.get())
            }) />
            <div class="board">{column_views}</div>
            {add_form}
        </section>
    }
}

/// How long after one's own change a change notice is taken to be its echo.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const OWN_CHANGE_WINDOW_MS: f64 = 3_000.0;

/// Milliseconds on the page's clock (0 on the server, where nothing is live).
fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        window().performance().map_or(0.0, |p| p.now())
    }
    #[cfg(not(feature = "hydrate"))]
    0.0
}

/// Moves focus to the element with this id once the page has redrawn.
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn focus_soon(id: String) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            // A move button sits in the card's closed menu: open it first.
            if let Ok(Some(menu)) = element.closest("details") {
                let _ = menu.set_attribute("open", "");
            }
            let _ = element.focus();
        }
    });
}

/// Listens for changes to the board made by others (server-sent events)
/// and reloads it; says so to screen readers.
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn live_updates(
    cluster: String,
    reload: impl Fn() + Clone + 'static,
    announce: RwSignal<Option<Announcement>>,
    last_own_change: RwSignal<f64>,
) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::prelude::*;
        use wasm_bindgen::JsCast;
        let url = format!("/clusters/{cluster}/events");
        let Ok(source) = web_sys::EventSource::new(&url) else {
            return;
        };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
            reload();
            if now_ms() - last_own_change.get_untracked() > OWN_CHANGE_WINDOW_MS {
                announce.set(Some(Announcement::Updated));
            }
        });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let source = StoredValue::new_local(source);
        on_cleanup(move || source.with_value(|s| s.close()));
    }
}

#[component]
fn BoardColumn(
    ctx: BoardContext,
    index: usize,
    column_id: i64,
    name: String,
    board: RwSignal<Vec<ColumnView>>,
    rename: ServerAction<RenameColumn>,
    leads: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("column-{column_id}");
    let labelled_by = heading.clone();
    let cards = move || {
        board.with(|b| {
            b.iter()
                .find(|c| c.id == column_id)
                .map(|c| c.cards.clone())
                .unwrap_or_default()
        })
    };
    let filters = ctx.filters;
    let busy = ctx.busy;
    // Each card with its place in the column (filters hide, they do not
    // renumber) and the key it is drawn by.
    let shown = move || {
        cards()
            .into_iter()
            .enumerate()
            .filter(|(_, c)| filters.shows(c))
            .map(|(position, card)| {
                let key = busy
                    .with(|b| b.get(&card.id).cloned())
                    .unwrap_or_else(|| card_key(position, &card));
                (key, position, card)
            })
            .collect::<Vec<_>>()
    };
    let count = move || shown().len();
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    let (drop_move, cluster_for_drop) = (ctx.drop_move, ctx.cluster.clone());
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let Some(card) = ev
                .data_transfer()
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            // Dropped on a card: take its place; anywhere else: go last.
            let position = drop_position(&ev).unwrap_or(u32::MAX);
            drop_move.dispatch(MoveCard {
                cluster: cluster_for_drop.clone(),
                id: card,
                column: column_id,
                position,
            });
        }
    };
    let column_moves = leads.then(|| {
        [Move::Left, Move::Right]
            .into_iter()
            .map(|step| {
                let cluster = ctx.cluster.clone();
                let name = name.clone();
                let label = move || match step {
                    Move::Left => t_string!(i18n, cluster.column_left),
                    _ => t_string!(i18n, cluster.column_right),
                };
                view! {
                    <ActionForm action=ctx.column_move>
                        <input type="hidden" name="cluster" value=cluster />
                        <input type="hidden" name="column" value=column_id.to_string() />
                        <input type="hidden" name="step" value=step.as_str() />
                        <button type="submit" class="button button-secondary button-small move">
                            <span aria-hidden="true">{step_arrow(step)}</span>
                            <span class="visually-hidden">{label} " " {name}</span>
                        </button>
                    </ActionForm>
                }
            })
            .collect_view()
    });
    let rename_form = leads.then(|| {
        let cluster = ctx.cluster.clone();
        let input_id = format!("rename-{column_id}");
        let current = name.clone();
        view! {
            <details class="column-rename">
                <summary>{t!(i18n, cluster.rename)} <span class="visually-hidden">" " {name.clone()}</span></summary>
                <ActionForm action=rename>
                    <input type="hidden" name="cluster" value=cluster />
                    <input type="hidden" name="column" value=column_id.to_string() />
                    <label class="label" for=input_id.clone()>{t!(i18n, cluster.column_name)}</label>
                    <input class="input" id=input_id name="name" value=current required maxlength="60" />
                    <button type="submit" class="button button-secondary button-small">{t!(i18n, cluster.save)}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <section class="board-column" aria-labelledby=labelled_by data-index=index.to_string()>
            <h3 id=heading class="heading-small">{name.clone()} " " <span class="count">"(" {count} ")"</span></h3>
            {column_moves.map(|m| view! { <div class="column-moves">{m}</div> })}
            {rename_form}
            <ol
                class="cards"
                data-column=column_id.to_string()
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                <For
                    each=shown
                    key=|(key, _, _)| key.clone()
                    children={
                        let ctx = ctx.clone();
                        move |(_, position, card)| view! { <Card ctx=ctx.clone() card position /> }
                    }
                />
            </ol>
        </section>
    }
}

/// The place among a column's cards where something was dropped, from the
/// card element under the pointer.
#[cfg(feature = "hydrate")]
fn drop_position(ev: &leptos::ev::DragEvent) -> Option<u32> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let card = target.closest("li.card").ok()??;
    card.get_attribute("data-position")?.parse().ok()
}

/// The fields of a card's form: title, Markdown body, elements.
#[component]
fn CardFields(
    prefix: String,
    ctx: BoardContext,
    title: String,
    body: String,
    chosen: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title_id = format!("{prefix}-title");
    let body_id = format!("{prefix}-body");
    let hint_id = format!("{prefix}-body-hint");
    let boxes = ctx
        .elements
        .iter()
        .enumerate()
        .map(|(i, (id, t))| {
            let box_id = format!("{prefix}-element-{id}");
            let t = t.clone();
            let lang = ctx.default_language.clone();
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=box_id.clone() name=format!("card[elements][{i}]") value=id.clone() checked=chosen.contains(id) />
                    <label for=box_id>{move || text_in(i18n, &t, &lang)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label class="label" for=title_id.clone()>{t!(i18n, cluster.card_title)}</label>
            <input class="input" id=title_id name="card[title]" value=title required maxlength="200" />
        </div>
        <div class="field">
            <label class="label" for=body_id.clone()>{t!(i18n, cluster.card_body)}</label>
            <p class="hint" id=hint_id.clone()>{t!(i18n, cluster.card_body_hint)}</p>
            <textarea class="textarea" id=body_id name="card[body]" rows="5" aria-describedby=hint_id>{body}</textarea>
        </div>
        <fieldset class="field">
            <legend class="label">{t!(i18n, cluster.card_elements)}</legend>
            {boxes}
        </fieldset>
    }
}

#[component]
fn AddCardForm(
    ctx: BoardContext,
    acting_for: Vec<(String, String)>,
    add: ServerAction<AddCard>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(add.value());
    let added = successes(add.value());
    let cluster = ctx.cluster.clone();
    let columns = ctx.columns;

    let school_field = if acting_for.len() == 1 {
        let (id, _) = acting_for[0].clone();
        view! { <input type="hidden" name="school" value=id /> }.into_any()
    } else {
        view! {
            <div class="field">
                <label class="label" for="card-school">{t!(i18n, cluster.for_school)}</label>
                <select class="select" id="card-school" name="school">
                    {acting_for.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="add-card-heading">
            <h3 id="add-card-heading">{t!(i18n, cluster.add_heading)}</h3>
            <FormErrors error />
            <ActionForm action=add>
                <input type="hidden" name="cluster" value=cluster />
                {school_field}
                <div class="field">
                    <label class="label" for="card-column">{t!(i18n, cluster.column)}</label>
                    <select class="select" id="card-column" name="column">
                        {move || columns.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                // Drawn anew (new elements, empty) after each card added:
                // redrawing the same elements would keep what was typed.
                <For
                    each=move || [added.get()]
                    key=|n| *n
                    children={
                        let ctx = ctx.clone();
                        move |_| view! { <CardFields prefix="new-card".to_owned() ctx=ctx.clone() title=String::new() body=String::new() chosen=Vec::new() /> }
                    }
                />
                <button type="submit" class="button">{t!(i18n, cluster.add_card)}</button>
            </ActionForm>
        </section>
    }
}
