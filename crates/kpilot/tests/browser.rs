//! kpilot in a real browser: Debian's headless Chromium, driven through
//! chromedriver by fantoccini, on the demo that `kpilot demo` serves on a
//! loopback port. Each test has its own demo workspace, server, chromedriver
//! and browser, so that the tests may run in any order and at once.
//!
//! Screenshots of the main pages are saved in `target/screenshots`, for
//! people to look at. Chromium and chromedriver must be installed:
//! `bash scripts/test` installs them (Debian's `chromium` and
//! `chromium-driver`); without them these tests fail, they never skip.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The demo's plan.
const PLAN: &str = "cloud-kicks-2026-h1";

/// How long a page may take to show what a test waits for.
const PATIENCE: Duration = Duration::from_secs(15);

/// Children killed with everything they started (chromedriver's Chromium)
/// when dropped, so that a failing assertion leaves no process behind.
#[derive(Debug, Default)]
struct Processes {
    children: Vec<Child>,
}

impl Processes {
    /// Starts `command` in a process group of its own, killed on drop.
    fn spawn(&mut self, command: &mut Command) -> &mut Child {
        let child = command
            .process_group(0)
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {command:?}: {error}"));
        self.children.push(child);
        self.children.last_mut().unwrap()
    }
}

impl Drop for Processes {
    fn drop(&mut self) {
        for child in &mut self.children {
            // The whole group: chromedriver starts Chromium, which starts
            // its renderers, and killing chromedriver alone would leave
            // them running.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .stderr(Stdio::null())
                .status();
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A browser on a fresh demo.
struct Session {
    client: Client,
    /// `http://127.0.0.1:PORT`, the demo's address.
    base: String,
    // Dropped in this order: the processes, then their folder.
    processes: Processes,
    folder: tempfile::TempDir,
}

impl Session {
    /// Starts the demo and a headless Chromium, and opens nothing yet.
    async fn start() -> Result<Session> {
        let chromium = program("chromium");
        let chromedriver = program("chromedriver");
        let folder = tempfile::tempdir()?;
        let mut processes = Processes::default();

        let demo = processes.spawn(
            Command::new(env!("CARGO_BIN_EXE_kpilot"))
                .args(["demo", "--addr", "127.0.0.1:0"])
                .current_dir(folder.path())
                .env("KPILOT_DB", folder.path().join("demo.sqlite"))
                .env_remove("KPILOT_DATABASE_URL")
                .env_remove("KPILOT_CONFIG")
                .env_remove("KPILOT_LANG")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        );
        let base = first_match(demo.stdout.take().unwrap(), "kpilot serving", |text| {
            let rest = &text[text.find("kpilot serving http://")?..];
            let address = rest
                .strip_prefix("kpilot serving ")?
                .split_whitespace()
                .next()?;
            Some(address.to_owned())
        })?;

        let port = start_chromedriver(&mut processes, &chromedriver)?;

        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--window-size=1280,1800",
                    "--lang=fr-FR",
                ],
                // A French marketer's browser: the pages' default language
                // comes from Accept-Language.
                "prefs": { "intl.accept_languages": "fr-FR,fr" },
            }
        });
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await?;
        Ok(Session {
            client,
            base,
            processes,
            folder,
        })
    }

    /// Opens `path` (`/plans/…`) on the demo.
    async fn goto(&self, path: &str) -> Result {
        self.client.goto(&format!("{}{path}", self.base)).await?;
        Ok(())
    }

    /// The current page's path and query.
    async fn path(&self) -> Result<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        })
    }

    /// The element `css` selects, once the page shows it.
    async fn find(&self, css: &str) -> Result<Element> {
        match self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => Ok(element),
            Err(error) => {
                // What the page said instead, to tell why.
                let here = self.path().await.unwrap_or_default();
                let main = match self.client.find(Locator::Css("main")).await {
                    Ok(main) => main.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                Err(format!("no `{css}` on {here} ({error}), which shows:\n{main}").into())
            }
        }
    }

    /// The text of the element `css` selects.
    async fn text(&self, css: &str) -> Result<String> {
        Ok(self.find(css).await?.text().await?)
    }

    /// Clicks the element `css` selects, then waits for the page that
    /// follows to show `then`.
    async fn click(&self, css: &str, then: &str) -> Result<Element> {
        self.find(css).await?.click().await?;
        self.find(then).await
    }

    /// Saves the window as `target/screenshots/NAME.png`.
    async fn screenshot(&self, name: &str) -> Result {
        let png = self.client.screenshot().await?;
        assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
        let folder = screenshots();
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(format!("{name}.png")), png)?;
        Ok(())
    }

    /// Quits the browser; the processes stop when the session is dropped.
    async fn close(self) -> Result {
        let Session {
            client,
            processes,
            folder,
            ..
        } = self;
        client.close().await?;
        drop(processes);
        drop(folder);
        Ok(())
    }
}

/// The path of `name` on the PATH, or a failure that says how to get it.
fn program(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|folder| folder.join(name))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!(
                "`{name}` is not installed: run `bash scripts/test`, which installs \
                 Debian's chromium and chromium-driver, or `apt-get install chromium \
                 chromium-driver`"
            )
        })
}

/// Starts chromedriver on a free loopback port and waits until it answers.
/// It prints its port when given `--port=0`, but into a pipe it buffers
/// that line until it exits, so the port is chosen here: one the system
/// gives for a moment, tried again should another process take it first.
fn start_chromedriver(processes: &mut Processes, chromedriver: &Path) -> Result<u16> {
    for _ in 0..3 {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let driver = processes.spawn(
            Command::new(chromedriver)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(port);
            }
            if driver.try_wait()?.is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Err("chromedriver did not start".into())
}

/// Reads `output` until `parse` finds what it looks for in what was read
/// so far, then keeps reading it in the background so that the process
/// never blocks on a full pipe.
fn first_match(
    output: impl Read + Send + 'static,
    what: &str,
    parse: impl Fn(&str) -> Option<String> + Send + 'static,
) -> Result<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(output);
        let mut seen = Vec::new();
        let mut found = false;
        loop {
            let buffer = match reader.fill_buf() {
                Ok([]) | Err(_) => break,
                Ok(buffer) => buffer,
            };
            let length = buffer.len();
            if !found {
                seen.extend_from_slice(buffer);
                if let Some(value) = parse(&String::from_utf8_lossy(&seen)) {
                    found = true;
                    let _ = sender.send(Ok(value));
                }
            }
            reader.consume(length);
        }
        if !found {
            let _ = sender.send(Err(String::from_utf8_lossy(&seen).into_owned()));
        }
    });
    match receiver.recv_timeout(Duration::from_secs(30)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(seen)) => Err(format!("no {what} in:\n{seen}").into()),
        Err(_) => Err(format!("no {what} after 30 s").into()),
    }
}

/// `target/screenshots`.
fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is target/tmp")
        .join("screenshots")
}

/// A GET over a plain socket, as a download would be: the status line and
/// the body's bytes.
fn get(base: &str, path: &str) -> Result<(String, Vec<u8>)> {
    let address = base.strip_prefix("http://").unwrap();
    let mut stream = std::net::TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let end = response
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = String::from_utf8_lossy(&response[..end]).into_owned();
    let status = head.lines().next().unwrap_or_default().to_owned();
    let body = response[end + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        return Ok((status, unchunk(&body)));
    }
    Ok((status, body))
}

/// The bytes of a chunked body.
fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    while let Some(line_end) = body.windows(2).position(|window| window == b"\r\n") {
        let size = String::from_utf8_lossy(&body[..line_end]);
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        bytes.extend_from_slice(&body[start..start + size]);
        body = &body[start + size + 2..];
    }
    bytes
}

#[tokio::test]
async fn demo_opens_on_its_dashboard_with_the_objective_off_track() -> Result {
    let session = Session::start().await?;
    session.goto("/").await?;
    session.find("li.objective").await?;
    assert_eq!(session.path().await?, format!("/plans/{PLAN}"));
    assert_eq!(
        session.find("html").await?.attr("lang").await?.as_deref(),
        Some("fr")
    );
    let off_track = session.find("li#objective-tickets-support").await?;
    assert_eq!(
        off_track.attr("data-status").await?.as_deref(),
        Some("off_track")
    );
    let on_track = session.find("li#objective-taux-conversion").await?;
    assert_eq!(
        on_track.attr("data-status").await?.as_deref(),
        Some("on_track")
    );
    assert_eq!(
        session.text("nav a[aria-current=page]").await?,
        "Tableau de bord"
    );
    session.screenshot("dashboard").await?;

    // The keyboard: the first Tab from the top of the page reaches the
    // skip link, and following it moves the focus to the main content.
    let tab = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down {
            value: Key::Tab.into(),
        })
        .then(KeyAction::Up {
            value: Key::Tab.into(),
        });
    session.client.perform_actions(tab).await?;
    let focused = session.client.active_element().await?;
    assert_eq!(focused.text().await?, "Aller au contenu");
    assert_eq!(focused.attr("href").await?.as_deref(), Some("#main"));
    let enter = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down {
            value: Key::Enter.into(),
        })
        .then(KeyAction::Up {
            value: Key::Enter.into(),
        });
    session.client.perform_actions(enter).await?;
    let focused = session.client.active_element().await?;
    assert_eq!(focused.attr("id").await?.as_deref(), Some("main"));

    // The other main pages of the plan show, for the screenshots.
    session
        .click(
            &format!("nav a[href='/plans/{PLAN}/actions']"),
            "main table",
        )
        .await?;
    assert_eq!(session.text("nav a[aria-current=page]").await?, "Actions");
    session.screenshot("actions").await?;
    session
        .click(&format!("nav a[href='/plans/{PLAN}/catalogue']"), "main h2")
        .await?;
    assert_eq!(session.text("nav a[aria-current=page]").await?, "Catalogue");
    session.screenshot("catalogue").await?;
    // The demo's A/B test of the checkout: B won.
    session
        .click(
            &format!("nav a[href='/plans/{PLAN}/experiments']"),
            "#experiments",
        )
        .await?;
    session
        .click(
            &format!("a[href^='/plans/{PLAN}/experiments/ab-paiement']"),
            "#variants",
        )
        .await?;
    let verdict = session.find("h2 [data-verdict]").await?;
    assert_eq!(
        verdict.attr("data-verdict").await?.as_deref(),
        Some("winner")
    );
    assert!(session.text("p.verdict").await?.starts_with("B gagne"));
    session.screenshot("experiment").await?;
    session.close().await
}

#[tokio::test]
async fn an_objective_created_in_the_editor_shows_on_the_dashboard() -> Result {
    let session = Session::start().await?;
    session.goto(&format!("/plans/{PLAN}/edit")).await?;
    session
        .click(
            &format!("a[href='/plans/{PLAN}/edit/objective/new']"),
            "form.stacked",
        )
        .await?;
    session.screenshot("editor-new-objective").await?;
    let fields = [
        ("#field-id", "avis-clients"),
        (
            "#field-title",
            "Porter le taux de conversion du site à 4 % d’ici juin",
        ),
        ("#field-baseline", "0.021"),
        ("#field-target", "0.04"),
    ];
    for (css, value) in fields {
        let field = session.find(css).await?;
        field.clear().await?;
        field.send_keys(value).await?;
    }
    // The deadline: what keys a date field takes depends on the browser's
    // locale and date picker, so the day is set as the picker would set it.
    let deadline = session.find("#field-deadline").await?;
    session
        .client
        .execute(
            "arguments[0].value = arguments[1]",
            vec![serde_json::to_value(&deadline)?, json!("2026-06-30")],
        )
        .await?;
    session
        .find("#field-goal")
        .await?
        .select_by_value("experience")
        .await?;
    session
        .find("#field-kpi")
        .await?
        .select_by_value("conversion_rate")
        .await?;
    session
        .find("#field-channel")
        .await?
        .select_by_value("website")
        .await?;
    session
        .click(
            "form.stacked button[type=submit]",
            "a[href$='/edit/objective/avis-clients']",
        )
        .await?;
    assert!(
        session
            .path()
            .await?
            .starts_with(&format!("/plans/{PLAN}/edit?saved=avis-clients")),
        "{}",
        session.path().await?
    );
    let row = session
        .text("section[aria-labelledby=kind-objective] tbody")
        .await?;
    assert!(row.contains("avis-clients"), "{row}");
    assert!(row.contains("Porter le taux de conversion"), "{row}");
    session.screenshot("editor").await?;

    session
        .click(
            &format!("nav a[href='/plans/{PLAN}']"),
            "li#objective-avis-clients",
        )
        .await?;
    let title = session.text("li#objective-avis-clients h3").await?;
    assert!(title.starts_with("Porter le taux de conversion"), "{title}");
    let target = session.text("li#objective-avis-clients dd.target").await?;
    assert_eq!(target, "4,0\u{202f}%");
    let figures = session.text("li#objective-avis-clients dl.figures").await?;
    assert!(figures.contains("30/06/2026"), "{figures}");
    session.close().await
}

#[tokio::test]
async fn an_uploaded_csv_changes_the_dashboards_figure() -> Result {
    let session = Session::start().await?;
    let value = "li#objective-taux-conversion dd.value";
    session.goto(&format!("/plans/{PLAN}")).await?;
    let before = session.text(value).await?;

    // A corrected export for the demo's last day: far more orders on the
    // site than the demo had, so the conversion rate rises.
    let file = session.folder.path().join("corrections.csv");
    std::fs::write(
        &file,
        "date,measure,value,channel\n\
         2026-04-30,sessions,2000,website\n\
         2026-04-30,transactions,900,website\n",
    )?;
    session
        .click("nav a[href='/import']", "input[type=file]")
        .await?;
    session
        .find("input[type=file]")
        .await?
        .send_keys(file.to_str().unwrap())
        .await?;
    session
        .click(
            "form[action='/import'] button[type=submit]",
            "form[action$='/confirm']",
        )
        .await?;
    let detected = session.text("main").await?;
    assert!(detected.contains("corrections.csv"), "{detected}");
    // The dry run: both values replace the demo's.
    assert!(detected.contains("Remplacées\n2"), "{detected}");
    session.screenshot("import").await?;
    session
        .click(
            "form[action$='/confirm'] button[type=submit]",
            "p[role=status]",
        )
        .await?;
    assert!(
        session.path().await?.starts_with("/import?imported="),
        "{}",
        session.path().await?
    );
    session.screenshot("import-done").await?;

    session.goto(&format!("/plans/{PLAN}")).await?;
    let after = session.text(value).await?;
    assert_ne!(before, after, "the import did not change the figure");
    let percent = |text: &str| -> f64 {
        text.trim_end_matches(['%', '\u{202f}', ' '])
            .replace(',', ".")
            .parse()
            .unwrap_or_else(|_| panic!("not a percentage: {text}"))
    };
    assert!(percent(&after) > percent(&before), "{before} → {after}");
    session.close().await
}

#[tokio::test]
async fn the_english_switch_is_remembered_from_page_to_page() -> Result {
    let session = Session::start().await?;
    session.goto(&format!("/plans/{PLAN}")).await?;
    assert_eq!(
        session.text("nav a[aria-current=page]").await?,
        "Tableau de bord"
    );
    session
        .click("div.lang a[hreflang=en]", "html[lang=en]")
        .await?;
    assert_eq!(session.text("nav a[aria-current=page]").await?, "Dashboard");
    assert_eq!(
        session
            .text("li#objective-tickets-support .badge")
            .await?
            .to_lowercase(),
        "off track"
    );
    session.screenshot("dashboard-en").await?;

    // Another page, reached by a link without `?lang=`: still English.
    session
        .click(
            &format!("nav a[href='/plans/{PLAN}/edit']"),
            "section[aria-labelledby=kind-objective]",
        )
        .await?;
    assert!(!session.path().await?.contains("lang="));
    assert_eq!(
        session.find("html").await?.attr("lang").await?.as_deref(),
        Some("en")
    );
    assert_eq!(session.text("nav a[aria-current=page]").await?, "Plan");
    session.goto("/import").await?;
    assert_eq!(
        session.find("html").await?.attr("lang").await?.as_deref(),
        Some("en")
    );
    assert_eq!(
        session
            .find("a.skip")
            .await?
            .prop("textContent")
            .await?
            .as_deref(),
        Some("Skip to content")
    );
    assert_eq!(session.text("main h1").await?, "Import results");
    session.close().await
}

#[tokio::test]
async fn the_review_downloads_as_a_pdf() -> Result {
    let session = Session::start().await?;
    let (status, body) = get(
        &session.base,
        &format!("/plans/{PLAN}/review.pdf?to=2026-04-30"),
    )?;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        body.starts_with(b"%PDF"),
        "not a PDF: {:?}",
        String::from_utf8_lossy(&body[..body.len().min(200)])
    );

    session
        .goto(&format!("/plans/{PLAN}/review?to=2026-04-30"))
        .await?;
    assert_eq!(session.text("nav a[aria-current=page]").await?, "Bilan");
    session.screenshot("review").await?;
    session.close().await
}
