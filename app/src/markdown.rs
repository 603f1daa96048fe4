//! Markdown for cards of practice, rendered once on the server when a card
//! is saved. Raw HTML in the source is shown as text, never as markup, and
//! links keep only safe schemes, so what a person writes cannot run in
//! another person's browser. Server only.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// Whether a link or image address is safe to follow: the web, mail, or
/// a path on this site. Anything else (`javascript:`, `data:`, …) is not.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        // A colon after a slash, `?` or `#` is part of a path, not a scheme.
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Renders `source` to sanitised HTML.
pub fn render(source: &str) -> String {
    let options =
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    let events = Parser::new_ext(source, options).map(|event| match event {
        // Markup typed into the text is shown as typed.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: if safe_url(&dest_url) {
                dest_url
            } else {
                CowStr::Borrowed("#")
            },
            title,
            id,
        }),
        // Images from elsewhere could track readers: show them as links.
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: if safe_url(&dest_url) {
                dest_url
            } else {
                CowStr::Borrowed("#")
            },
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn formats_the_usual_markdown() {
        let html = render("**Bold** and *soft*\n\n- one\n- two\n\n[site](https://example.org)");
        assert!(html.contains("<strong>Bold</strong>"));
        assert!(html.contains("<em>soft</em>"));
        assert!(html.contains("<li>one</li>"));
        assert!(html.contains(r#"<a href="https://example.org">site</a>"#));
    }

    #[test]
    fn script_and_markup_are_shown_as_text() {
        let html = render("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(2)> there");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_go_nowhere() {
        for source in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x]( data:text/html,<b>)",
            "![x](vbscript:msgbox)",
            "<javascript:alert(1)>",
        ] {
            let html = render(source).to_ascii_lowercase();
            assert!(!html.contains(r#"href="javascript"#), "{source} → {html}");
            assert!(!html.contains(r#"href="vbscript"#), "{source} → {html}");
            assert!(!html.contains(r#"href="data"#), "{source} → {html}");
            assert!(!html.contains(r#"href=" data"#), "{source} → {html}");
        }
        assert!(render("[a](/schools/1?x=a:b)").contains(r#"href="/schools/1?x=a:b""#));
        assert!(render("[a](mailto:a@b.test)").contains("mailto:a@b.test"));
    }

    #[test]
    fn images_become_links() {
        let html = render("![a chart](https://example.org/c.png)");
        assert!(
            html.contains(r#"<a href="https://example.org/c.png">a chart</a>"#),
            "{html}"
        );
    }
}
