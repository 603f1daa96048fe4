//! A school's page and people, invitations, and one's own profile.

use crate::error::AppError;
use crate::model::SchoolDetail;
use leptos::prelude::*;

/// One school: details, and its people for those who manage them.
#[server(endpoint = "school")]
pub async fn school(id: String) -> Result<SchoolDetail, AppError> {
    use crate::domain::{Action, Role};
    use crate::store::accounts::Place;
    let (store, _, signed_in, record) = super::authorize_at(Action::ViewSchool, &id).await?;
    let networks: Vec<String> = store
        .networks_of(record.key)
        .await
        .map_err(super::failed)?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let viewer = &signed_in.viewer;
    let may_manage_people = viewer.may(Action::ManagePeople, Some(&id));
    let (members, invitations) = if may_manage_people {
        let mut members = store
            .school_members(record.key)
            .await
            .map_err(super::failed)?;
        for member in &mut members {
            member.removable = viewer.may_remove(member.role, &id)
                && !(member.account == viewer.account && member.role == Role::Coordinator);
        }
        let mut invitations = store
            .pending_invitations(Place::School(record.key, &id))
            .await
            .map_err(super::failed)?;
        for invitation in &mut invitations {
            invitation.may_revoke = viewer.may_invite(invitation.role, Some(&id));
        }
        (Some(members), invitations)
    } else {
        (None, Vec::new())
    };
    Ok(SchoolDetail {
        may_edit: viewer.may(Action::EditSchool, Some(&id)),
        may_export: viewer.may(Action::EditSchool, Some(&id)),
        may_view_assessments: viewer.may(Action::ViewSelfAssessment, Some(&id)),
        may_start_assessment: viewer.may(Action::SubmitSelfAssessment, Some(&id)),
        may_assign_assessors: viewer.may_invite(crate::domain::Role::Assessor, Some(&id)),
        may_manage_people,
        directory_listed: record.directory_listed,
        school: record.summary,
        region: record.region,
        contact_email: record.contact_email,
        award_since: record.award_since.map(|d| d.to_string()),
        award_until: record.award_until.map(|d| d.to_string()),
        networks,
        members,
        invitations,
    })
}

/// Changes a school's region and contact email.
#[server(endpoint = "update_school")]
pub async fn update_school(
    id: String,
    region: String,
    contact_email: String,
) -> Result<(), AppError> {
    use crate::domain::account::parse_email;
    use crate::domain::{AccountInputError, Action};

    let (store, session, _, record) = super::authorize_at(Action::EditSchool, &id).await?;
    let mut problems = Vec::new();
    let region = crate::domain::region::accept(&region, &record.region).unwrap_or_else(|| {
        problems.push(AccountInputError::UnknownRegion);
        ""
    });
    let contact = if contact_email.trim().is_empty() {
        Ok(String::new())
    } else {
        parse_email(&contact_email)
    };
    let contact = match contact {
        Ok(contact) => contact,
        Err(_) => {
            problems.push(AccountInputError::ContactNotAnEmail);
            String::new()
        }
    };
    if !problems.is_empty() {
        return Err(AppError::InvalidAccount { problems }.respond());
    }
    store
        .update_school_contact(&record, region, &contact, &session.actor())
        .await
        .map_err(super::failed)
}

/// Invites someone by email: a coordinator invites teachers and cluster
/// leads to their school; an admin invites coordinators to a school and
/// assessors (to a school, which assigns them, or to none yet). The email
/// is written in `language` (by default the inviter's own).
#[server(endpoint = "invite")]
pub async fn invite(
    email: String,
    role: String,
    school: String,
    #[server(default)] language: String,
) -> Result<String, AppError> {
    use crate::domain::account::{parse_email, parse_language};
    use crate::domain::{AccountInputError, Role};
    use crate::store::StoreError;

    let store = super::store()?;
    let settings = super::settings()?;
    let (session, signed_in) = super::signed_in()?;
    let school = Some(school.trim()).filter(|s| !s.is_empty());
    let role = Role::parse(role.trim());
    // Network admins and partner experts are invited from their network's page.
    let allowed = role.is_some_and(|role| {
        !matches!(role, Role::NetworkAdmin | Role::PartnerExpert)
            && signed_in.viewer.may_invite(role, school)
    });
    // The form offers only the roles one may invite: anything else is a
    // tampered request.
    let Some(role) = role.filter(|_| allowed) else {
        let action = crate::domain::Action::ManagePeople;
        return Err(super::refuse(&store, &session, action, school, AppError::Forbidden).await);
    };
    let email = parse_email(&email).map_err(|problem| {
        AppError::InvalidAccount {
            problems: vec![problem],
        }
        .respond()
    })?;
    // The email's language: the one chosen, or the inviter's own.
    let language = match language.trim() {
        "" => signed_in.preferred_language.clone(),
        chosen => parse_language(chosen)
            .map_err(|problem| {
                AppError::InvalidAccount {
                    problems: vec![problem],
                }
                .respond()
            })?
            .to_owned(),
    };
    let school_record = match school {
        Some(id) => Some(
            store
                .school(id)
                .await
                .map_err(super::failed)?
                .ok_or_else(|| {
                    AppError::InvalidAccount {
                        problems: vec![AccountInputError::UnknownSchool],
                    }
                    .respond()
                })?,
        ),
        None if role == Role::Coordinator => {
            return Err(AppError::InvalidAccount {
                problems: vec![AccountInputError::UnknownSchool],
            }
            .respond())
        }
        None => None,
    };
    let place = match &school_record {
        Some(s) => crate::store::accounts::Place::School(s.key, &s.summary.id),
        None => crate::store::accounts::Place::Service,
    };
    match store
        .invite(
            (&email, &language),
            role,
            place,
            signed_in.account,
            &settings.public_url,
            &session.actor(),
        )
        .await
    {
        Ok(()) => {
            super::back_with("sent_to", &email);
            Ok(email)
        }
        Err(StoreError::Duplicate(_)) => Err(AppError::InvalidAccount {
            problems: vec![AccountInputError::AlreadyMember],
        }
        .respond()),
        Err(other) => Err(super::failed(other)),
    }
}

/// Removes one role a person holds at a school. Their sessions lose it on
/// their next request.
#[server(endpoint = "remove_member")]
pub async fn remove_member(school: String, account: String, role: String) -> Result<(), AppError> {
    use crate::domain::{Action, Role};
    let (store, session, signed_in, record) =
        super::authorize_at(Action::ManagePeople, &school).await?;
    let role = Role::parse(&role).ok_or_else(|| AppError::NotFound.respond())?;
    // Removing a role follows the rules for granting it; an assessor's
    // assignment ends with the review, not by removal.
    if !signed_in.viewer.may_remove(role, &school) {
        let action = Action::ManagePeople;
        return Err(
            super::refuse(&store, &session, action, Some(&school), AppError::Forbidden).await,
        );
    }
    // A coordinator cannot remove themselves as coordinator: a school keeps
    // someone who can manage it.
    if account == signed_in.viewer.account && role == Role::Coordinator {
        return Err(AppError::Forbidden.respond());
    }
    store
        .remove_membership(
            &account,
            role,
            (record.key, &record.summary.id),
            &session.actor(),
        )
        .await
        .map_err(super::failed)
}

/// Withdraws an invitation not yet accepted: its link stops working. Those
/// who may send an invitation may withdraw it.
#[server(endpoint = "revoke_invitation")]
pub async fn revoke_invitation(invitation: String) -> Result<(), AppError> {
    use crate::domain::Action;
    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    let viewer = &signed_in.viewer;
    let grant = store
        .pending_grant(&invitation)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let school = grant.school.as_deref();
    if let Some(id) = school {
        if !viewer.may(Action::ViewSchool, Some(id)) {
            let error = AppError::NotFound;
            return Err(super::refuse(&store, &session, Action::ManagePeople, school, error).await);
        }
    }
    let allowed = if grant.for_network {
        viewer.may(Action::ManageNetworks, None)
    } else {
        viewer.may_invite(grant.role, school)
    };
    if !allowed {
        let error = AppError::Forbidden;
        return Err(super::refuse(&store, &session, Action::ManagePeople, school, error).await);
    }
    store
        .revoke_invitation(&invitation, &session.actor())
        .await
        .map_err(super::failed)
}

/// Changes one's own name and language.
#[server(endpoint = "update_profile")]
pub async fn update_profile(name: String, language: String) -> Result<(), AppError> {
    use crate::domain::account::{parse_language, parse_name};

    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    let problems: Vec<_> = [parse_name(&name).err(), parse_language(&language).err()]
        .into_iter()
        .flatten()
        .collect();
    if !problems.is_empty() {
        return Err(AppError::InvalidAccount { problems }.respond());
    }
    let (Ok(name), Ok(language)) = (parse_name(&name), parse_language(&language)) else {
        return Err(AppError::Internal.respond());
    };
    store
        .update_profile(signed_in.account, &name, language, &session.actor())
        .await
        .map_err(super::failed)?;
    super::auth::set_language_cookie(language);
    Ok(())
}

/// Changes one's own password (the current one is asked for), and signs out
/// every other session.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::domain::account::check_new_password;
    use crate::domain::AccountInputError;

    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    let credentials = store
        .credentials(&signed_in.viewer.email)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::Unauthenticated.respond())?;
    let mut problems = Vec::new();
    let email = &signed_in.viewer.email;
    let verified =
        super::auth::check_password(&store, email, &session.ip, &current, Some(&credentials))
            .await?;
    if !verified {
        problems.push(AccountInputError::WrongPassword);
    }
    problems.extend(check_new_password(&password, &confirm));
    if !problems.is_empty() {
        return Err(AppError::InvalidAccount { problems }.respond());
    }
    store
        .change_password(
            &signed_in,
            crate::security::hash_password_async(password).await,
            &session.actor(),
        )
        .await
        .map_err(super::failed)
}
