//! Configuration from environment variables, each with a default.

use app::store::seed::Demo;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} has the invalid value {value:?}: {reason}")]
    Invalid {
        name: &'static str,
        value: String,
        reason: String,
    },
}

#[derive(Clone, Debug)]
pub struct Config {
    /// `EQUIMARK_BIND` (default 127.0.0.1) and `EQUIMARK_PORT` (default 3000).
    pub addr: SocketAddr,
    /// `EQUIMARK_DATA_DIR` (default `./data`): the SQLite file and uploads.
    pub data_dir: PathBuf,
    /// `DATABASE_URL` (default: SQLite at `{data_dir}/equimark.db`).
    pub database_url: String,
    /// `EQUIMARK_DB_CONNECTIONS` (default 8 for SQLite, 16 for PostgreSQL):
    /// the most database connections this server opens.
    pub db_connections: Option<u32>,
    /// `EQUIMARK_SITE_ROOT` (default `target/site`): the built browser bundle and CSS.
    pub site_root: String,
    /// `EQUIMARK_LOG` (default `info`): a tracing filter such as `info,sqlx=warn`.
    pub log: String,
    /// `EQUIMARK_DEMO` (default `true`): seed demo data into an empty
    /// database; `full` adds a story for every journey; `false` seeds none.
    pub demo: Option<Demo>,
    /// `EQUIMARK_PUBLIC_URL` (default `http://{addr}`): the address people use,
    /// for links in emails. When it starts with `https:` cookies are `Secure`.
    pub public_url: String,
    /// `EQUIMARK_TRUST_FORWARDED` (default `false`): take the client's address
    /// from `X-Forwarded-For` (set it only behind a load balancer that sets it).
    pub trust_forwarded: bool,
    /// `EQUIMARK_SMTP_URL` (default: none, messages wait in the outbox), e.g.
    /// `smtps://user:pass@smtp.example.org:465`.
    pub smtp_url: Option<String>,
    /// `EQUIMARK_MAIL_FROM` (default `Equimark <no-reply@localhost>`).
    pub mail_from: String,
    /// `EQUIMARK_CONTACT_EMAIL` (default: none): where people report a
    /// problem, named on the accessibility statement.
    pub contact_email: Option<String>,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let invalid = |name: &'static str, value: String, reason: &str| ConfigError::Invalid {
            name,
            value,
            reason: reason.to_owned(),
        };
        let bind = var("EQUIMARK_BIND").unwrap_or_else(|| "127.0.0.1".into());
        let ip: IpAddr = bind
            .parse()
            .map_err(|_| invalid("EQUIMARK_BIND", bind.clone(), "expected an IP address"))?;
        let port = var("EQUIMARK_PORT").unwrap_or_else(|| "3000".into());
        let port: u16 = port
            .parse()
            .map_err(|_| invalid("EQUIMARK_PORT", port.clone(), "expected a port number"))?;
        let data_dir = PathBuf::from(var("EQUIMARK_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("equimark.db").display()
            )
        });
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(invalid(
                "DATABASE_URL",
                database_url,
                "expected sqlite://… or postgres://…",
            ));
        }
        let db_connections = match var("EQUIMARK_DB_CONNECTIONS") {
            None => None,
            Some(value) => match value.parse::<u32>() {
                Ok(n @ 1..=1000) => Some(n),
                _ => {
                    return Err(invalid(
                        "EQUIMARK_DB_CONNECTIONS",
                        value,
                        "expected a number from 1 to 1000",
                    ))
                }
            },
        };
        let demo = match var("EQUIMARK_DEMO").as_deref() {
            Some("0" | "false" | "no") => None,
            Some("full") => Some(Demo::Full),
            _ => Some(Demo::Basic),
        };
        let addr = SocketAddr::new(ip, port);
        let public_url = var("EQUIMARK_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(invalid(
                "EQUIMARK_PUBLIC_URL",
                public_url,
                "expected http://… or https://…",
            ));
        }
        let trust_forwarded = var("EQUIMARK_TRUST_FORWARDED")
            .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
        Ok(Config {
            smtp_url: var("EQUIMARK_SMTP_URL"),
            contact_email: var("EQUIMARK_CONTACT_EMAIL"),
            mail_from: var("EQUIMARK_MAIL_FROM")
                .unwrap_or_else(|| "Equimark <no-reply@localhost>".into()),
            addr,
            public_url,
            trust_forwarded,
            data_dir,
            database_url,
            db_connections,
            site_root: var("EQUIMARK_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            log: var("EQUIMARK_LOG").unwrap_or_else(|| "info".into()),
            demo,
        })
    }
}
