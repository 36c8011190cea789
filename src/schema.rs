//! The resource types rules read, and the arguments and blocks of the two client resources
//! (provider v6 schema), for the rules that check names and types.

/// The Terraform type of an argument, as far as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgType {
    String,
    Number,
    Bool,
    StringSet,
}

/// Which client resource a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClientKind {
    /// `aws_cognito_user_pool_client`
    UserPoolClient,
    /// `aws_cognito_managed_user_pool_client`
    ManagedUserPoolClient,
}

impl ClientKind {
    pub fn from_type(resource_type: &str) -> Option<ClientKind> {
        match resource_type {
            "aws_cognito_user_pool_client" => Some(ClientKind::UserPoolClient),
            "aws_cognito_managed_user_pool_client" => Some(ClientKind::ManagedUserPoolClient),
            _ => None,
        }
    }

    pub fn resource_type(self) -> &'static str {
        match self {
            ClientKind::UserPoolClient => "aws_cognito_user_pool_client",
            ClientKind::ManagedUserPoolClient => "aws_cognito_managed_user_pool_client",
        }
    }
}

/// Resource types other than the clients that cross-resource rules read.
pub const CONTEXT_TYPES: &[&str] = &[
    "aws_cognito_user_pool",
    "aws_cognito_resource_server",
    "aws_cognito_identity_provider",
];

/// Whether rules read resources of this type: the clients, and the resources they may refer
/// to. The scanner, the JSON translation and the plan reader skip every other type.
pub fn is_read_resource(resource_type: &str) -> bool {
    ClientKind::from_type(resource_type).is_some() || CONTEXT_TYPES.contains(&resource_type)
}

use ArgType::*;

/// Arguments both resources accept.
const COMMON: &[(&str, ArgType)] = &[
    ("user_pool_id", String),
    ("access_token_validity", Number),
    ("id_token_validity", Number),
    ("refresh_token_validity", Number),
    ("allowed_oauth_flows", StringSet),
    ("allowed_oauth_flows_user_pool_client", Bool),
    ("allowed_oauth_scopes", StringSet),
    ("auth_session_validity", Number),
    ("callback_urls", StringSet),
    ("logout_urls", StringSet),
    ("default_redirect_uri", String),
    ("enable_propagate_additional_user_context_data", Bool),
    ("enable_token_revocation", Bool),
    ("explicit_auth_flows", StringSet),
    ("prevent_user_existence_errors", String),
    ("read_attributes", StringSet),
    ("write_attributes", StringSet),
    ("supported_identity_providers", StringSet),
    ("region", String),
];

const UPC_ONLY: &[(&str, ArgType)] = &[("name", String), ("generate_secret", Bool)];
const MUPC_ONLY: &[(&str, ArgType)] = &[("name_prefix", String), ("name_pattern", String)];

/// Nested blocks (each at most once) and their arguments.
pub const BLOCKS: &[(&str, &[(&str, ArgType)])] = &[
    (
        "analytics_configuration",
        &[
            ("application_arn", String),
            ("application_id", String),
            ("external_id", String),
            ("role_arn", String),
            ("user_data_shared", Bool),
        ],
    ),
    (
        "token_validity_units",
        &[
            ("access_token", String),
            ("id_token", String),
            ("refresh_token", String),
        ],
    ),
    (
        "refresh_token_rotation",
        &[("feature", String), ("retry_grace_period_seconds", Number)],
    ),
];

/// Meta-arguments valid on every resource.
pub const META_ARGUMENTS: &[&str] = &["count", "for_each", "provider", "depends_on"];
pub const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

/// Attributes the provider computes; setting them is an error.
pub fn read_only(kind: ClientKind) -> &'static [&'static str] {
    match kind {
        ClientKind::UserPoolClient => &["id", "client_secret"],
        ClientKind::ManagedUserPoolClient => &["id", "client_secret", "name"],
    }
}

/// Every argument of the resource's top-level body, with its type.
pub fn arguments(kind: ClientKind) -> impl Iterator<Item = (&'static str, ArgType)> {
    let own = match kind {
        ClientKind::UserPoolClient => UPC_ONLY,
        ClientKind::ManagedUserPoolClient => MUPC_ONLY,
    };
    COMMON.iter().chain(own).copied()
}

pub fn argument_type(kind: ClientKind, name: &str) -> Option<ArgType> {
    arguments(kind).find(|(n, _)| *n == name).map(|(_, t)| t)
}

pub fn block_arguments(block: &str) -> Option<&'static [(&'static str, ArgType)]> {
    BLOCKS.iter().find(|(n, _)| *n == block).map(|(_, a)| *a)
}
