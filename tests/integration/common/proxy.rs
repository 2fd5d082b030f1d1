//! A small TCP fault proxy between ctl and the registry (std::net and threads).
//!
//! Every request gets `Connection: close`, so each connection carries one request and one
//! response; the proxy then knows which response body it is passing on and can cut it,
//! flip a byte of it, or slow it down. The proxy stops when dropped, and on its own after
//! [`MAX_LIFETIME`]; every socket has timeouts, so no thread outlives a test for long.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const MAX_LIFETIME: Duration = Duration::from_secs(600);
const IO_TIMEOUT: Duration = Duration::from_secs(30);

/// What the proxy does to blob downloads (`GET /v2/<name>/blobs/<digest>`). A fault with a
/// digest applies only to that blob; with None, to every blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    Forward,
    /// Pass `after` bytes of the blob's body, then drop both connections.
    Cut {
        digest: Option<String>,
        after: usize,
    },
    /// Pass the blob with the body byte at `offset` XORed with 0xff.
    Flip {
        digest: Option<String>,
        offset: usize,
    },
    /// Pass blob bodies at about `bytes_per_sec`.
    Throttle {
        bytes_per_sec: usize,
    },
    /// Close the connection of the first `times` blob uploads (`PUT` or `PATCH` of
    /// `/v2/<name>/blobs/uploads/...`) before the registry sees them.
    CutUploads {
        times: usize,
    },
}

impl Fault {
    fn applies_to(&self, method: &str, path: &str) -> bool {
        if method != "GET" || !path.contains("/blobs/") {
            return false;
        }
        match self {
            Fault::Forward | Fault::CutUploads { .. } => false,
            Fault::Cut { digest, .. } | Fault::Flip { digest, .. } => {
                digest.as_ref().is_none_or(|d| path.ends_with(d.as_str()))
            }
            Fault::Throttle { .. } => true,
        }
    }
}

struct Shared {
    fault: Mutex<Fault>,
    stop: AtomicBool,
    /// How many responses a fault was applied to.
    fired: AtomicUsize,
    /// Blob bodies being passed on right now, and the most there were at once.
    active_blobs: AtomicUsize,
    max_active_blobs: AtomicUsize,
    /// Uploads cut so far by [`Fault::CutUploads`].
    uploads_cut: AtomicUsize,
    upstream: String,
}

pub struct Proxy {
    /// `127.0.0.1:PORT`: use it in place of the registry's address.
    pub addr: String,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Proxy {
    pub fn start(upstream: &str, fault: Fault) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let addr = listener.local_addr().expect("proxy addr").to_string();
        let shared = Arc::new(Shared {
            fault: Mutex::new(fault),
            stop: AtomicBool::new(false),
            fired: AtomicUsize::new(0),
            active_blobs: AtomicUsize::new(0),
            max_active_blobs: AtomicUsize::new(0),
            uploads_cut: AtomicUsize::new(0),
            upstream: upstream.to_string(),
        });
        let s = shared.clone();
        let acceptor = std::thread::spawn(move || {
            let start = Instant::now();
            while !s.stop.load(Ordering::Relaxed) && start.elapsed() < MAX_LIFETIME {
                match listener.accept() {
                    Ok((client, _)) => {
                        let s = s.clone();
                        std::thread::spawn(move || {
                            let _ = handle(client, &s);
                        });
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5))
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Proxy {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// Changes the fault for connections accepted from now on.
    pub fn set(&self, fault: Fault) {
        *self.shared.fault.lock().expect("fault lock") = fault;
    }

    /// How many blob responses a fault has been applied to so far.
    pub fn fired(&self) -> usize {
        self.shared.fired.load(Ordering::SeqCst)
    }

    /// The most blob downloads that were in flight at the same time.
    pub fn max_concurrent_blobs(&self) -> usize {
        self.shared.max_active_blobs.load(Ordering::SeqCst)
    }

    /// `PROXY_ADDR/repo:tag`.
    pub fn reference(&self, repo_tag: &str) -> String {
        format!("{}/{repo_tag}", self.addr)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.acceptor.take() {
            let _ = t.join();
        }
    }
}

/// Reads up to the end of an HTTP head; returns (head, bytes read past it).
fn read_head(s: &mut TcpStream) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buf.split_off(end + 4);
            return Ok((buf, rest));
        }
        if buf.len() > 256 * 1024 {
            return Err(std::io::Error::other("HTTP head too large"));
        }
        let n = s.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed in HTTP head",
            ));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Counts one blob body in flight until dropped.
struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn handle(mut client: TcpStream, shared: &Shared) -> std::io::Result<()> {
    client.set_nonblocking(false)?;
    client.set_read_timeout(Some(IO_TIMEOUT))?;
    client.set_write_timeout(Some(IO_TIMEOUT))?;
    let (head, body_start) = read_head(&mut client)?;
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_string();
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut rewritten = format!("{request_line}\r\n");
    for l in lines.filter(|l| !l.is_empty()) {
        if !l.to_ascii_lowercase().starts_with("connection:") {
            rewritten.push_str(l);
            rewritten.push_str("\r\n");
        }
    }
    rewritten.push_str("Connection: close\r\n\r\n");

    let fault = shared.fault.lock().expect("fault lock").clone();
    if let Fault::CutUploads { times } = fault {
        let upload = (method == "PUT" || method == "PATCH") && path.contains("/blobs/uploads/");
        if upload
            && shared
                .uploads_cut
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                    (n < times).then_some(n + 1)
                })
                .is_ok()
        {
            shared.fired.fetch_add(1, Ordering::SeqCst);
            let _ = client.shutdown(Shutdown::Both);
            return Ok(());
        }
    }

    let mut upstream = TcpStream::connect(&shared.upstream)?;
    upstream.set_read_timeout(Some(IO_TIMEOUT))?;
    upstream.set_write_timeout(Some(IO_TIMEOUT))?;
    upstream.write_all(rewritten.as_bytes())?;
    upstream.write_all(&body_start)?;
    // A request body (uploads) follows on its own thread, until either side closes.
    let mut c2 = client.try_clone()?;
    let mut u2 = upstream.try_clone()?;
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut c2, &mut u2);
    });

    let (resp_head, mut pending) = read_head(&mut upstream)?;
    client.write_all(&resp_head)?;
    // 200, or 206 for a ranged GET (oci-client asks for `Range: bytes=0-`).
    let status = String::from_utf8_lossy(&resp_head)
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let ok = status == "200" || status == "206";
    let active = ok && fault.applies_to(&method, &path);
    if active {
        shared.fired.fetch_add(1, Ordering::SeqCst);
    }
    let _in_flight = (ok && method == "GET" && path.contains("/blobs/")).then(|| {
        let now = shared.active_blobs.fetch_add(1, Ordering::SeqCst) + 1;
        shared.max_active_blobs.fetch_max(now, Ordering::SeqCst);
        InFlight(&shared.active_blobs)
    });
    let mut sent = 0usize;
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        if shared.stop.load(Ordering::Relaxed) {
            break;
        }
        let mut data = if pending.is_empty() {
            let n = upstream.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            chunk[..n].to_vec()
        } else {
            std::mem::take(&mut pending)
        };
        if active {
            match &fault {
                Fault::Cut { after, .. } if sent + data.len() >= *after => {
                    client.write_all(&data[..after - sent])?;
                    client.flush()?;
                    let _ = client.shutdown(Shutdown::Both);
                    let _ = upstream.shutdown(Shutdown::Both);
                    return Ok(());
                }
                Fault::Flip { offset, .. } if (sent..sent + data.len()).contains(offset) => {
                    data[offset - sent] ^= 0xff;
                }
                Fault::Throttle { bytes_per_sec } => {
                    let secs = data.len() as f64 / (*bytes_per_sec).max(1) as f64;
                    std::thread::sleep(Duration::from_secs_f64(secs));
                }
                _ => {}
            }
        }
        client.write_all(&data)?;
        sent += data.len();
    }
    let _ = client.shutdown(Shutdown::Both);
    let _ = upstream.shutdown(Shutdown::Both);
    Ok(())
}
