//! Broken framework files are refused with the file, the path and the line.

use app::domain::framework_file::parse;

const GOOD: &str = r#"format = 1
id = "mini"
version = "1"
default_language = "en"
languages = ["en"]
title = "Mini"

[[scale]]
id = "no"
label = "No"
descriptor = "Not in place."

[[scale]]
id = "yes"
label = "Yes"
descriptor = "In place."

[[elements]]
id = "one"
title = "One"

[[elements.indicators]]
id = "one-a"
title = "Something is in place"

[[awards]]
id = "award"
title = "Award"

[[awards.rules]]
rule = "min_element_level"
level = "yes"
"#;

/// Parses `source` and returns the first problem as (path, line, message).
fn first_problem(source: &str) -> (String, Option<usize>, String) {
    let err = parse("broken.toml", source).expect_err("the file should be refused");
    let p = &err.0[0];
    assert_eq!(p.file, "broken.toml");
    (p.path.clone(), p.line, p.message.clone())
}

#[test]
fn the_minimal_file_is_valid() {
    let fw = parse("good.toml", GOOD).unwrap();
    assert_eq!(fw.indicator_count(), 1);
}

#[test]
fn malformed_toml_names_the_line() {
    let source = GOOD.replace(
        "title = \"Something is in place\"",
        "title = \"Something is in place",
    );
    let (_, line, message) = first_problem(&source);
    assert_eq!(line, Some(24));
    assert!(!message.is_empty());
}

#[test]
fn an_unknown_key_names_its_path_and_line() {
    let source = GOOD.replace(
        "title = \"Something is in place\"",
        "title = \"Something is in place\"\ncolour = \"red\"",
    );
    let (path, line, message) = first_problem(&source);
    assert_eq!(path, "elements[0].indicators[0].colour");
    assert_eq!(line, Some(25));
    assert!(message.contains("unknown field `colour`"), "{message}");
}

#[test]
fn a_duplicate_indicator_id_is_refused() {
    let source = GOOD.replace(
        "[[awards]]",
        "[[elements.indicators]]\nid = \"one-a\"\ntitle = \"Again\"\n\n[[awards]]",
    );
    let (path, line, message) = first_problem(&source);
    assert_eq!(path, "elements[0].indicators[1].id");
    assert_eq!(line, Some(27));
    assert!(message.contains("used twice"), "{message}");
}

#[test]
fn a_scale_with_one_level_is_refused() {
    let source = GOOD.replace(
        "[[scale]]\nid = \"yes\"\nlabel = \"Yes\"\ndescriptor = \"In place.\"\n",
        "",
    );
    let (path, _, message) = first_problem(&source);
    assert_eq!(path, "scale");
    assert!(message.contains("at least two levels"), "{message}");
}

#[test]
fn a_rule_naming_an_unknown_element_or_level_is_refused() {
    let source = GOOD.replace("level = \"yes\"", "level = \"maybe\"\nelements = [\"two\"]");
    let err = parse("broken.toml", &source).unwrap_err();
    let paths: Vec<&str> = err.0.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["awards[0].rules[0].level", "awards[0].rules[0].elements[0]"]
    );
    assert!(err.0[1].message.contains("no element \"two\""));
    assert_eq!(err.0[0].line, Some(32));
}

#[test]
fn an_empty_title_is_refused() {
    let source = GOOD.replace("title = \"One\"", "title = \"  \"");
    let (path, line, message) = first_problem(&source);
    assert_eq!(path, "elements[0].title");
    assert_eq!(line, Some(20));
    assert!(message.contains("empty"), "{message}");
}

#[test]
fn a_missing_field_is_named() {
    let source = GOOD.replace("version = \"1\"\n", "");
    let (_, _, message) = first_problem(&source);
    assert!(message.contains("missing field `version`"), "{message}");
}

#[test]
fn a_translation_in_an_undeclared_language_is_refused() {
    let source = GOOD.replace("title = \"One\"", "title = { en = \"One\", fr = \"Un\" }");
    let (path, _, message) = first_problem(&source);
    assert_eq!(path, "elements[0].title.fr");
    assert!(message.contains("not one of the languages"), "{message}");
}

#[test]
fn the_error_message_reads_as_file_line_path_message() {
    let source = GOOD.replace("title = \"One\"", "title = \"\"");
    let err = parse("broken.toml", &source).unwrap_err();
    assert_eq!(
        err.to_string(),
        "broken.toml:20: at elements[0].title: the element title is empty in the default language \"en\""
    );
}

/// The alliance reads every shipped framework in Simplified Chinese as
/// well as English: every title, summary, level, guidance question and
/// evidence example has both, and the Chinese is not the English.
#[test]
fn every_shipped_framework_is_written_in_english_and_chinese() {
    use app::domain::Text;
    for (file, source) in app::domain::framework_file::SHIPPED {
        let fw = parse(file, source).unwrap();
        assert_eq!(fw.languages, ["en", "zh"], "{file}");
        let mut texts: Vec<&Text> = vec![&fw.title, &fw.summary];
        for level in &fw.scale {
            texts.extend([&level.label, &level.descriptor]);
        }
        for element in &fw.elements {
            texts.extend([&element.title, &element.summary]);
            for indicator in &element.indicators {
                texts.push(&indicator.title);
                texts.extend(&indicator.guidance);
                texts.extend(&indicator.evidence_examples);
            }
        }
        for award in &fw.awards {
            texts.extend([&award.title, &award.summary]);
        }
        for text in texts {
            let (en, zh) = (text.get("en", "en"), text.get("zh", "en"));
            assert!(!en.is_empty(), "{file}: {en}");
            assert_ne!(en, zh, "{file}: no Chinese for {en}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{file}: {zh}"
            );
        }
    }
}
