#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The identity URL of the token response resolves, with the token in the
//! header or in `oauth_token`, and fails with Salesforce's codes.

mod common;

use common::org;
use ringside_sandbox::seed::AGENT_USERNAME;
use serde_json::Value;

#[tokio::test]
async fn the_identity_url_answers_for_the_signed_in_user() {
    let (sb, token, http) = org().await;
    let listing: Value = http
        .get(format!("{}/services/data/v59.0", sb.http_url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = listing["identity"].as_str().unwrap().to_string();
    let parts: Vec<&str> = url.rsplit('/').take(2).collect();
    let (user, org_id) = (parts[0], parts[1]);

    // The token as a parameter, as jsforce sends it.
    let r = http
        .get(&url)
        .query(&[("format", "json"), ("oauth_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let me: Value = r.json().await.unwrap();
    assert_eq!(me["id"], url.as_str());
    assert_eq!(me["user_id"], user);
    assert_eq!(me["organization_id"], org_id);
    assert_eq!(me["username"], AGENT_USERNAME);
    assert_eq!(me["active"], true);
    // Without `version`, Salesforce leaves the placeholder in the URLs.
    assert_eq!(
        me["urls"]["rest"],
        format!("{}/services/data/v{{version}}/", sb.http_url)
    );
    let latest: Value = http
        .get(&url)
        .bearer_auth(&token)
        .query(&[("version", "latest")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        latest["urls"]["query"],
        format!("{}/services/data/v61.0/query/", sb.http_url)
    );
    // The 15-character ids name the same user and org.
    let short = format!("{}/id/{}/{}", sb.http_url, &org_id[..15], &user[..15]);
    let r = http.get(&short).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["user_id"], user);
}

#[tokio::test]
async fn identity_failures_are_salesforces_codes() {
    let (sb, token, http) = org().await;
    let me = format!(
        "{}/id/{}/{}",
        sb.http_url,
        ringside_sandbox::ids::make_id("00D", 1),
        ringside_sandbox::ids::make_id("005", 1)
    );
    let cases = [
        (me.clone(), None, 403, "Missing_OAuth_Token"),
        (
            me.clone(),
            Some("00D000000000001!nope"),
            403,
            "Bad_OAuth_Token",
        ),
        (
            format!(
                "{}/id/{}/{}",
                sb.http_url,
                ringside_sandbox::ids::make_id("00D", 2),
                ringside_sandbox::ids::make_id("005", 1)
            ),
            Some(token.as_str()),
            403,
            "Wrong_Org",
        ),
        (
            format!(
                "{}/id/{}/{}",
                sb.http_url,
                ringside_sandbox::ids::make_id("00D", 1),
                ringside_sandbox::ids::make_id("005", 999)
            ),
            Some(token.as_str()),
            404,
            "Bad_Id",
        ),
    ];
    for (url, tok, status, code) in cases {
        let mut req = http.get(&url);
        if let Some(t) = tok {
            req = req.bearer_auth(t);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), status, "{code}");
        assert_eq!(r.text().await.unwrap(), code);
    }
    let r = http
        .get(&me)
        .bearer_auth(&token)
        .query(&[("version", "12.0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 406);
}
