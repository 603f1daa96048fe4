//! The database schema, as SeaORM migrations (see README.md).

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_create_schools;
mod m20261125_000002_create_accounts;
mod m20261125_000003_create_framework_versions;
mod m20261125_000004_memberships;
mod m20261125_000005_sessions_and_tokens;
mod m20261125_000006_outbox_and_audit;
mod m20261125_000007_networks_and_awards;
mod m20261125_000008_self_assessments;
mod m20261125_000009_evidence;
mod m20261125_000010_action_plan;
mod m20261125_000011_reviews_and_awards;
mod m20261125_000012_cluster_boards;
mod m20261125_000013_research_and_library;
mod m20261125_000014_validated_results;
mod m20261201_000015_foreign_key_indexes;
mod m20261202_000016_school_search_text;
mod m20261202_000017_search_text_letters;
mod m20261207_000018_trust;
mod m20261207_000019_stored_files;
mod m20261207_000020_results_per_framework;
mod m20261207_000021_award_status;
mod m20261207_000022_carried_answers;
mod m20261207_000023_appeals;
mod m20261207_000024_notifications;
mod m20261207_000025_award_directory;
mod m20261207_000026_board_visits;
mod m20261208_000027_access_tokens;
mod m20261209_000028_fee_schedules;
mod m20261209_000029_reminders;
mod m20261210_000030_deferrals;
mod m20261210_000031_nonconformities;
mod m20261210_000032_management_reviews;
mod m20261211_000033_internal_audits;
mod m20261211_000034_surveys;
mod m20261212_000035_invitation_language;
mod m20261213_000036_network_join_requests;
mod m20261213_000037_corrective_action_in_plan;
mod m20261214_000038_regions_from_list;
mod m20261215_000039_accessibility_checks;
mod search_text;

pub use search_text::{school_search_text, search_folded};

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_schools::Migration),
            Box::new(m20261125_000002_create_accounts::Migration),
            Box::new(m20261125_000003_create_framework_versions::Migration),
            Box::new(m20261125_000004_memberships::Migration),
            Box::new(m20261125_000005_sessions_and_tokens::Migration),
            Box::new(m20261125_000006_outbox_and_audit::Migration),
            Box::new(m20261125_000007_networks_and_awards::Migration),
            Box::new(m20261125_000008_self_assessments::Migration),
            Box::new(m20261125_000009_evidence::Migration),
            Box::new(m20261125_000010_action_plan::Migration),
            Box::new(m20261125_000011_reviews_and_awards::Migration),
            Box::new(m20261125_000012_cluster_boards::Migration),
            Box::new(m20261125_000013_research_and_library::Migration),
            Box::new(m20261125_000014_validated_results::Migration),
            Box::new(m20261201_000015_foreign_key_indexes::Migration),
            Box::new(m20261202_000016_school_search_text::Migration),
            Box::new(m20261202_000017_search_text_letters::Migration),
            Box::new(m20261207_000018_trust::Migration),
            Box::new(m20261207_000019_stored_files::Migration),
            Box::new(m20261207_000020_results_per_framework::Migration),
            Box::new(m20261207_000021_award_status::Migration),
            Box::new(m20261207_000022_carried_answers::Migration),
            Box::new(m20261207_000023_appeals::Migration),
            Box::new(m20261207_000024_notifications::Migration),
            Box::new(m20261207_000025_award_directory::Migration),
            Box::new(m20261207_000026_board_visits::Migration),
            Box::new(m20261208_000027_access_tokens::Migration),
            Box::new(m20261209_000028_fee_schedules::Migration),
            Box::new(m20261209_000029_reminders::Migration),
            Box::new(m20261210_000030_deferrals::Migration),
            Box::new(m20261210_000031_nonconformities::Migration),
            Box::new(m20261210_000032_management_reviews::Migration),
            Box::new(m20261211_000033_internal_audits::Migration),
            Box::new(m20261211_000034_surveys::Migration),
            Box::new(m20261212_000035_invitation_language::Migration),
            Box::new(m20261213_000036_network_join_requests::Migration),
            Box::new(m20261213_000037_corrective_action_in_plan::Migration),
            Box::new(m20261214_000038_regions_from_list::Migration),
            Box::new(m20261215_000039_accessibility_checks::Migration),
        ]
    }
}
