//! The outbox is delivered over SMTP: a tiny SMTP server on loopback
//! receives what the mailer sends.

mod common;

use app::mailer::Mailer;
use app::store::audit::queue_message;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Accepts one SMTP session and returns the DATA it received.
async fn one_smtp_session(listener: TcpListener) -> String {
    let (socket, _) = listener.accept().await.unwrap();
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 test ESMTP\r\n").await.unwrap();
    let mut data = String::new();
    let mut in_data = false;
    while let Some(line) = lines.next_line().await.unwrap() {
        if in_data {
            if line == "." {
                in_data = false;
                write.write_all(b"250 queued\r\n").await.unwrap();
            } else {
                data.push_str(&line);
                data.push('\n');
            }
            continue;
        }
        let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 test\r\n",
            "DATA" => {
                in_data = true;
                b"354 go ahead\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await.unwrap();
                break;
            }
            _ => b"250 ok\r\n",
        };
        write.write_all(reply).await.unwrap();
    }
    data
}

#[tokio::test]
async fn waiting_messages_are_sent_once_and_marked_sent() {
    for db in common::databases().await {
        let store = &db.store;
        queue_message(
            &store.db,
            "cora@example.org",
            "You are invited",
            "Hello Cora,\nthe link: {link}\n",
            Some("http://x/invitations/secret-token"),
        )
        .await
        .unwrap();
        // Admins reading the outbox never see the link.
        let waiting = store.outbox(10).await.unwrap();
        assert!(
            !waiting[0].body.contains("secret-token"),
            "{}",
            waiting[0].body
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(one_smtp_session(listener));
        let mailer = Mailer::new(
            &format!("smtp://127.0.0.1:{port}"),
            "Equimark <no-reply@example.org>",
        )
        .unwrap();
        assert_eq!(mailer.deliver(store).await, 1, "{}", db.backend);
        let data = server.await.unwrap();
        assert!(data.contains("Subject: You are invited"), "{data}");
        assert!(data.contains("To: cora@example.org"), "{data}");
        assert!(data.contains("Hello Cora,"), "{data}");
        assert!(data.contains("http://x/invitations/secret-token"), "{data}");
        let outbox = store.outbox(10).await.unwrap();
        assert!(outbox[0].sent_at.is_some(), "{}: marked sent", db.backend);
        // Once delivered, the link is forgotten.
        let kept: Option<String> = {
            use sea_orm::{ConnectionTrait, Statement};
            let row = store
                .db
                .query_one_raw(Statement::from_string(
                    store.db.get_database_backend(),
                    "SELECT secret_link FROM outbox_message",
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get("", "secret_link").unwrap()
        };
        assert_eq!(kept, None, "{}", db.backend);
        // Nothing is sent twice.
        assert_eq!(mailer.deliver(store).await, 0);
    }
}

#[tokio::test]
async fn a_mail_server_that_is_down_leaves_the_message_waiting_with_the_error() {
    let db = common::databases().await.remove(0);
    let store = &db.store;
    queue_message(&store.db, "cora@example.org", "Hi", "Body\n", None)
        .await
        .unwrap();
    // Nothing listens on this port.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mailer = Mailer::new(&format!("smtp://127.0.0.1:{port}"), "no-reply@example.org").unwrap();
    assert_eq!(mailer.deliver(store).await, 0);
    let outbox = store.outbox(10).await.unwrap();
    assert!(outbox[0].sent_at.is_none());
    let waiting = store
        .unsent_messages(app::mailer::MAX_ATTEMPTS, 10)
        .await
        .unwrap();
    assert_eq!(waiting[0].attempts, 1, "one attempt counted");
}

#[tokio::test]
async fn without_smtp_messages_are_delivered_into_a_folder() {
    let db = common::databases().await.remove(0);
    let store = &db.store;
    queue_message(
        &store.db,
        "cora@example.org",
        "Reset",
        "Go: {link}\n",
        Some("http://x/reset-password/abc"),
    )
    .await
    .unwrap();
    let folder = std::env::temp_dir().join(format!("equimark-mail-{}", uuid::Uuid::new_v4()));
    let mailer = Mailer::into_folder(&folder, "Equimark <no-reply@example.org>").unwrap();
    assert_eq!(mailer.deliver(store).await, 1);
    let files: Vec<_> = std::fs::read_dir(&folder).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    let mail = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(mail.contains("http://x/reset-password/abc"), "{mail}");
    assert!(mail.contains("To: cora@example.org"), "{mail}");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_bad_smtp_address_is_refused_at_start() {
    assert!(Mailer::new("ftp://example.org", "no-reply@example.org").is_err());
    assert!(Mailer::new("smtp://127.0.0.1:25", "not an address").is_err());
}
