//! MATCH-6 and SYNC-4: on a local miss, ask the CRM. A SOSL phone search on
//! the number's national digits finds it however the record stores it; the
//! hits are saved to the local store and matched there, so only exact E.164
//! matches count (a digit search can be loose) and the next call from the
//! same number pops without the network.

use ringside_crm::SalesforceClient;
use serde_json::{Map, Value};

use crate::phone::normalize;
use crate::store::{ContactStore, Match};
use crate::sync::{json_rows, save, Source, SyncError, SyncOptions, SyncReport};

/// Hits per object; more is noise for a screen pop.
const LIMIT: u32 = 20;

fn sosl(digits: &str, opts: &SyncOptions) -> String {
    let mut returning = vec![
        format!(
            "Contact({} LIMIT {LIMIT})",
            Source::Contacts.fields(opts.person_accounts)
        ),
        format!(
            "Lead({} LIMIT {LIMIT})",
            Source::Leads.fields(opts.person_accounts)
        ),
    ];
    if opts.person_accounts {
        returning.push(format!(
            "Account({} LIMIT {LIMIT})",
            Source::Accounts.fields(true)
        ));
    }
    format!(
        "FIND {{{digits}}} IN PHONE FIELDS RETURNING {}",
        returning.join(", ")
    )
}

fn object_of(r: &Map<String, Value>) -> Option<&str> {
    r.get("attributes")?.get("type")?.as_str()
}

/// Searches the CRM for `number`; returns the exact matches, first created
/// first, after saving every hit locally.
pub async fn live_search(
    client: &SalesforceClient,
    store: &ContactStore,
    number: &str,
    opts: &SyncOptions,
) -> Result<Vec<Match>, SyncError> {
    search_into(client, store, number, opts).await?;
    Ok(store.lookup(number, opts.region).await?)
}

/// Searches the CRM for `number` and saves every hit in the store; the
/// caller looks the number up there (once, with anything else it fetched).
pub async fn search_into(
    client: &SalesforceClient,
    store: &ContactStore,
    number: &str,
    opts: &SyncOptions,
) -> Result<(), SyncError> {
    let Ok(phone) = normalize(number, opts.region) else {
        return Ok(());
    };
    let found = client.search(&sosl(&phone.national_digits(), opts)).await?;
    let mut report = SyncReport::default();
    let mut account_ids = Vec::new();
    for source in [Source::Contacts, Source::Leads, Source::Accounts] {
        let records: Vec<Map<String, Value>> = found
            .records()
            .iter()
            .filter(|r| object_of(r) == Some(source.object()))
            .cloned()
            .collect();
        if records.is_empty() {
            continue;
        }
        let rows = json_rows(source, &records);
        account_ids.extend(rows.contacts.iter().filter_map(|c| c.account_id.clone()));
        save(store, rows, opts.region, &mut report).await?;
    }
    name_accounts(client, store, account_ids).await;
    Ok(())
}

/// Company names for Contacts found live whose Account is not synced yet.
/// Best effort: a match without its company is still the right match.
async fn name_accounts(client: &SalesforceClient, store: &ContactStore, mut ids: Vec<String>) {
    ids.sort();
    ids.dedup();
    let mut unknown = Vec::new();
    for id in ids {
        // Ids come from the CRM's answer; only well-formed ones reach SOQL.
        if id.len() <= 18 && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            if let Ok(false) = store.has_account(&id).await {
                unknown.push(format!("'{id}'"));
            }
        }
    }
    if unknown.is_empty() {
        return;
    }
    let soql = format!(
        "SELECT Id, Name FROM Account WHERE Id IN ({})",
        unknown.join(", ")
    );
    match client.query_all_pages(&soql).await {
        Ok(records) => {
            let names: Vec<(String, String)> = records
                .iter()
                .filter_map(|r| {
                    Some((
                        r.get("Id")?.as_str()?.to_string(),
                        r.get("Name")?.as_str()?.to_string(),
                    ))
                })
                .collect();
            if let Err(e) = store.upsert_accounts(&names).await {
                tracing::warn!(error = %e, "could not keep account names");
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not read account names"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phone::Region;

    #[test]
    fn the_search_asks_for_national_digits_in_phone_fields() {
        let opts = SyncOptions {
            region: Region::US,
            person_accounts: false,
            page: 10,
            poll_ms: 10,
        };
        let q = sosl("3108675309", &opts);
        assert!(q.starts_with("FIND {3108675309} IN PHONE FIELDS RETURNING Contact(Id,"));
        assert!(q.contains("Lead(Id, Name, Company"));
        assert!(!q.contains("Account("));
        let q = sosl(
            "2079460958",
            &SyncOptions {
                person_accounts: true,
                ..opts
            },
        );
        assert!(q.contains("Account(Id, Name, IsPersonAccount"));
    }

    #[test]
    fn national_digits_drop_the_country_code() {
        let n = |s: &str, r: &str| {
            normalize(s, Region::parse(r).unwrap())
                .unwrap()
                .national_digits()
        };
        assert_eq!(n("(310) 867-5309", "US"), "3108675309");
        assert_eq!(n("020 7946 0958", "GB"), "2079460958");
        assert_eq!(n("030 901820", "DE"), "30901820");
    }
}
