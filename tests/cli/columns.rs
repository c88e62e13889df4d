//! Every screen a person reads fits the terminal: the tour, every glossary entry, every demo
//! and the `--help` of every subcommand, run through a pipe with `COLUMNS` set (which asks
//! netlearn to lay its text out for that width) in English and in Japanese, at 80 and at 60
//! columns. Every line of stdout and stderr must fit, counted in display columns (a CJK
//! character takes two). A failure lists every line that does not, grouped by command, so one
//! run shows all that is left to fix.
//!
//! The runs are independent processes, so a few threads run them side by side: most of a
//! demo's time is spent waiting on sockets and timers, not on the two cores. The `--help`
//! screens need no process: they are rendered in this one, as the binary renders them
//! (`help::helps`, whose test compares some with the binary's output), and checked alike.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use netlearn::learn::glossary::TERMS;
use unicode_width::UnicodeWidthChar;

const LANGS: [&str; 2] = ["en", "ja"];
const WIDTHS: [usize; 2] = [80, 60];
/// Runs at once. The runs wait far more than they compute (the 520 take about 10 s of CPU
/// but over 100 s one after another: servers' timeouts, handshakes, process start-up), so
/// many more threads than cores (16: alone the test takes 8 s instead of 18 s).
const THREADS: usize = 16;
/// Longest one run may take before it counts as hung (and is killed).
const LIMIT: Duration = Duration::from_secs(60);

/// Columns `line` takes on a terminal: display width, a tab to the next multiple of 8.
fn columns(line: &str) -> usize {
    line.chars().fold(0, |at, c| match c {
        '\t' => (at / 8 + 1) * 8,
        c => at + c.width().unwrap_or(0),
    })
}

fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

/// Mistakes whose one-line error is a screen too (exit 2 is what they are for).
const MISTAKES: &[&str] = &[
    "explain hanshake",
    "explain address",
    "explain zebra crossing",
];

/// The screens to check, as netlearn's arguments, the slow ones first (so the threads end
/// together).
fn screens() -> Vec<Vec<String>> {
    let mut screens: Vec<Vec<String>> = [
        // Slow: a server's idle timeout (3 s), the tour, the FTP and lab set-ups.
        "echo demo --vanish",
        "echo demo --vanish --keepalive",
        "tour",
        "ftp demo",
        "ftp demo --active",
        "lab",
        "lab congestion --seconds 0.4",
        "echo demo --nonblocking hello",
        "ping 127.0.0.1 -c 2",
        "trace 127.0.0.1",
        "echo demo hello",
        "echo demo --half-close hello",
        "echo demo --udp hello",
        "echo demo --tcp-and-udp hello",
        "echo demo --reset hello",
        "echo demo --unix hello",
        "echo demo --unix --udp hello",
        "echo demo --wire hello",
        "echo demo --wire --link hello",
        "echo demo --wire --half-close hello",
        "echo demo --wire --udp hello",
        "echo demo --clients 3 hello",
        "echo demo --framing line hello",
        "echo demo --framing length hello",
        "echo demo --framing fixed:5 hello",
        "echo demo --framing raw hello",
        "echo demo --framing line --framing length --framing fixed:5 --framing raw hello",
        "socket demo refused",
        "socket demo in-use",
        "socket demo time-wait",
        "socket demo refused --wire",
        "socket demo in-use --wire",
        "socket demo time-wait --wire",
        "http demo",
        "http demo --half-close",
        "http demo --tls",
        "http demo --wire",
        "explain",
    ]
    .iter()
    .chain(MISTAKES)
    .map(|line| words(line))
    .collect();
    // Every glossary entry's text (its demos are run once each below, not once per entry).
    for term in TERMS {
        let mut explain = vec!["explain".to_string()];
        explain.extend(words(&term.english_name()));
        explain.push("--no-demo".to_string());
        screens.push(explain);
    }
    for term in TERMS {
        for demo in term.demos {
            let demo: Vec<String> = demo.iter().map(|w| w.to_string()).collect();
            if !screens.contains(&demo) {
                screens.push(demo);
            }
        }
    }
    screens
}

struct Run {
    args: Vec<String>,
    lang: &'static str,
    width: usize,
}

impl Run {
    fn command_line(&self) -> String {
        self.args.join(" ")
    }
}

/// What a run showed that does not fit, or why it could not be checked.
#[derive(Default)]
struct Findings {
    /// (stream, columns, line)
    wide: Vec<(&'static str, usize, String)>,
    problem: Option<String>,
}

impl Findings {
    /// Notes each line of `text` (what `stream` showed) wider than `width`.
    fn too_wide(&mut self, stream: &'static str, text: &str, width: usize) {
        for line in text.lines() {
            let wide = columns(line);
            if wide > width {
                self.wide.push((stream, wide, line.to_string()));
            }
        }
    }
}

fn check(run: &Run) -> Findings {
    let mut findings = Findings::default();
    let child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .arg("--lang")
        .arg(run.lang)
        .args(&run.args)
        .env("COLUMNS", run.width.to_string())
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => {
            findings.problem = Some(format!("could not start: {error}"));
            return findings;
        }
    };
    let pid = child.id();
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let reader = std::thread::spawn(move || {
            let _ = stderr.read_to_end(&mut err);
            err
        });
        let _ = stdout.read_to_end(&mut out);
        let err = reader.join().unwrap_or_default();
        let status = child.wait();
        let _ = tx.send((status, out, err));
    });
    let (status, out, err) = match rx.recv_timeout(LIMIT) {
        Ok(done) => done,
        Err(_) => {
            // SAFETY: kill(2) on the pid of the child this function started.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            findings.problem = Some(format!("still running after {LIMIT:?}: killed"));
            return findings;
        }
    };
    for (stream, bytes) in [("stdout", &out), ("stderr", &err)] {
        findings.too_wide(stream, &String::from_utf8_lossy(bytes), run.width);
    }
    match status {
        // Exit 2 is bad input: the screen this test meant to check was not shown.
        Ok(status) if status.code() == Some(2) && !MISTAKES.contains(&&*run.command_line()) => {
            findings.problem = Some(format!(
                "exit 2: {}",
                String::from_utf8_lossy(&err).trim_end()
            ));
        }
        Ok(_) => {}
        Err(error) => findings.problem = Some(format!("could not wait: {error}")),
    }
    findings
}

#[test]
fn every_screen_fits_80_and_60_columns_in_both_languages() {
    let started = Instant::now();
    let mut runs = Vec::new();
    for args in screens() {
        for lang in LANGS {
            for width in WIDTHS {
                runs.push(Run {
                    args: args.clone(),
                    lang,
                    width,
                });
            }
        }
    }
    let total = runs.len();
    let queue = Mutex::new(runs.into_iter());
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                loop {
                    let Some(run) = queue.lock().expect("queue").next() else {
                        break;
                    };
                    let start = Instant::now();
                    let findings = check(&run);
                    let took = start.elapsed();
                    results.lock().expect("results").push((run, findings, took));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("results");
    // Every command's `--help`, rendered in this process as the binary renders it: standard
    // output only (help says nothing on standard error), exit 0 (checked as it is rendered).
    let mut helps = 0;
    for lang in LANGS {
        for width in WIDTHS {
            for (args, help) in crate::help::helps(lang, width) {
                let mut findings = Findings::default();
                findings.too_wide("stdout", &help, width);
                // After `--lang LANG`, as the runs above are named.
                let args = args.into_iter().skip(2).collect();
                results.push((Run { args, lang, width }, findings, Duration::ZERO));
                helps += 1;
            }
        }
    }
    let elapsed = started.elapsed();
    results.sort_by_key(|(_, _, took)| std::cmp::Reverse(*took));
    let busy: Duration = results.iter().map(|(_, _, took)| *took).sum();
    eprintln!(
        "{total} runs in {elapsed:.1?} with {THREADS} threads ({busy:.1?} of runs) and {helps} \
         helps rendered in process; the slowest runs:"
    );
    for (run, _, took) in results.iter().take(8) {
        eprintln!(
            "  {took:>8.1?}  --lang {} COLUMNS={} {}",
            run.lang,
            run.width,
            run.command_line()
        );
    }

    // Grouped by command, then by language and width.
    results.retain(|(_, findings, _)| !findings.wide.is_empty() || findings.problem.is_some());
    let mut grouped: BTreeMap<String, Vec<(Run, Findings)>> = BTreeMap::new();
    for (run, findings, _) in results {
        grouped
            .entry(run.command_line())
            .or_default()
            .push((run, findings));
    }
    let lines: usize = grouped
        .values()
        .flatten()
        .map(|(_, findings)| findings.wide.len())
        .sum();
    let problems = grouped
        .values()
        .flatten()
        .filter(|(_, findings)| findings.problem.is_some())
        .count();
    if grouped.is_empty() {
        return;
    }
    let mut report = format!(
        "{lines} lines wider than the screen and {problems} runs not checked, in {} commands \
         (of {total} runs and {helps} helps):\n",
        grouped.len()
    );
    for (command, mut runs) in grouped {
        runs.sort_by_key(|(run, _)| (run.lang, std::cmp::Reverse(run.width)));
        let _ = writeln!(report, "\n## netlearn {command}");
        for (run, findings) in runs {
            let _ = writeln!(report, "  --lang {} COLUMNS={}:", run.lang, run.width);
            if let Some(problem) = &findings.problem {
                let _ = writeln!(report, "    (not checked: {problem})");
            }
            for (stream, wide, line) in &findings.wide {
                let _ = writeln!(report, "    {stream} {wide:>3}| {line}");
            }
        }
    }
    panic!("{report}");
}
