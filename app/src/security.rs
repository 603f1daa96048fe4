//! Secrets: password hashes (argon2id) and single-use tokens. Server only.
//!
//! Hashing a password takes a core for tens of milliseconds and 19 MiB on
//! purpose. Requests hash through [`hash_password_async`] and
//! [`verify_password_async`], on the blocking threads and at most one per
//! core at a time, so a burst of sign-ins never stalls the threads that
//! serve pages.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use blake2::{Blake2s256, Digest};
use std::sync::OnceLock;

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> String {
    // A v4 UUID is 122 bits from the operating system's random source.
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
        .expect("16 bytes is a valid salt length");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2id with default parameters accepts any password")
        .to_string()
}

/// Whether `password` matches `hash`. A malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same time as checking a real password, so that a sign-in
/// with an unknown email cannot be told apart by how long it takes.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("no account has this password"));
    let _ = verify_password(password, hash);
}

/// At most one hash per core at a time; the rest wait their turn.
fn hashing_turns() -> &'static tokio::sync::Semaphore {
    static TURNS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    TURNS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        tokio::sync::Semaphore::new(cores)
    })
}

/// Runs a hashing job on the blocking threads, in its turn.
async fn off_the_request_threads<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> T {
    let _turn = hashing_turns().acquire().await;
    match tokio::task::spawn_blocking(job).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

/// [`hash_password`], off the request threads.
pub async fn hash_password_async(password: String) -> String {
    off_the_request_threads(move || hash_password(&password)).await
}

/// [`verify_password`], off the request threads.
pub async fn verify_password_async(password: String, hash: String) -> bool {
    off_the_request_threads(move || verify_password(&password, &hash)).await
}

/// [`verify_against_nothing`], off the request threads.
pub async fn verify_against_nothing_async(password: String) {
    off_the_request_threads(move || verify_against_nothing(&password)).await
}

/// A new secret token (244 random bits as 64 hex digits) and the hash that
/// is stored in its place.
pub fn new_token() -> (String, String) {
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let hash = token_hash(&token);
    (token, hash)
}

/// The stored form of a token: a fast hash is right for 244-bit secrets.
pub fn token_hash(token: &str) -> String {
    token_hash_bytes(token.as_bytes())
}

/// BLAKE2s-256 of some bytes, as 64 hex digits (tokens, and the content
/// address of evidence files).
pub fn token_hash_bytes(bytes: &[u8]) -> String {
    let digest = Blake2s256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let hash = hash_password("correct horse battery");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse battery ", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn tokens_are_unique_and_hashed() {
        let (a, ha) = new_token();
        let (b, hb) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(ha.len(), 64);
        assert_eq!(token_hash(&a), ha);
        assert_ne!(ha, hb);
    }
}
