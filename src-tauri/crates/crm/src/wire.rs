//! Salesforce REST bodies. Unknown fields are ignored; records stay as JSON
//! maps because their fields depend on the query.

use serde::Deserialize;
use serde_json::{Map, Value};

/// `/services/oauth2/token` success (authorization code, refresh, reauth).
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    #[serde(default)]
    pub refresh_token: Option<String>,
    pub instance_url: String,
    /// The identity URL: `…/id/{orgId}/{userId}`.
    pub id: String,
    pub issued_at: String,
    #[serde(default)]
    pub signature: Option<String>,
    #[serde(default)]
    pub token_type: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
}

impl std::fmt::Debug for TokenResponse {
    /// Tokens never reach a log, even through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"<redacted>")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("instance_url", &self.instance_url)
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl TokenResponse {
    /// `(org id, user id)` from the identity URL.
    pub fn org_and_user(&self) -> Option<(&str, &str)> {
        let mut parts = self.id.rsplit('/');
        let user = parts.next()?;
        let org = parts.next()?;
        (!user.is_empty() && !org.is_empty()).then_some((org, user))
    }
}

/// `/services/oauth2/userinfo`: who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UserInfo {
    pub user_id: String,
    pub organization_id: String,
    #[serde(default)]
    pub preferred_username: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ApiVersion {
    pub version: String,
    pub url: String,
    pub label: String,
}

/// Create (and upsert) result.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SaveResult {
    #[serde(default)]
    pub id: Option<String>,
    pub success: bool,
    #[serde(default)]
    pub errors: Vec<Value>,
    /// Upserts only: whether a record was created.
    #[serde(default)]
    pub created: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryResponse {
    pub total_size: u64,
    pub done: bool,
    #[serde(default)]
    pub next_records_url: Option<String>,
    pub records: Vec<Map<String, Value>>,
}

/// `/composite`'s answers, in the order of the subrequests.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompositeResponse {
    pub composite_response: Vec<CompositeSubresponse>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompositeSubresponse {
    #[serde(default)]
    pub body: Value,
    pub http_status_code: u16,
    #[serde(default)]
    pub reference_id: String,
}

/// SOSL results: a bare array before API v36, `{searchRecords}` since.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum SearchResponse {
    Wrapped {
        #[serde(rename = "searchRecords")]
        search_records: Vec<Map<String, Value>>,
    },
    Bare(Vec<Map<String, Value>>),
}

impl SearchResponse {
    pub fn records(&self) -> &[Map<String, Value>] {
        match self {
            SearchResponse::Wrapped { search_records } => search_records,
            SearchResponse::Bare(r) => r,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatedResponse {
    pub ids: Vec<String>,
    pub latest_date_covered: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletedRecord {
    pub id: String,
    pub deleted_date: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletedResponse {
    pub deleted_records: Vec<DeletedRecord>,
    pub earliest_date_available: String,
    pub latest_date_covered: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SObjectSummary {
    pub name: String,
    pub label: String,
    #[serde(default)]
    pub key_prefix: Option<String>,
    #[serde(default)]
    pub custom: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DescribeGlobal {
    pub sobjects: Vec<SObjectSummary>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldDescribe {
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub external_id: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SObjectDescribe {
    pub name: String,
    pub label: String,
    pub fields: Vec<FieldDescribe>,
}

impl SObjectDescribe {
    /// Whether `field` exists and can key an upsert.
    pub fn has_external_id(&self, field: &str) -> bool {
        self.fields
            .iter()
            .any(|f| f.external_id && f.name.eq_ignore_ascii_case(field))
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListViewCell {
    pub field_name_or_path: String,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ListViewRow {
    pub columns: Vec<ListViewCell>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ListViewResults {
    pub done: bool,
    pub size: u64,
    pub records: Vec<ListViewRow>,
}

/// A Bulk API 2.0 query job.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkJob {
    pub id: String,
    /// `UploadComplete`, `InProgress`, `JobComplete`, `Failed`, `Aborted`.
    pub state: String,
    #[serde(default)]
    pub number_records_processed: Option<u64>,
    #[serde(default)]
    pub error_message: Option<String>,
}
