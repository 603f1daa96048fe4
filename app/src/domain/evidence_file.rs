//! Which uploaded files are accepted as evidence: documents, spreadsheets,
//! presentations, images, PDFs and plain text, recognised by their content
//! (not by what the browser or the file name claims).

use serde::{Deserialize, Serialize};

/// The largest file accepted.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Why a file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileProblem {
    Empty,
    TooLarge,
    /// Not one of the accepted kinds, whatever its name says.
    UnknownType,
}

impl FileProblem {
    pub fn as_str(self) -> &'static str {
        match self {
            FileProblem::Empty => "empty",
            FileProblem::TooLarge => "too_large",
            FileProblem::UnknownType => "unknown_type",
        }
    }
}

/// The media type of an accepted file, from its first bytes (and, for the
/// zip-based office formats, its extension).
pub fn content_type(file_name: &str, bytes: &[u8]) -> Result<&'static str, FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"%PDF-") {
        return Ok("application/pdf");
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok("image/png");
    }
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Ok("image/jpeg");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Ok("image/gif");
    }
    if bytes.len() >= 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Ok("image/webp");
    }
    if starts(b"PK\x03\x04") {
        return match extension.as_str() {
            "docx" => Ok("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "xlsx" => Ok("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "pptx" => {
                Ok("application/vnd.openxmlformats-officedocument.presentationml.presentation")
            }
            "odt" => Ok("application/vnd.oasis.opendocument.text"),
            "ods" => Ok("application/vnd.oasis.opendocument.spreadsheet"),
            "odp" => Ok("application/vnd.oasis.opendocument.presentation"),
            _ => Err(FileProblem::UnknownType),
        };
    }
    let text = matches!(extension.as_str(), "txt" | "csv" | "md")
        && std::str::from_utf8(bytes).is_ok_and(|s| !s.contains('\0'));
    if text {
        return Ok(if extension == "csv" {
            "text/csv"
        } else {
            "text/plain"
        });
    }
    Err(FileProblem::UnknownType)
}

/// A file name safe to send back in a download header: no paths, no quotes
/// or control characters, not empty.
pub fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "evidence".to_owned()
    } else {
        cleaned
    }
}

/// How a stored file is sent: shown in the browser (images) or downloaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    Inline,
    Attachment,
}

/// Images open in the browser; every other file downloads. (A PDF would
/// open in the browser's viewer, but the viewer does not run in the
/// sandbox every stored file is sent in.)
pub fn disposition_of(content_type: &str) -> Disposition {
    if content_type.starts_with("image/") {
        Disposition::Inline
    } else {
        Disposition::Attachment
    }
}

/// The `Content-Disposition` header for a stored file: a plain ASCII name
/// for old clients and, as RFC 6266 and RFC 5987 say, the name in UTF-8
/// percent-encoded for the rest, so a name in any alphabet arrives intact.
pub fn content_disposition(disposition: Disposition, name: &str) -> String {
    let name = safe_file_name(name);
    let fallback: String = name
        .chars()
        .map(|c| if c.is_ascii() && c != '\\' { c } else { '_' })
        .collect();
    let encoded: String =
        name.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|'
                | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
    let kind = match disposition {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_recognised_by_content() {
        assert_eq!(
            content_type("report.pdf", b"%PDF-1.7 ..."),
            Ok("application/pdf")
        );
        assert_eq!(
            content_type("photo.png", b"\x89PNG\r\n\x1a\n...."),
            Ok("image/png")
        );
        assert_eq!(
            content_type("anything", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Ok("image/jpeg")
        );
        assert!(content_type("minutes.docx", b"PK\x03\x04....")
            .unwrap()
            .contains("wordprocessingml"));
        assert_eq!(
            content_type("notes.txt", "Notes — 笔记".as_bytes()),
            Ok("text/plain")
        );
        // A renamed program is still a program.
        assert_eq!(
            content_type("policy.pdf", b"MZ\x90\x00"),
            Err(FileProblem::UnknownType)
        );
        assert_eq!(
            content_type("archive.zip", b"PK\x03\x04"),
            Err(FileProblem::UnknownType)
        );
        assert_eq!(
            content_type("page.html", b"<script>alert(1)</script>"),
            Err(FileProblem::UnknownType)
        );
        assert_eq!(
            content_type("x.txt", b"bin\0ary"),
            Err(FileProblem::UnknownType)
        );
        assert_eq!(content_type("empty.pdf", b""), Err(FileProblem::Empty));
        assert_eq!(
            content_type("big.pdf", &vec![b'%'; MAX_FILE_BYTES + 1]),
            Err(FileProblem::TooLarge)
        );
    }

    #[test]
    fn download_names_are_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(
            safe_file_name("C:\\Users\\a\\plan \"v2\".pdf"),
            "plan v2.pdf"
        );
        assert_eq!(safe_file_name(""), "evidence");
    }

    #[test]
    fn a_name_in_any_alphabet_is_sent_in_ascii_and_in_utf_8() {
        assert_eq!(
            content_disposition(Disposition::Attachment, "política 报告.pdf"),
            "attachment; filename=\"pol_tica __.pdf\"; filename*=UTF-8''pol%C3%ADtica%20%E6%8A%A5%E5%91%8A.pdf"
        );
        let header = content_disposition(Disposition::Inline, "a\"b;c\\d.png");
        assert!(header.is_ascii() && !header.contains('\\'), "{header}");
        assert_eq!(disposition_of("image/png"), Disposition::Inline);
        assert_eq!(disposition_of("application/pdf"), Disposition::Attachment);
    }
}
