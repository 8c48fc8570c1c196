//! `kpilot serve`: the web app on the workspace, until Ctrl-C (or SIGTERM).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use jiff::civil::Date;
use kpilot_store::Store;

use crate::settings::Settings;

pub fn run(settings: &Settings, addr: SocketAddr, today: Option<Date>) -> Result<ExitCode> {
    let store: Arc<dyn Store> = Arc::from(super::open_store(settings)?);
    serve(store, addr, &super::workspace_name(settings), today)?;
    Ok(ExitCode::SUCCESS)
}

/// Serves the web app on `store` at `addr` until Ctrl-C (or SIGTERM). Its
/// first line on standard output gives the address actually bound (the
/// port chosen for `:0`), for people and for tests; `workspace` says which
/// workspace it is.
pub fn serve(
    store: Arc<dyn Store>,
    addr: SocketAddr,
    workspace: &str,
    today: Option<Date>,
) -> Result<()> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let bound = listener.local_addr()?;
        super::emit(&format!(
            "kpilot serving http://{bound} (workspace {workspace}); Ctrl-C stops it\n"
        ))?;
        kpilot_web::serve(
            listener,
            kpilot_web::router(
                store,
                kpilot_web::Config {
                    today,
                    ..kpilot_web::Config::default()
                },
            ),
            shutdown_signal(),
        )
        .await
        .context("server error")
    })?;
    eprintln!("kpilot stopped");
    Ok(())
}

/// Completes on Ctrl-C, or on SIGTERM where there is one.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
