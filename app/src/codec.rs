//! How a page's resources travel from the server to the browser: JSON, read
//! the way server functions read their answers.
//!
//! A resource's value reaches the browser twice over: in the page's hydration
//! data, and in a server function's answer when it reloads. Server functions
//! read JSON from bytes (`serde_json::from_slice`); Leptos's default resource
//! codec reads the hydration data from a string (`from_str`). Each reader
//! compiles its own copy of every type's deserializer into the browser
//! bundle. Resources made with [`resource`] read their hydration data from
//! bytes too, so each type's deserializer is compiled once.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use std::future::Future;

/// JSON, read from bytes: the codec of every resource in the app.
pub struct Json;

impl<T: serde::Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, Self::Error> {
        serde_json::to_string(val)
    }
}

impl<T: serde::de::DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

/// A resource that loads with `fetcher` whenever `source` changes (as
/// [`Resource::new`], with the [`Json`] codec).
#[track_caller]
pub fn resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, Json>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Answer {
        level: Option<u8>,
        narrative: String,
    }

    #[test]
    fn a_value_reads_back_as_written() {
        let answer = Answer {
            level: Some(3),
            narrative: "Pupils «choose» how they show\nwhat they know".into(),
        };
        let encoded = <Json as Encoder<Answer>>::encode(&answer).unwrap();
        let decoded: Answer = <Json as Decoder<Answer>>::decode(&encoded).unwrap();
        assert_eq!(decoded, answer);
    }

    #[test]
    fn malformed_json_is_an_error_not_a_panic() {
        assert!(<Json as Decoder<Answer>>::decode("{\"level\": ").is_err());
    }
}
