//! List views behind the `ListViews` port: `/sobjects/{type}/listviews`
//! names them; a view's members come from its describe's SOQL run through
//! `/query` and `nextRecordsUrl` (the results endpoint stops at 2,000
//! rows), with the select list replaced by the id, name and numbers a
//! dialer needs.

use ringside_crm_port::{async_trait, ListMember, ListView, ListViews, PortError, PortErrorKind};
use serde_json::Value;

use crate::errors::port_error;
use crate::link::SalesforceCrm;

/// The phone fields of each object a dialer list may be built from.
fn phone_fields(object: &str) -> &'static [&'static str] {
    match object {
        "Contact" => &["Phone", "MobilePhone", "HomePhone", "OtherPhone"],
        "Lead" => &["Phone", "MobilePhone"],
        "Account" => &["Phone", "PersonMobilePhone", "PersonHomePhone"],
        _ => &["Phone"],
    }
}

/// Only objects that are people or companies: an id-shaped name is all a
/// path may carry.
fn checked_object(object: &str) -> Result<&str, PortError> {
    match object {
        "Contact" | "Lead" | "Account" => Ok(object),
        _ => Err(PortError::new(
            PortErrorKind::Refused,
            format!("dialer lists are built from Contacts, Leads or Accounts, not {object}"),
        )),
    }
}

/// `SELECT … FROM …` with the select list replaced; `None` if the text is
/// not a plain SELECT … FROM query.
pub fn with_select(query: &str, fields: &[&str]) -> Option<String> {
    let upper = query.to_ascii_uppercase();
    let select = upper.find("SELECT ")?;
    let from = upper.find(" FROM ")?;
    if select != 0 || from < select || upper[..from].contains('(') {
        return None;
    }
    Some(format!("SELECT {}{}", fields.join(", "), &query[from..]))
}

fn text(v: &Value, f: &str) -> Option<String> {
    v.get(f).and_then(Value::as_str).map(str::to_string)
}

#[async_trait]
impl ListViews for SalesforceCrm {
    async fn list_views(&self, object: &str) -> Result<Vec<ListView>, PortError> {
        let object = checked_object(object)?;
        let mut out = Vec::new();
        let mut next = Some(format!(
            "/services/data/{}/sobjects/{object}/listviews",
            ringside_crm::client::API_VERSION
        ));
        while let Some(path) = next.take() {
            let page: Value = self
                .client
                .call(reqwest_get(), &path, None, &[])
                .await
                .map_err(|e| port_error(&e))?;
            for v in page["listviews"].as_array().into_iter().flatten() {
                let (Some(id), Some(label)) = (text(v, "id"), text(v, "label")) else {
                    continue;
                };
                out.push(ListView {
                    id,
                    object: object.to_string(),
                    label,
                    api_name: text(v, "developerName").unwrap_or_default(),
                });
            }
            next = text(&page, "nextRecordsUrl");
        }
        Ok(out)
    }

    async fn members(&self, view: &ListView) -> Result<Vec<ListMember>, PortError> {
        let object = checked_object(&view.object)?;
        let id: String = view
            .id
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let describe: Value = self
            .client
            .call(
                reqwest_get(),
                &format!(
                    "/services/data/{}/sobjects/{object}/listviews/{id}/describe",
                    ringside_crm::client::API_VERSION
                ),
                None,
                &[],
            )
            .await
            .map_err(|e| port_error(&e))?;
        let query = describe["query"].as_str().unwrap_or_default();
        let phones = phone_fields(object);
        let mut fields = vec!["Id", "Name"];
        fields.extend_from_slice(phones);
        let soql = with_select(query, &fields).ok_or_else(|| {
            PortError::new(
                PortErrorKind::Refused,
                format!("the list view {} has no query Ringside can run", view.label),
            )
        })?;
        let rows = self
            .client
            .query_all_pages(&soql)
            .await
            .map_err(|e| port_error(&e))?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                let record_id = r.get("Id")?.as_str()?.to_string();
                let numbers = phones
                    .iter()
                    .filter_map(|f| {
                        let n = r.get(*f)?.as_str()?.trim();
                        (!n.is_empty()).then(|| (f.to_string(), n.to_string()))
                    })
                    .collect();
                Some(ListMember {
                    record_id,
                    name: r
                        .get("Name")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    numbers,
                })
            })
            .collect())
    }
}

fn reqwest_get() -> ringside_crm::client::Method {
    ringside_crm::client::Method::GET
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_views_query_keeps_its_condition_and_order_with_our_fields() {
        assert_eq!(
            with_select(
                "SELECT Name, Phone FROM Contact WHERE LastName LIKE 'H%' ORDER BY Name ASC NULLS FIRST, Id ASC NULLS FIRST",
                &["Id", "Name", "Phone"]
            )
            .as_deref(),
            Some("SELECT Id, Name, Phone FROM Contact WHERE LastName LIKE 'H%' ORDER BY Name ASC NULLS FIRST, Id ASC NULLS FIRST")
        );
        assert_eq!(with_select("DELETE FROM x", &["Id"]), None);
        assert_eq!(
            with_select("SELECT (SELECT Id FROM Cases) FROM Account", &["Id"]),
            None
        );
    }

    #[test]
    fn only_people_and_companies_make_dialer_lists() {
        assert!(checked_object("Contact").is_ok());
        assert!(checked_object("../sobjects/User").is_err());
    }
}
