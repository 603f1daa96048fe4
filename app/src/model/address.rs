//! Addresses: query values, and what a form post without JavaScript
//! carries back in the address (what was done, the latest error).

/// Percent-encodes a value for a URL query (everything but unreserved characters).
pub fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The path of an address (`/a/b` of `https://host/a/b?q#f` or `/a/b?q`).
pub fn path_of(address: &str) -> &str {
    let after_host = match address.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |slash| &rest[slash..]),
        None => address,
    };
    let end = after_host.find(['?', '#']).unwrap_or(after_host.len());
    &after_host[..end]
}

/// `location` (a path, or an address on this site) with `done=ENDPOINT` in
/// its query, in place of any earlier one and of the error of an earlier
/// try (`__path`, `__err`); a fragment stays last.
pub fn with_done(location: &str, endpoint: &str) -> String {
    let done = format!("done={}", query_value(endpoint));
    with_query(location, |pairs| {
        pairs.retain(|p| {
            !["done=", "__path=", "__err="]
                .iter()
                .any(|k| p.starts_with(k))
        });
        pairs.push(done);
    })
}

/// `location` with only the last error in its query: a refused form's
/// address carries the error of each try, as the page it was posted from
/// already carried the one before.
pub fn with_latest_error(location: &str) -> String {
    with_query(location, |pairs| {
        for key in ["__path=", "__err="] {
            let last = pairs.iter().rposition(|p| p.starts_with(key));
            let mut index = 0;
            pairs.retain(|p| {
                index += 1;
                !p.starts_with(key) || Some(index - 1) == last
            });
        }
    })
}

fn with_query(location: &str, change: impl FnOnce(&mut Vec<String>)) -> String {
    let (rest, fragment) = match location.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (location, None),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    change(&mut pairs);
    let mut out = path.to_owned();
    if !pairs.is_empty() {
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}
