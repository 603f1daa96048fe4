//! How exports are written: CSV per RFC 4180 (comma-separated, CRLF line
//! ends, fields quoted when they hold a comma, quote or line break), with
//! cells that a spreadsheet would run as a formula made inert. Plain Rust.

/// Appends one CSV record (with its CRLF) to `out`.
pub fn csv_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, field.as_ref());
    }
    out.push_str("\r\n");
}

/// A field as a spreadsheet should see it. Text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be run as a formula by
/// spreadsheet programs (CSV injection), so it gets a leading `'`; numbers
/// such as `-3` are left alone.
fn csv_field(out: &mut String, field: &str) {
    let formula =
        field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err();
    let quote = formula || field.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// A permille score as a percentage with one decimal, for exports.
pub fn percent_text(permille: u32) -> String {
    format!("{}.{}", permille / 10, permille % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record(fields: &[&str]) -> String {
        let mut out = String::new();
        csv_record(&mut out, fields);
        out
    }

    /// A reader of RFC 4180 records, to check what the writer writes.
    fn parse(line: &str) -> Vec<String> {
        let body = line.strip_suffix("\r\n").unwrap_or(line);
        let mut fields = vec![String::new()];
        let mut chars = body.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (false, '"') => quoted = true,
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    fields.last_mut().unwrap().push('"');
                }
                (true, '"') => quoted = false,
                (false, ',') => fields.push(String::new()),
                (_, c) => fields.last_mut().unwrap().push(c),
            }
        }
        fields
    }

    #[test]
    fn plain_fields_are_left_as_they_are() {
        assert_eq!(
            record(&["Riverside", "42", "-3", "2026-01-31"]),
            "Riverside,42,-3,2026-01-31\r\n"
        );
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(
            record(&["a,b", "say \"hi\"", "two\nlines"]),
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn formulas_are_made_inert() {
        assert_eq!(
            record(&["=HYPERLINK(\"x\")"]),
            "\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
        assert_eq!(record(&["@SUM(A1)", "+1+1"]), "\"'@SUM(A1)\",\"'+1+1\"\r\n");
        assert_eq!(record(&["-1.5"]), "-1.5\r\n");
    }

    #[test]
    fn percentages_keep_one_decimal() {
        assert_eq!(percent_text(0), "0.0");
        assert_eq!(percent_text(625), "62.5");
        assert_eq!(percent_text(1000), "100.0");
    }

    proptest! {
        /// What is written reads back as the same fields (formulas with
        /// their leading quote), and a record is always one CRLF-ended line
        /// as far as a CSV reader is concerned.
        #[test]
        fn records_read_back(fields in proptest::collection::vec("[a-z,\"\n=@+ -]{0,8}", 1..6)) {
            let line = record(&fields.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert!(line.ends_with("\r\n"));
            let read = parse(&line);
            prop_assert_eq!(read.len(), fields.len());
            for (written, read) in fields.iter().zip(&read) {
                let unquoted = read.strip_prefix('\'').filter(|_| {
                    written.starts_with(['=', '+', '-', '@']) && written.parse::<f64>().is_err()
                });
                prop_assert_eq!(unquoted.unwrap_or(read), written.as_str());
            }
        }
    }
}
