//! The emails about an account itself, an invitation and a password
//! reset, written in the person's language (English or Simplified
//! Chinese). `link` stands where the secret link goes; the outbox keeps the
//! link apart from the text.

use super::Role;

fn chinese(language: &str) -> bool {
    language.starts_with("zh")
}

/// A role as the invitation names it.
pub fn role_words(language: &str, role: Role) -> &'static str {
    match (chinese(language), role) {
        (false, Role::Teacher) => "a teacher",
        (false, Role::Coordinator) => "the inclusion coordinator",
        (false, Role::ClusterLead) => "a cluster lead",
        (false, Role::Assessor) => "an assessor",
        (false, Role::Admin) => "a certification admin",
        (false, Role::NetworkAdmin) => "a network admin",
        (false, Role::PartnerExpert) => "a partner expert",
        (true, Role::Teacher) => "教师",
        (true, Role::Coordinator) => "融合教育协调员",
        (true, Role::ClusterLead) => "联盟牵头人",
        (true, Role::Assessor) => "评审员",
        (true, Role::Admin) => "认证管理员",
        (true, Role::NetworkAdmin) => "网络管理员",
        (true, Role::PartnerExpert) => "合作专家",
    }
}

/// An invitation to hold `role`, at `place` when it names one, that works
/// for `days`. Returns the subject and the body.
pub fn invitation(
    language: &str,
    (inviter, role, place): (&str, Role, Option<&str>),
    days: i64,
    link: &str,
) -> (String, String) {
    let role = role_words(language, role);
    if chinese(language) {
        let place = place.map(|p| format!("（{p}）")).unwrap_or_default();
        (
            "邀请您加入 Equimark".to_owned(),
            format!(
                "您好：\n\n{inviter} 邀请您以{role}身份加入 Equimark{place}。\n\n\
                 在此接受邀请（链接仅可使用一次，{days} 天内有效）：\n{link}\n\n\
                 如果您没有预料到这封邮件，可以忽略它。\n"
            ),
        )
    } else {
        let place = place.map(|p| format!(" at {p}")).unwrap_or_default();
        (
            "You are invited to Equimark".to_owned(),
            format!(
                "Hello,\n\n{inviter} has invited you to join Equimark as {role}{place}.\n\n\
                 Accept the invitation here (the link works once, for {days} days):\n\
                 {link}\n\n\
                 If you were not expecting this, you can ignore this message.\n"
            ),
        )
    }
}

/// A password reset for `name`, its link working for `minutes`. Returns
/// the subject and the body.
pub fn password_reset(language: &str, name: &str, minutes: i64, link: &str) -> (String, String) {
    if chinese(language) {
        (
            "重置您的 Equimark 密码".to_owned(),
            format!(
                "{name}，您好：\n\n有人请求重置您的 Equimark 账户密码。\n\
                 在此设置新密码（链接仅可使用一次，{minutes} 分钟内有效）：\n{link}\n\n\
                 如果不是您本人操作，请忽略这封邮件：您的密码不会改变。\n"
            ),
        )
    } else {
        (
            "Reset your Equimark password".to_owned(),
            format!(
                "Hello {name},\n\nSomeone asked to reset the password of your Equimark account.\n\
                 Choose a new password here (the link works once, for {minutes} minutes):\n\
                 {link}\n\n\
                 If it was not you, ignore this message: your password stays as it is.\n"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_reads_in_the_language_chosen() {
        let (subject, body) = invitation(
            "zh",
            ("cora@example.org", Role::Teacher, Some("河畔小学")),
            14,
            "{link}",
        );
        assert_eq!(subject, "邀请您加入 Equimark");
        assert!(
            body.contains("以教师身份加入 Equimark（河畔小学）"),
            "{body}"
        );
        assert!(body.contains("14 天内有效"), "{body}");
        assert!(body.contains("{link}"));
        let (subject, body) = invitation(
            "en",
            ("cora@example.org", Role::Assessor, None),
            14,
            "{link}",
        );
        assert_eq!(subject, "You are invited to Equimark");
        assert!(body.contains("as an assessor.\n"), "{body}");
    }

    #[test]
    fn a_reset_reads_in_the_persons_language() {
        let (subject, body) = password_reset("zh", "李老师", 30, "{link}");
        assert_eq!(subject, "重置您的 Equimark 密码");
        assert!(body.starts_with("李老师，您好"), "{body}");
        let (subject, _) = password_reset("en", "Tara", 30, "{link}");
        assert_eq!(subject, "Reset your Equimark password");
    }

    #[test]
    fn every_role_has_words_in_both_languages() {
        for role in Role::ALL {
            assert!(!role_words("en", role).is_empty());
            assert!(role_words("zh", role)
                .chars()
                .all(|c| !c.is_ascii_alphabetic()));
        }
    }
}
