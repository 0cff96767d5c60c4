//! A minimal HTTP/1.1 server on `127.0.0.1` that answers every request with `204 No Content`.
//!
//! It runs on its own thread with a single-threaded tokio runtime, keeps connections alive, reads
//! each request's head and `Content-Length` body and writes a fixed 28-byte response: as little work
//! per request as an HTTP server can do, so that client-side differences are not drowned. It stops
//! when the [`LoopbackServer`] is dropped.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// The whole response to every request.
const RESPONSE: &[u8] = b"HTTP/1.1 204 No Content\r\n\r\n";

/// A running server; dropping it stops the server and joins its thread.
#[derive(Debug)]
pub struct LoopbackServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Makes the whole response (status line, headers, body) to one raw request.
pub type Responder = fn(&[u8]) -> Vec<u8>;

#[derive(Debug, Default)]
struct Shared {
    /// `None`: the fixed `204 No Content`.
    respond: Option<Responder>,
    requests: AtomicU64,
    record: AtomicBool,
    recorded: Mutex<Vec<Vec<u8>>>,
}

impl LoopbackServer {
    /// Starts a server on `127.0.0.1` with an OS-chosen port.
    pub fn start() -> io::Result<LoopbackServer> {
        LoopbackServer::start_inner(None)
    }

    /// Like [`LoopbackServer::start`], answering each request with what `respond` makes of it.
    pub fn start_with(respond: Responder) -> io::Result<LoopbackServer> {
        LoopbackServer::start_inner(Some(respond))
    }

    fn start_inner(respond: Option<Responder>) -> io::Result<LoopbackServer> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            respond,
            ..Shared::default()
        });
        let (shutdown, mut stop) = oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()?;
        let state = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("loopback-204".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    loop {
                        tokio::select! {
                            _ = &mut stop => break,
                            accepted = listener.accept() => {
                                if let Ok((stream, _)) = accepted {
                                    tokio::spawn(serve(stream, Arc::clone(&state)));
                                }
                            }
                        }
                    }
                });
                // Dropping the runtime cancels the connection tasks.
            })?;
        Ok(LoopbackServer {
            addr,
            shared,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many requests were answered so far.
    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::Relaxed)
    }

    /// Starts or stops keeping the raw bytes (head and body) of each request.
    pub fn record(&self, on: bool) {
        self.shared.record.store(on, Ordering::SeqCst);
    }

    /// The raw requests kept since the last call, oldest first.
    pub fn take_recorded(&self) -> Vec<Vec<u8>> {
        std::mem::take(
            &mut *self
                .shared
                .recorded
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves one keep-alive connection until the client closes it or sends something unsupported.
async fn serve(mut stream: TcpStream, shared: Arc<Shared>) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        while let Some(len) = complete_request_len(&buf)? {
            if shared.record.load(Ordering::Relaxed) {
                shared
                    .recorded
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(buf[..len].to_vec());
            }
            let answer = shared.respond.map(|respond| respond(&buf[..len]));
            buf.drain(..len);
            shared.requests.fetch_add(1, Ordering::Relaxed);
            stream
                .write_all(answer.as_deref().unwrap_or(RESPONSE))
                .await?;
        }
        if stream.read_buf(&mut buf).await? == 0 {
            return Ok(());
        }
    }
}

/// The length of the first request in `buf` if it is complete (head and `Content-Length` body).
fn complete_request_len(buf: &[u8]) -> io::Result<Option<usize>> {
    let Some(head_end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = &buf[..head_end];
    let mut body_len = 0usize;
    for line in head.split(|&b| b == b'\n').skip(1) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        if name.eq_ignore_ascii_case(b"transfer-encoding") {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "chunked request bodies are not supported",
            ));
        }
        if name.eq_ignore_ascii_case(b"content-length") {
            body_len = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "bad Content-Length"))?;
        }
    }
    let total = head_end + 4 + body_len;
    Ok((buf.len() >= total).then_some(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn request_length() {
        assert_eq!(
            complete_request_len(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap(),
            None
        );
        let req = b"POST / HTTP/1.1\r\ncontent-length: 3\r\n\r\nabc";
        assert_eq!(complete_request_len(req).unwrap(), Some(req.len()));
        assert_eq!(complete_request_len(&req[..req.len() - 1]).unwrap(), None);
        assert!(
            complete_request_len(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").is_err()
        );
    }

    #[test]
    fn answers_204_keep_alive_and_stops() {
        let server = LoopbackServer::start().unwrap();
        server.record(true);
        let mut conn = std::net::TcpStream::connect(server.addr()).unwrap();
        let req = b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}";
        // Two requests in one write, then one more on the same connection.
        conn.write_all(&[&req[..], &req[..]].concat()).unwrap();
        let mut answer = vec![0u8; 2 * RESPONSE.len()];
        conn.read_exact(&mut answer).unwrap();
        assert_eq!(answer, [RESPONSE, RESPONSE].concat());
        conn.write_all(req).unwrap();
        let mut answer = vec![0u8; RESPONSE.len()];
        conn.read_exact(&mut answer).unwrap();
        assert_eq!(server.requests(), 3);
        assert_eq!(server.take_recorded(), vec![req.to_vec(); 3]);
        drop(server); // joins the server thread
    }
}
