//! The demo dataset, loaded on first start into an empty database.

use super::entity::account;
use super::frameworks::PublishError;
use super::{Store, StoreResult};
use crate::domain::framework_file::SHIPPED;
use crate::domain::{NewSchool, Phase, Role};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

/// The password of every demo account. Demo data only: never in production.
pub const DEMO_PASSWORD: &str = "equimark-demo";

/// Demo accounts, one per role: (email, name, role).
pub const DEMO_ACCOUNTS: [(&str, &str, Role); 5] = [
    ("teacher@demo.equimark.test", "Tara Teacher", Role::Teacher),
    (
        "coordinator@demo.equimark.test",
        "Cora Coordinator",
        Role::Coordinator,
    ),
    (
        "lead@demo.equimark.test",
        "Lee Cluster-Lead",
        Role::ClusterLead,
    ),
    (
        "assessor@demo.equimark.test",
        "Asha Assessor",
        Role::Assessor,
    ),
    ("admin@demo.equimark.test", "Ada Admin", Role::Admin),
];

const DEMO_SCHOOLS: [(&str, Phase, &str, u32); 4] = [
    ("Riverside Primary School", Phase::Primary, "Leeds", 320),
    ("Hillcrest Academy", Phase::Secondary, "Manchester", 1150),
    ("Oak Tree Special School", Phase::Special, "York", 140),
    ("上海市浦东新区融合实验小学", Phase::Primary, "上海", 860),
];

/// Whether anything was seeded.
pub enum Seeded {
    Fresh,
    AlreadyPresent,
}

impl Store {
    /// Seeds the demo dataset if the database has no schools and no accounts yet.
    pub async fn seed_demo(&self) -> StoreResult<Seeded> {
        if self.count_schools().await? > 0 || account::Entity::find().count(&self.db).await? > 0 {
            return Ok(Seeded::AlreadyPresent);
        }
        self.seed_frameworks().await?;
        let mut first_school = None;
        for (name, phase, city, learners) in DEMO_SCHOOLS {
            let school = self
                .add_school(&NewSchool {
                    name: name.to_owned(),
                    phase,
                    city: city.to_owned(),
                    learners,
                })
                .await?;
            first_school.get_or_insert(school.id);
        }
        let school_id = match first_school {
            Some(public_id) => self.school_key(&public_id).await?,
            None => None,
        };
        let hash = hash_password(DEMO_PASSWORD);
        for (email, name, role) in DEMO_ACCOUNTS {
            let at_school = matches!(role, Role::Teacher | Role::Coordinator | Role::ClusterLead);
            account::ActiveModel {
                public_id: Set(uuid::Uuid::new_v4().to_string()),
                email: Set(email.to_owned()),
                display_name: Set(name.to_owned()),
                password_hash: Set(hash.clone()),
                role: Set(role.as_str().to_owned()),
                school_id: Set(if at_school { school_id } else { None }),
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            }
            .insert(&self.db)
            .await?;
        }
        Ok(Seeded::Fresh)
    }

    /// Publishes every shipped framework that is not stored yet.
    pub async fn seed_frameworks(&self) -> StoreResult<()> {
        for (file, source) in SHIPPED {
            match self.publish_framework(file, source).await {
                Ok(_) | Err(PublishError::Store(super::StoreError::Duplicate(_))) => {}
                Err(PublishError::Store(e)) => return Err(e),
                Err(PublishError::Invalid(e)) => {
                    return Err(super::StoreError::Corrupt(e.to_string()))
                }
            }
        }
        Ok(())
    }
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    // A v4 UUID is 122 bits from the operating system's random source.
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
        .expect("16 bytes is a valid salt length");
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2id with default parameters accepts any password")
        .to_string()
}
