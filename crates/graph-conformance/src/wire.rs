//! The raw request a loopback server received, and its redacted snapshot text.

use serde_json::Value;
use tokio::io::AsyncReadExt;

/// The bearer token every conformance client sends.
pub const TOKEN: &str = "conformance-token";

/// A request as received on the wire.
#[derive(Debug, Clone)]
pub struct Wire {
    /// `POST /beta/... HTTP/1.1`
    pub request_line: String,
    /// Header names (lower-cased) and values, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Wire {
    /// The first value of header `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Method, target, headers sorted by name, and the body as pretty JSON, with the token,
    /// client-request-id and host redacted after checking their form.
    pub(crate) fn redacted(&self, label: &str) -> String {
        let mut headers = self.headers.clone();
        headers.sort();
        // A body that names the server itself (a `$ref` add's `@odata.id`) has its port, which
        // changes from run to run: the host and the body's length are redacted there.
        let own = self
            .header("host")
            .map(|h| format!("http://{h}"))
            .filter(|own| String::from_utf8_lossy(&self.body).contains(own.as_str()));
        let mut out = format!("{}\n", self.request_line);
        for (name, value) in &headers {
            let shown = match name.as_str() {
                "authorization" => {
                    assert_eq!(
                        value,
                        &format!("Bearer {TOKEN}"),
                        "{}: authorization",
                        label
                    );
                    "Bearer [token]".to_string()
                }
                "client-request-id" => {
                    assert!(
                        uuid::Uuid::parse_str(value).is_ok(),
                        "{}: client-request-id `{value}` is not a UUID",
                        label
                    );
                    "[uuid]".to_string()
                }
                "host" => "[loopback]".to_string(),
                "content-length" if own.is_some() => "[length]".to_string(),
                _ => value.clone(),
            };
            out.push_str(&format!("{name}: {shown}\n"));
        }
        if !self.body.is_empty() {
            out.push('\n');
            let text = match serde_json::from_slice::<Value>(&self.body) {
                Ok(json) => serde_json::to_string_pretty(&json).unwrap_or_default(),
                Err(_) => String::from_utf8_lossy(&self.body).into_owned(),
            };
            match &own {
                Some(own) => out.push_str(&text.replace(own.as_str(), "http://[loopback]")),
                None => out.push_str(&text),
            }
            out.push('\n');
        }
        out
    }
}

/// Reads one HTTP/1.1 request (head, then a `content-length` body); `None` if the peer closed
/// (or the read failed) first. For loopback test servers.
pub async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Wire> {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n").filter(|l| !l.is_empty());
    let request_line = lines.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Wire {
        request_line,
        headers,
        body,
    })
}
