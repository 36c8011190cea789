#!/usr/bin/env python3
"""A cdktf app whose synthesized JSON is a cognito-lint fixture.

Stack `docs-examples` holds the four examples of the provider's documentation for
aws_cognito_user_pool_client; stack `broken-clients` holds clients with mistakes that
cognito-lint must find. Nested blocks are passed as lists, as cdktf writes them.
`synth.sh` runs this app and copies cdktf.out/stacks/*/cdk.tf.json into ../fixtures/json/.
"""

from cdktf import App, TerraformStack, Fn
from constructs import Construct
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool, CognitoUserPoolSchema
from cdktf_cdktf_provider_aws.cognito_user_pool_client import (
    CognitoUserPoolClient,
    CognitoUserPoolClientAnalyticsConfiguration,
    CognitoUserPoolClientTokenValidityUnits,
)
from cdktf_cdktf_provider_aws.cognito_managed_user_pool_client import CognitoManagedUserPoolClient
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import (
    DataAwsIamPolicyDocument,
    DataAwsIamPolicyDocumentStatement,
    DataAwsIamPolicyDocumentStatementPrincipals,
)
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
from cdktf_cdktf_provider_aws.pinpoint_app import PinpointApp


class DocsExamples(TerraformStack):
    """The provider documentation's four examples: all valid, so only advice may appear."""

    def __init__(self, scope: Construct, name: str):
        super().__init__(scope, name)
        AwsProvider(self, "aws", region="eu-west-1")
        pool = CognitoUserPool(self, "pool", name="pool")

        # Create a basic user pool client.
        CognitoUserPoolClient(self, "client", name="client", user_pool_id=pool.id)

        # Create a user pool client with no SRP authentication.
        CognitoUserPoolClient(
            self,
            "client_no_srp",
            name="client",
            user_pool_id=pool.id,
            generate_secret=True,
            explicit_auth_flows=["ADMIN_NO_SRP_AUTH"],
        )

        # Create a user pool client with pinpoint analytics.
        current = DataAwsCallerIdentity(self, "current")
        pinpoint = PinpointApp(self, "pinpoint", name="pinpoint")
        assume_role = DataAwsIamPolicyDocument(
            self,
            "assume_role",
            statement=[
                DataAwsIamPolicyDocumentStatement(
                    effect="Allow",
                    principals=[
                        DataAwsIamPolicyDocumentStatementPrincipals(
                            type="Service", identifiers=["cognito-idp.amazonaws.com"]
                        )
                    ],
                    actions=["sts:AssumeRole"],
                )
            ],
        )
        role = IamRole(self, "role", name="role", assume_role_policy=assume_role.json)
        policy = DataAwsIamPolicyDocument(
            self,
            "role_policy_document",
            statement=[
                DataAwsIamPolicyDocumentStatement(
                    effect="Allow",
                    actions=["mobiletargeting:UpdateEndpoint", "mobiletargeting:PutEvents"],
                    resources=[
                        "arn:aws:mobiletargeting:*:${" + current.account_id + "}:apps/${"
                        + pinpoint.application_id + "}*"
                    ],
                )
            ],
        )
        IamRolePolicy(self, "role_policy", name="role_policy", role=role.id, policy=policy.json)
        CognitoUserPoolClient(
            self,
            "analytics",
            name="pool_client",
            user_pool_id=pool.id,
            analytics_configuration=[
                CognitoUserPoolClientAnalyticsConfiguration(
                    application_id=pinpoint.application_id,
                    external_id="some_id",
                    role_arn=role.arn,
                    user_data_shared=True,
                )
            ],
        )

        # Create a user pool client with Cognito as the identity provider.
        CognitoUserPoolClient(
            self,
            "userpool_client",
            name="client",
            user_pool_id=pool.id,
            callback_urls=["https://example.com"],
            allowed_oauth_flows_user_pool_client=True,
            allowed_oauth_flows=["code", "implicit"],
            allowed_oauth_scopes=["email", "openid"],
            supported_identity_providers=["COGNITO"],
        )


class BrokenClients(TerraformStack):
    """Clients that plan fine and fail at apply, or that the provider rejects."""

    def __init__(self, scope: Construct, name: str):
        super().__init__(scope, name)
        AwsProvider(self, "aws", region="eu-west-1")
        pool = CognitoUserPool(
            self,
            "pool",
            name="app-users",
            schema=[
                CognitoUserPoolSchema(name="email", attribute_data_type="String", required=True)
            ],
        )
        CognitoUserPoolClient(
            self,
            "web",
            name="web",
            user_pool_id=pool.id,
            allowed_oauth_flows_user_pool_client=True,
            allowed_oauth_flows=["code"],
            allowed_oauth_scopes=["openid", "Cognito"],
            callback_urls=["https://app.example.com/callback", "http://app.example.com/legacy"],
            default_redirect_uri="https://app.example.com/home",
            access_token_validity=60,
            token_validity_units=[
                CognitoUserPoolClientTokenValidityUnits(access_token="hours", id_token="hours", refresh_token="days")
            ],
            write_attributes=["name"],
            prevent_user_existence_errors="ENABLED",
        )
        CognitoUserPoolClient(
            self,
            "machine",
            name="machine",
            user_pool_id=pool.id,
            allowed_oauth_flows_user_pool_client=True,
            allowed_oauth_flows=["client_credentials"],
            allowed_oauth_scopes=["openid"],
            explicit_auth_flows=["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            prevent_user_existence_errors="ENABLED",
        )
        CognitoManagedUserPoolClient(
            self,
            "opensearch",
            name_prefix="AmazonOpenSearchService-dashboards",
            user_pool_id=pool.id,
            refresh_token_validity=Fn.max([4000, 1]),
            prevent_user_existence_errors="ENABLED",
        )


app = App()
DocsExamples(app, "docs-examples")
BrokenClients(app, "broken-clients")
app.synth()
