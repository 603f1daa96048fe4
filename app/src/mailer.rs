//! Delivers the outbox: over SMTP when it is configured, otherwise (the
//! demo) as `.eml` files into a folder, as a mail server's pickup folder
//! would hold them. Server only.
//!
//! Messages are always written to the outbox first, in the transaction of
//! the change that caused them; this loop delivers them afterwards, so a
//! mail server being down never loses a message or fails a request. Once a
//! message is delivered its link is forgotten: nobody reading the outbox
//! later can use it.

use crate::store::audit::Unsent;
use crate::store::Store;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

pub use crate::store::audit::MAX_SEND_ATTEMPTS as MAX_ATTEMPTS;

/// Why the mailer could not start.
#[derive(Debug, thiserror::Error)]
pub enum MailerError {
    #[error("EQUIMARK_SMTP_URL is not a valid SMTP address: {0}")]
    Url(String),
    #[error("EQUIMARK_MAIL_FROM is not a valid address: {0}")]
    From(String),
    #[error("cannot create the mail folder: {0}")]
    Folder(String),
}

fn sender(from: &str) -> Result<Mailbox, MailerError> {
    from.parse()
        .map_err(|e: lettre::address::AddressError| MailerError::From(e.to_string()))
}

/// Where messages go, and the sender's address.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    /// `url` as lettre reads it: `smtp://host:25` (plain, for a relay on the
    /// same network), `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host:465` (TLS).
    pub fn new(url: &str, from: &str) -> Result<Mailer, MailerError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailerError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Mailer {
            transport: Transport::Smtp(transport),
            from: sender(from)?,
        })
    }

    /// Delivers into `folder` (created if missing), one `.eml` file per message.
    pub fn into_folder(folder: &std::path::Path, from: &str) -> Result<Mailer, MailerError> {
        std::fs::create_dir_all(folder).map_err(|e| MailerError::Folder(e.to_string()))?;
        Ok(Mailer {
            transport: Transport::Folder(AsyncFileTransport::new(folder)),
            from: sender(from)?,
        })
    }

    async fn send(&self, message: &Unsent) -> Result<(), String> {
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|e: lettre::address::AddressError| e.to_string())?;
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| e.to_string())?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::Folder(folder) => folder
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
        }
    }

    /// Sends what is waiting in the outbox; returns how many were sent.
    pub async fn deliver(&self, store: &Store) -> usize {
        let waiting = match store.unsent_messages(MAX_ATTEMPTS, 50).await {
            Ok(waiting) => waiting,
            Err(error) => {
                tracing::warn!(%error, "could not read the outbox");
                return 0;
            }
        };
        let mut sent = 0;
        for message in waiting {
            match store.claim_message(&message).await {
                Ok(true) => {}
                Ok(false) => continue,
                Err(error) => {
                    tracing::warn!(%error, "could not claim an outbox message");
                    continue;
                }
            }
            let outcome = self.send(&message).await;
            if let Err(error) = &outcome {
                tracing::warn!(message = message.id, %error, "sending failed; will retry");
            } else {
                sent += 1;
            }
            if let Err(error) = store.message_sent(message.id, outcome.err()).await {
                tracing::error!(%error, "could not record a sent message");
            }
        }
        sent
    }

    /// Delivers the outbox every `every`, for as long as the server runs.
    pub fn spawn(self, store: Store, every: Duration) {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                self.deliver(&store).await;
            }
        });
    }
}
