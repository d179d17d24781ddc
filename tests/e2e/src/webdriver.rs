//! The handful of W3C WebDriver calls the tests need.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

#[derive(Debug)]
pub struct WebDriverError(pub String);

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WebDriverError {}

type Result<T> = std::result::Result<T, WebDriverError>;

pub struct Session {
    http: reqwest::Client,
    base: String,
    id: String,
}

#[derive(Clone, Debug)]
pub struct Element(String);

impl Session {
    pub async fn new(server: &str, application: &str) -> Result<Session> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| WebDriverError(e.to_string()))?;
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "wry",
            "tauri:options": {"application": application}
        }}});
        let mut s = Session {
            http,
            base: server.trim_end_matches('/').to_string(),
            id: String::new(),
        };
        // The driver can take the connection before it can serve it (seen
        // once on a cold machine: the first request reset). A request that
        // got no answer made no session, so asking again is safe.
        let mut tries = 0;
        let v = loop {
            match s
                .send(reqwest::Method::POST, "/session", Some(caps.clone()))
                .await
            {
                Err(WebDriverError(e)) if tries < 3 && e.contains("error sending request") => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                other => break other?,
            }
        };
        s.id = v["sessionId"]
            .as_str()
            .ok_or_else(|| WebDriverError(format!("no session id in {v}")))?
            .to_string();
        Ok(s)
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        let url = format!("{}{}", self.base, path);
        let mut req = self.http.request(method, &url);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req
            .send()
            .await
            .map_err(|e| WebDriverError(format!("{url}: {e}")))?;
        let status = resp.status();
        let v: Value = resp
            .json()
            .await
            .map_err(|e| WebDriverError(format!("{url}: {e}")))?;
        if !status.is_success() {
            return Err(WebDriverError(format!("{url}: {status}: {}", v["value"])));
        }
        Ok(v.get("value").cloned().unwrap_or(Value::Null))
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.id)
    }

    pub async fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let v = self
            .send(
                reqwest::Method::POST,
                &self.path("/elements"),
                Some(json!({"using": "css selector", "value": css})),
            )
            .await?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str().map(|s| Element(s.to_string())))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Waits (bounded) until `css` matches at least one element.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(e) = self.find_all(css).await?.into_iter().next() {
                return Ok(e);
            }
            if Instant::now() > deadline {
                return Err(WebDriverError(format!("timed out waiting for `{css}`")));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits (bounded) until a call is in `phase` (`data-phase` of a call card).
    pub async fn phase(&self, phase: &str) -> Result<Element> {
        self.wait_for(&format!("[data-testid=call-phase][data-phase={phase}]"))
            .await
    }

    /// Waits (bounded) until `css` matches nothing.
    pub async fn wait_gone(&self, css: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !self.find_all(css).await?.is_empty() {
            if Instant::now() > deadline {
                return Err(WebDriverError(format!(
                    "timed out waiting for `{css}` to go"
                )));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    pub async fn click(&self, e: &Element) -> Result<()> {
        self.send(
            reqwest::Method::POST,
            &self.path(&format!("/element/{}/click", e.0)),
            Some(json!({})),
        )
        .await
        .map(|_| ())
    }

    /// Types into an element: `" "` presses Space, as a keyboard user does.
    pub async fn keys(&self, e: &Element, text: &str) -> Result<()> {
        self.send(
            reqwest::Method::POST,
            &self.path(&format!("/element/{}/value", e.0)),
            Some(json!({"text": text})),
        )
        .await
        .map(|_| ())
    }

    /// Empties an input, as selecting its text and deleting it would.
    pub async fn clear(&self, e: &Element) -> Result<()> {
        self.send(
            reqwest::Method::POST,
            &self.path(&format!("/element/{}/clear", e.0)),
            Some(json!({})),
        )
        .await
        .map(|_| ())
    }

    pub async fn text(&self, e: &Element) -> Result<String> {
        let v = self
            .send(
                reqwest::Method::GET,
                &self.path(&format!("/element/{}/text", e.0)),
                None,
            )
            .await?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    pub async fn selected(&self, e: &Element) -> Result<bool> {
        let v = self
            .send(
                reqwest::Method::GET,
                &self.path(&format!("/element/{}/selected", e.0)),
                None,
            )
            .await?;
        Ok(v.as_bool().unwrap_or(false))
    }

    pub async fn attribute(&self, e: &Element, name: &str) -> Result<Option<String>> {
        let v = self
            .send(
                reqwest::Method::GET,
                &self.path(&format!("/element/{}/attribute/{name}", e.0)),
                None,
            )
            .await?;
        Ok(v.as_str().map(str::to_string))
    }

    /// Waits (bounded) until the page answers a script again: WebKit's
    /// driver can fail the first script after the window is hidden or shown
    /// (an empty `unknown error`) while the view is re-parented.
    pub async fn settle(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.execute("return document.readyState;").await {
                Ok(_) => return Ok(()),
                Err(e) if Instant::now() > deadline => return Err(e),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Runs `script` in the page (WebDriver's execute/sync) and returns
    /// what it returns: for what an agent sees but WebDriver does not
    /// report (where on screen an element is, how far the page scrolled).
    pub async fn execute(&self, script: &str) -> Result<Value> {
        self.send(
            reqwest::Method::POST,
            &self.path("/execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    /// The window's outer position and size: (x, y, width, height).
    pub async fn window_rect(&self) -> Result<(i64, i64, i64, i64)> {
        let v = self
            .send(reqwest::Method::GET, &self.path("/window/rect"), None)
            .await?;
        let n = |k: &str| v.get(k).and_then(Value::as_f64).map(|f| f.round() as i64);
        match (n("x"), n("y"), n("width"), n("height")) {
            (Some(x), Some(y), Some(w), Some(h)) => Ok((x, y, w, h)),
            _ => Err(WebDriverError(format!("no window rect in {v}"))),
        }
    }

    /// Moves and resizes the window, as the agent would with the mouse.
    pub async fn set_window_rect(&self, x: i64, y: i64, width: i64, height: i64) -> Result<()> {
        self.send(
            reqwest::Method::POST,
            &self.path("/window/rect"),
            Some(json!({"x": x, "y": y, "width": width, "height": height})),
        )
        .await?;
        Ok(())
    }

    /// A PNG of the window.
    pub async fn screenshot(&self) -> Result<Vec<u8>> {
        let v = self
            .send(reqwest::Method::GET, &self.path("/screenshot"), None)
            .await?;
        let b64 = v
            .as_str()
            .ok_or_else(|| WebDriverError("no screenshot data".into()))?;
        decode_base64(b64).ok_or_else(|| WebDriverError("screenshot is not base64".into()))
    }

    pub async fn close(self) -> Result<()> {
        self.send(reqwest::Method::DELETE, &self.path(""), None)
            .await
            .map(|_| ())
    }
}

fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_decodes() {
        assert_eq!(super::decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(
            super::decode_base64("iVBORw0KGgo=").unwrap(),
            b"\x89PNG\r\n\x1a\n"
        );
        assert!(super::decode_base64("!!").is_none());
    }
}
