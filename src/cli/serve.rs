//! `policykg serve`: resolve the settings, open the store, print where the
//! endpoint listens, serve until Ctrl-C or SIGTERM.

use super::args::ServeArgs;
use anyhow::{Context, Result, bail};
use policykg::serve::{Config, Logger, RequestLog, Server};
use policykg::store::KgStore;
use std::net::{SocketAddr, ToSocketAddrs};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let addr = resolve(&args.bind)?;
    let dir = &args.store.store;
    let store = if args.writable {
        KgStore::open(dir)?
    } else {
        KgStore::open_read_only(dir)?
    };
    let log: Option<Logger> = if args.quiet {
        None
    } else {
        Some(Arc::new(|r: &RequestLog| {
            eprintln!(
                "{} {} {} {} bytes {:.1}ms",
                r.method,
                r.path,
                r.status,
                r.bytes,
                r.elapsed.as_secs_f64() * 1000.0
            );
        }))
    };
    let config = Config {
        writable: args.writable,
        timeout: (!args.timeout.is_zero()).then_some(args.timeout),
        max_results: (args.max_results > 0).then_some(args.max_results),
        max_body: args.max_body,
        threads: usize::from(args.threads),
        quick_threads: usize::from(args.quick_threads),
        quick_timeout: args.quick_timeout.max(std::time::Duration::from_millis(1)),
        max_queue: args.max_queue,
        max_connections: open_file_room(args.max_connections as usize),
        header_timeout: args.header_timeout.max(std::time::Duration::from_millis(1)),
        body_timeout: args.body_timeout.max(std::time::Duration::from_millis(1)),
        max_memory: match args.max_memory {
            Some(0) => None,
            Some(bytes) => Some(bytes as u64),
            None => policykg::serve::memory::total().map(|total| total / 2),
        },
        log,
    };
    let max_memory = config.max_memory;
    let server = Server::bind(addr, store, config)?;
    let local = server.local_addr();
    if args.writable && !local.ip().is_loopback() {
        eprintln!(
            "warning: --writable on {local}: anyone who can reach this address can change the store"
        );
    }
    let mode = if args.writable {
        "writable"
    } else {
        "read-only"
    };
    // Tests and scripts read the address from this line: keep its shape.
    eprintln!(
        "listening on http://{local}/sparql ({mode} store {}; Ctrl-C stops)",
        dir.display()
    );
    if !args.quiet {
        eprintln!("  Graph Store Protocol: http://{local}/store?graph=IRI");
        match max_memory {
            Some(cap) if policykg::serve::memory::resident().is_some() => eprintln!(
                "  queries stop when the server's memory passes {} MB (--max-memory)",
                cap >> 20
            ),
            Some(_) => eprintln!(
                "  warning: this system does not tell a process its memory (/proc/self/status); --max-memory has no effect"
            ),
            None => {}
        }
    }
    server.run_until_signal()?;
    if !args.quiet {
        eprintln!("stopped");
    }
    Ok(ExitCode::SUCCESS)
}

/// `127.0.0.1:7878`, `[::1]:7878`, `localhost:7878` → one socket address.
fn resolve(bind: &str) -> Result<SocketAddr> {
    let mut addrs = bind.to_socket_addrs().with_context(|| {
        format!("--bind {bind:?}: give an address and a port, such as 127.0.0.1:7878")
    })?;
    match addrs.next() {
        Some(addr) => Ok(addr),
        None => bail!("--bind {bind:?} resolves to no address"),
    }
}

/// `500ms`, `30s`, `2m`, `1h`, or a number of seconds; `0` is no limit.
/// Descriptors kept for the store's own files, beside the connections.
const STORE_FILES: usize = 1024;

/// Raises the limit of open files (the soft limit, up to the hard one) so that
/// `max_connections` connections fit beside the store's files, and returns how
/// many connections fit (with a warning when fewer than asked).
fn open_file_room(max_connections: usize) -> usize {
    let wanted = (max_connections + STORE_FILES) as u64;
    match rlimit::increase_nofile_limit(wanted) {
        Ok(limit) if limit < wanted => {
            let fit = (limit as usize).saturating_sub(STORE_FILES).max(16);
            eprintln!(
                "warning: this process may open {limit} files; serving at most {fit} connections, not {max_connections} (raise `ulimit -n`, or ask for fewer with --max-connections)"
            );
            fit
        }
        _ => max_connections,
    }
}

pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration; write 500ms, 30s, 2m or 1h"))?;
    let seconds = match unit.trim() {
        "ms" => value / 1000.0,
        "" | "s" => value,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        other => return Err(format!("unknown unit {other:?}; use ms, s, m or h")),
    };
    Duration::try_from_secs_f64(seconds).map_err(|e| format!("{text:?}: {e}"))
}

/// `64K`, `32M`, `1G` (binary multiples, an optional `B` or `iB`), or bytes.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: usize = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size; write 64K, 32M or 1G"))?;
    let unit = unit.trim().to_ascii_uppercase();
    let shift = match unit.trim_end_matches("IB").trim_end_matches('B') {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(format!("unknown unit in {text:?}; use K, M or G")),
    };
    value
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("{text:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("1ms"), Ok(Duration::from_millis(1)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("3 days").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("32M"), Ok(32 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("2kb"), Ok(2 << 10));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5T").is_err());
    }

    #[test]
    fn bind_addresses() {
        assert_eq!(
            resolve("127.0.0.1:0").unwrap(),
            "127.0.0.1:0".parse().unwrap()
        );
        assert!(resolve("[::1]:7878").unwrap().ip().is_loopback());
        assert!(resolve("127.0.0.1").is_err());
    }
}
