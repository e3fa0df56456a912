//! Accepting connections with limits a client cannot get around: at most
//! [`Config::max_connections`] open at once (one more is answered 503 and closed),
//! and a deadline for each request's head, [`Config::header_timeout`], which is
//! also how long a connection may stay idle between requests. A client that
//! sends its head a byte at a time (slowloris), or opens connections and sends
//! nothing, is closed at the deadline instead of holding a place for ever.
//!
//! [`Config::max_connections`]: super::Config::max_connections
//! [`Config::header_timeout`]: super::Config::header_timeout

use super::App;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncWriteExt as _;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

/// What a connection over the cap gets before it is closed.
const TOO_MANY: &str = "the server has too many open connections; try again shortly \
(or start it with a larger --max-connections)\n";

/// Serves `router` on `listener` until `stop` completes; then stops accepting,
/// lets each connection finish the request it is answering, and returns once
/// all are closed (or after `grace`).
pub(super) async fn serve(
    listener: TcpListener,
    router: Router,
    app: Arc<App>,
    stop: impl Future<Output = ()> + Send + 'static,
    grace: Duration,
) -> std::io::Result<()> {
    let config = &app.config;
    let max = config.max_connections.max(1);
    let slots = Arc::new(Semaphore::new(max));
    let (closing, closed) = watch::channel(false);
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .keep_alive(true);
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, _) = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait, then go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let mut closed = closed.clone();
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = async { drop(closed.wait_for(|c| *c).await) } => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(slot);
        });
    }
    // Stop: cancel the queries still running, close idle connections, and let
    // the others answer.
    app.stopping.send_replace(true);
    closing.send_replace(true);
    let _ = tokio::time::timeout(grace, slots.acquire_many(max as u32)).await;
    Ok(())
}

/// Answers a connection over the cap with 503 and closes it, without reading
/// its request (a second at most).
async fn refuse(mut stream: tokio::net::TcpStream) {
    let reply = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n\
         content-length: {}\r\nretry-after: 1\r\nconnection: close\r\n\r\n{TOO_MANY}",
        TOO_MANY.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        use tokio::io::AsyncReadExt as _;
        let _ = stream.write_all(reply.as_bytes()).await;
        let _ = stream.shutdown().await;
        // Read what the client sent before closing: closing with unread bytes
        // resets the connection, and the client could lose the answer.
        let mut sink = [0u8; 4096];
        while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
    })
    .await;
}
