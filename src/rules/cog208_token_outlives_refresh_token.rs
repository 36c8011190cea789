use super::duration::{effective, Token};
use super::{declare_rule, Check, Ctx};
use crate::finding::Diag;

declare_rule! {
    pub struct TokenOutlivesRefreshToken: "COG208", "token-outlives-refresh-token", Warning, Both,
    "an access or ID token lasts longer than the refresh token"
}

impl Check for TokenOutlivesRefreshToken {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Some(refresh) = effective(cx.body(), Token::Refresh) else {
            return;
        };
        if !refresh.in_range() {
            return;
        }
        for token in [Token::Access, Token::Id] {
            let Some(v) = effective(cx.body(), token) else {
                continue;
            };
            let Some(span) = v.span else { continue };
            if !v.in_range() || v.seconds() <= refresh.seconds() {
                continue;
            }
            let refresh_note = if refresh.span.is_some() {
                ""
            } else {
                " (the default)"
            };
            out.push(
                Diag::new(
                    span,
                    format!(
                        "{} ({}) is longer than the refresh token's {}{refresh_note}",
                        token.attr(),
                        v.describe(),
                        refresh.describe()
                    ),
                )
                .label_opt(refresh.span, "refresh token validity set here")
                .help("shorten the token or lengthen `refresh_token_validity`; the Cognito console and AWS CDK reject this"),
            );
        }
    }
}
