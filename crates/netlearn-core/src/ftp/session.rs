//! One FTP session: the control connection read a line at a time (each line and each wait
//! bounded), its commands answered, its transfers run one at a time over the data connection
//! the session prepared.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::os::unix::fs::OpenOptionsExt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncSeekExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

use super::data::{self, ActiveRefusal, DataError, DataPlan, LOWEST_ACTIVE_PORT};
use super::files::{self, Claim, DirNames, ENTRY_COST, Exceeded, NameError, Upload, VPath};
use super::shared::{GREETING, Shared};

/// The longest command line read (RFC 959 sets no limit; vsftpd's is 4 KiB).
pub const MAX_COMMAND_LINE: usize = 4096;
/// The size of one read or write of a transfer.
const CHUNK: usize = 64 * 1024;

/// A reply: its code and text (one line, or several for FEAT and STAT).
struct Reply {
    code: u16,
    lines: Vec<String>,
}

fn reply(code: u16, text: impl Into<String>) -> Reply {
    Reply {
        code,
        lines: vec![text.into()],
    }
}

/// What to do after a command.
enum Next {
    Continue,
    Quit,
}

pub(super) struct Session {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
    local: SocketAddr,
    peer: SocketAddr,
    shared: Arc<Shared>,
    user: Option<String>,
    logged_in: bool,
    cwd: VPath,
    data: DataPlan,
    /// REST: where the next RETR starts.
    restart: u64,
    /// RNFR: the path the next RNTO renames, held busy meanwhile.
    rename_from: Option<(VPath, Claim)>,
    /// TYPE A (bytes are sent as they are all the same, as vsftpd does by default).
    ascii: bool,
}

impl Session {
    pub fn new(stream: TcpStream, shared: Arc<Shared>) -> io::Result<Session> {
        let (local, peer) = (stream.local_addr()?, stream.peer_addr()?);
        let (read, writer) = stream.into_split();
        Ok(Session {
            reader: BufReader::new(read),
            writer,
            local,
            peer,
            shared,
            user: None,
            logged_in: false,
            cwd: VPath::default(),
            data: DataPlan::None,
            restart: 0,
            rename_from: None,
            ascii: false,
        })
    }

    fn idle(&self) -> Duration {
        self.shared.config.idle_timeout
    }

    /// Serves the session to its end: QUIT, the client's close, a timeout or a broken line.
    pub async fn run(mut self) {
        if self.send(reply(220, GREETING)).await.is_err() {
            return;
        }
        loop {
            let line = match tokio::time::timeout(self.idle(), self.read_line()).await {
                Err(_) => {
                    let text = format!(
                        "Timeout: no command for {} seconds, closing",
                        self.idle().as_secs()
                    );
                    let _ = self.send(reply(421, text)).await;
                    return;
                }
                Ok(Err(Line::TooLong)) => {
                    let _ = self.send(reply(500, "Command line too long")).await;
                    return;
                }
                Ok(Err(Line::Closed)) => return,
                Ok(Ok(line)) => line,
            };
            let next = self.command(&line).await;
            match next {
                Ok(Next::Continue) => {}
                Ok(Next::Quit) | Err(_) => return,
            }
        }
        // Dropping the session closes the control connection, a passive listener or a
        // recorded PORT address with it.
    }

    async fn read_line(&mut self) -> Result<Vec<u8>, Line> {
        let mut line = Vec::new();
        let limit = MAX_COMMAND_LINE as u64 + 1;
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut line)
            .await
            .map_err(|_| Line::Closed)?;
        if n == 0 {
            return Err(Line::Closed);
        }
        if !line.ends_with(b"\n") {
            return Err(if line.len() as u64 >= limit {
                Line::TooLong
            } else {
                Line::Closed
            });
        }
        while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            line.pop();
        }
        Ok(line)
    }

    async fn send(&mut self, reply: Reply) -> io::Result<()> {
        let mut text = String::new();
        let last = reply.lines.len().saturating_sub(1);
        for (i, line) in reply.lines.iter().enumerate() {
            let dash = if i < last { '-' } else { ' ' };
            if i == 0 || i == last {
                text.push_str(&format!("{}{dash}{line}\r\n", reply.code));
            } else {
                text.push_str(&format!(" {line}\r\n"));
            }
        }
        let idle = self.idle();
        tokio::time::timeout(idle, self.writer.write_all(text.as_bytes()))
            .await
            .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))?
    }

    async fn command(&mut self, line: &[u8]) -> io::Result<Next> {
        let (verb, argument) = match line.iter().position(|b| *b == b' ') {
            Some(at) => (&line[..at], &line[at + 1..]),
            None => (line, &[][..]),
        };
        let verb = String::from_utf8_lossy(verb).to_ascii_uppercase();
        let Ok(argument) = std::str::from_utf8(argument) else {
            self.send(reply(501, "Arguments must be UTF-8")).await?;
            return Ok(Next::Continue);
        };
        let argument = argument.to_string();
        if verb != "RNTO" {
            self.rename_from = None;
        }
        let answer = match verb.as_str() {
            "USER" => {
                self.user = Some(argument);
                self.logged_in = false;
                reply(331, "Please specify the password")
            }
            "PASS" => {
                if self.user.is_none() {
                    reply(503, "Login with USER first")
                } else {
                    self.logged_in = true;
                    reply(230, "Login successful")
                }
            }
            "QUIT" => {
                self.data = DataPlan::None;
                self.send(reply(221, "Goodbye")).await?;
                return Ok(Next::Quit);
            }
            "NOOP" => reply(200, "NOOP ok"),
            "SYST" => reply(215, "UNIX Type: L8"),
            "FEAT" => Reply {
                code: 211,
                lines: ["Features:", "EPRT", "EPSV", "MDTM", "PASV", "REST STREAM"]
                    .into_iter()
                    .chain(["SIZE", "UTF8", "End"])
                    .map(str::to_string)
                    .collect(),
            },
            "OPTS" if argument.eq_ignore_ascii_case("UTF8 ON") => reply(200, "Always in UTF8 mode"),
            "OPTS" => reply(501, "Option not understood"),
            "HELP" => reply(214, "See RFC 959; FEAT lists the extensions"),
            "AUTH" | "PBSZ" | "PROT" => {
                reply(502, "No TLS here: this server shows FTP in clear text")
            }
            _ if !self.logged_in => reply(530, "Please login with USER and PASS"),
            _ => return self.file_command(&verb, &argument).await,
        };
        self.send(answer).await?;
        Ok(Next::Continue)
    }

    /// The commands that need a login.
    async fn file_command(&mut self, verb: &str, argument: &str) -> io::Result<Next> {
        let answer = match verb {
            "PWD" | "XPWD" => reply(
                257,
                format!(
                    "\"{}\" is the current directory",
                    self.cwd.display().replace('"', "\"\"")
                ),
            ),
            "CWD" | "XCWD" => self.change_dir(argument).await,
            "CDUP" | "XCUP" => self.change_dir("..").await,
            "TYPE" => match argument.to_ascii_uppercase().as_str() {
                "I" | "L 8" => {
                    self.ascii = false;
                    reply(200, "Switching to Binary mode")
                }
                "A" | "A N" => {
                    self.ascii = true;
                    reply(200, "Switching to ASCII mode (bytes are sent as they are)")
                }
                _ => reply(504, "Only TYPE I and TYPE A"),
            },
            "MODE" if argument.eq_ignore_ascii_case("S") => reply(200, "Mode set to S"),
            "MODE" => reply(504, "Only MODE S (stream)"),
            "STRU" if argument.eq_ignore_ascii_case("F") => reply(200, "Structure set to F"),
            "STRU" => reply(504, "Only STRU F (file)"),
            "ALLO" => reply(202, "ALLO is not needed here"),
            "REST" => match argument.parse::<u64>() {
                Ok(at) => {
                    self.restart = at;
                    reply(350, format!("Restarting at {at}; send RETR"))
                }
                Err(_) => reply(501, "REST needs a byte count"),
            },
            "PASV" => self.passive(false),
            "EPSV" => self.passive(true),
            "PORT" => self.active(argument, false),
            "EPRT" => self.active(argument, true),
            "ABOR" => {
                self.data = DataPlan::None;
                reply(225, "No transfer to abort")
            }
            "STAT" if argument.is_empty() => Reply {
                code: 211,
                lines: vec![
                    format!("{GREETING}: status"),
                    format!("Connected from {}", self.peer.ip()),
                    format!(
                        "Logged in as {}",
                        self.user.as_deref().unwrap_or_default().escape_debug()
                    ),
                    "End of status".to_string(),
                ],
            },
            "LIST" | "NLST" | "RETR" | "STOR" | "SIZE" | "MDTM" | "DELE" | "MKD" | "XMKD"
            | "RMD" | "XRMD" | "RNFR" | "RNTO" | "STAT" => {
                return self.path_command(verb, argument).await;
            }
            "APPE" | "STOU" | "SITE" | "ACCT" | "SMNT" | "REIN" => {
                reply(502, "Command not implemented")
            }
            _ => reply(500, "Unknown command"),
        };
        self.send(answer).await?;
        Ok(Next::Continue)
    }

    /// The commands that name a path.
    async fn path_command(&mut self, verb: &str, argument: &str) -> io::Result<Next> {
        let listing = matches!(verb, "LIST" | "NLST" | "STAT");
        // LIST's options (`-la`) are for ls; this server lists all alike.
        let argument = if listing {
            argument
                .split(' ')
                .filter(|word| !word.starts_with('-'))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            argument.to_string()
        };
        if argument.is_empty() && !listing {
            self.send(reply(501, format!("{verb} needs a path")))
                .await?;
            return Ok(Next::Continue);
        }
        let path = match VPath::resolve(&self.cwd, &argument) {
            Ok(path) => path,
            Err(NameError::ControlCharacter) => {
                let refused = reply(553, "File name not allowed (a control character)");
                self.send(refused).await?;
                return Ok(Next::Continue);
            }
        };
        let restart = std::mem::take(&mut self.restart);
        let answer = match verb {
            "LIST" | "NLST" => return self.list(path, verb == "NLST").await,
            "STAT" => self.stat(path).await,
            "RETR" => return self.retrieve(path, restart).await,
            "STOR" if restart != 0 => {
                reply(554, "Resuming an upload (REST then STOR) is not supported")
            }
            "STOR" => return self.store(path).await,
            "SIZE" => match self.metadata(&path).await {
                Ok(meta) if meta.is_file() => reply(213, meta.len().to_string()),
                _ => reply(550, "Could not get file size"),
            },
            "MDTM" => match self.metadata(&path).await {
                Ok(meta) if meta.is_file() => reply(213, files::mdtm(&meta)),
                _ => reply(550, "Could not get file modification time"),
            },
            "DELE" => self.delete(path).await,
            "MKD" | "XMKD" => self.make_dir(path).await,
            "RMD" | "XRMD" => self.remove_dir(path).await,
            "RNFR" => self.rename_from(path).await,
            _ => self.rename_to(path).await,
        };
        self.send(answer).await?;
        Ok(Next::Continue)
    }

    /// Runs file-system work off the async threads.
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&std::path::Path) -> io::Result<T> + Send + 'static,
    ) -> io::Result<T> {
        let root = self.shared.root.clone();
        tokio::task::spawn_blocking(move || work(&root))
            .await
            .unwrap_or_else(|_| Err(io::Error::other("the file-system task failed")))
    }

    async fn metadata(&self, path: &VPath) -> io::Result<std::fs::Metadata> {
        let path = path.clone();
        self.blocking(move |root| std::fs::metadata(path.real(root)?))
            .await
    }

    async fn change_dir(&mut self, argument: &str) -> Reply {
        let path = match VPath::resolve(&self.cwd, argument) {
            Ok(path) => path,
            Err(_) => return reply(553, "File name not allowed (a control character)"),
        };
        match self.metadata(&path).await {
            Ok(meta) if meta.is_dir() => {
                self.cwd = path;
                reply(250, "Directory successfully changed")
            }
            _ => reply(550, "Failed to change directory"),
        }
    }

    /// PASV/EPSV: drops the prepared data connection, listens for a new one.
    fn passive(&mut self, extended: bool) -> Reply {
        self.data = DataPlan::None;
        let local = self.local.ip();
        let v4 = match local.to_canonical() {
            IpAddr::V4(v4) => Some(v4),
            IpAddr::V6(_) => None,
        };
        if !extended && v4.is_none() {
            return reply(425, "PASV is for IPv4; use EPSV");
        }
        let listening = data::listen_passive(local).and_then(|l| Ok((l.local_addr()?.port(), l)));
        let (port, listener) = match listening {
            Ok(listening) => listening,
            Err(error) => return cannot_listen(&error),
        };
        self.data = DataPlan::Passive(listener);
        match v4 {
            Some(v4) if !extended => {
                let [h1, h2, h3, h4] = v4.octets();
                let (p1, p2) = (port >> 8, port & 0xff);
                reply(
                    227,
                    format!("Entering Passive Mode ({h1},{h2},{h3},{h4},{p1},{p2})"),
                )
            }
            _ => reply(229, format!("Entering Extended Passive Mode (|||{port}|)")),
        }
    }

    /// PORT/EPRT: drops the prepared data connection; records the address if RFC 2577 allows
    /// it. Nothing is connected yet.
    fn active(&mut self, argument: &str, extended: bool) -> Reply {
        self.data = DataPlan::None;
        let verb = if extended { "EPRT" } else { "PORT" };
        let target = if extended {
            data::parse_eprt(argument)
        } else {
            data::parse_port(argument)
        };
        let checked =
            target.and_then(|target| data::check_active(target, self.peer.ip()).map(|()| target));
        let peer = self.peer.ip().to_canonical();
        match checked {
            Ok(target) => {
                self.data = DataPlan::Active(target);
                reply(200, format!("{verb} command successful; consider PASV"))
            }
            Err(ActiveRefusal::Syntax) if extended => {
                reply(501, "Syntax: EPRT |1|address|port| or |2|address|port|")
            }
            Err(ActiveRefusal::Syntax) => reply(501, "Syntax: PORT h1,h2,h3,h4,p1,p2"),
            Err(ActiveRefusal::UnknownProtocol | ActiveRefusal::WrongFamily) => {
                let family = if peer.is_ipv4() { 1 } else { 2 };
                reply(
                    522,
                    format!("Network protocol not supported, use ({family})"),
                )
            }
            Err(ActiveRefusal::ForeignAddress) => reply(
                504,
                format!(
                    "{verb} refused: the data connection goes only to your own address, \
                     {peer} (RFC 2577)"
                ),
            ),
            Err(ActiveRefusal::PrivilegedPort) => reply(
                504,
                format!(
                    "{verb} refused: the port must be {LOWEST_ACTIVE_PORT} or higher (RFC 2577)"
                ),
            ),
        }
    }

    /// The prepared data connection, opened; a failure is answered here.
    async fn open_data(&mut self) -> io::Result<Option<TcpStream>> {
        let plan = std::mem::take(&mut self.data);
        let limit = self.shared.config.data_connect_timeout;
        match data::open(plan, self.local.ip(), self.peer.ip(), limit).await {
            Ok(stream) => Ok(Some(stream)),
            Err(error) => {
                let answer = match error {
                    DataError::NoPlan => reply(425, "Use PORT, EPRT, PASV or EPSV first"),
                    DataError::Timeout => reply(
                        425,
                        format!(
                            "Cannot open data connection: none within {} seconds",
                            limit.as_secs()
                        ),
                    ),
                    DataError::Io(error) if out_of_descriptors(&error) => reply(
                        425,
                        "Cannot open data connection: the server is out of file descriptors",
                    ),
                    DataError::Io(error) => {
                        reply(425, format!("Cannot open data connection: {error}"))
                    }
                };
                self.send(answer).await?;
                Ok(None)
            }
        }
    }

    async fn list(&mut self, path: VPath, names_only: bool) -> io::Result<Next> {
        let target = path.clone();
        let now = SystemTime::now();
        // The listing is made in a blocking task and sent a chunk at a time.
        let opened = self
            .blocking(move |root| {
                let real = target.real(root)?;
                let meta = std::fs::symlink_metadata(&real)?;
                Ok((real, meta))
            })
            .await;
        let (real, meta) = match opened {
            Ok(found) => found,
            Err(_) => {
                self.send(reply(550, "No such file or directory")).await?;
                return Ok(Next::Continue);
            }
        };
        let Some(mut stream) = self.open_data().await? else {
            return Ok(Next::Continue);
        };
        self.send(reply(150, "Here comes the directory listing"))
            .await?;
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<u8>>(2);
        let name = path.name().to_string();
        let producer = tokio::task::spawn_blocking(move || {
            let line = |name: &str, meta: &std::fs::Metadata| {
                if names_only {
                    format!("{name}\r\n")
                } else {
                    format!("{}\r\n", files::list_line(name, meta, now))
                }
            };
            if !meta.is_dir() {
                let _ = tx.blocking_send(line(&name, &meta).into_bytes());
                return;
            }
            let Ok(names) = DirNames::read(&real) else {
                return;
            };
            let mut chunk = Vec::with_capacity(CHUNK);
            for name in names {
                let Some(text) = name.to_str() else { continue };
                let Ok(meta) = std::fs::symlink_metadata(real.join(&name)) else {
                    continue;
                };
                chunk.extend_from_slice(line(text, &meta).as_bytes());
                if chunk.len() >= CHUNK / 2 && tx.blocking_send(std::mem::take(&mut chunk)).is_err()
                {
                    return;
                }
            }
            let _ = tx.blocking_send(chunk);
        });
        let stall = self.idle();
        let mut sent = Ok(());
        while let Some(chunk) = rx.recv().await {
            sent = write_within(&mut stream, &chunk, stall).await;
            if sent.is_err() {
                break;
            }
        }
        drop(rx);
        let _ = producer.await;
        if sent.is_ok() {
            sent = shutdown_within(&mut stream, stall).await;
        }
        drop(stream);
        self.send(match sent {
            Ok(()) => reply(226, "Directory send OK"),
            Err(_) => reply(426, "Connection closed; transfer aborted"),
        })
        .await?;
        Ok(Next::Continue)
    }

    async fn retrieve(&mut self, path: VPath, restart: u64) -> io::Result<Next> {
        let name = path.name().to_string();
        let opened = self
            .blocking(move |root| {
                let file = std::fs::OpenOptions::new()
                    .read(true)
                    .custom_flags(libc::O_NOFOLLOW)
                    .open(path.real(root)?)?;
                let meta = file.metadata()?;
                if !meta.is_file() {
                    return Err(io::Error::other("not a regular file"));
                }
                Ok((file, meta.len()))
            })
            .await;
        let (file, size) = match opened {
            Ok(found) => found,
            Err(error) => {
                let text = if out_of_descriptors(&error) {
                    "Failed to open file: the server is out of file descriptors"
                } else {
                    "Failed to open file"
                };
                self.send(reply(550, text)).await?;
                return Ok(Next::Continue);
            }
        };
        let mut file = tokio::fs::File::from_std(file);
        if restart > 0 {
            file.seek(io::SeekFrom::Start(restart.min(size))).await?;
        }
        let Some(mut stream) = self.open_data().await? else {
            return Ok(Next::Continue);
        };
        let mode = if self.ascii { "ASCII" } else { "BINARY" };
        let text = format!("Opening {mode} mode data connection for {name} ({size} bytes)");
        self.send(reply(150, text)).await?;
        let stall = self.idle();
        let mut buffer = vec![0u8; CHUNK];
        let sent: io::Result<()> = async {
            loop {
                let n = file.read(&mut buffer).await?;
                if n == 0 {
                    break;
                }
                write_within(&mut stream, &buffer[..n], stall).await?;
            }
            shutdown_within(&mut stream, stall).await
        }
        .await;
        drop(stream);
        self.send(match sent {
            Ok(()) => reply(226, "Transfer complete"),
            Err(_) => reply(426, "Connection closed; transfer aborted"),
        })
        .await?;
        Ok(Next::Continue)
    }

    async fn store(&mut self, path: VPath) -> io::Result<Next> {
        let Some(claim) = self.shared.store.claim(&path) else {
            self.send(reply(450, "File busy: another transfer is using it"))
                .await?;
            return Ok(Next::Continue);
        };
        let store = Arc::clone(&self.shared.store);
        let opened = self
            .blocking(move |root| {
                let real = path.real(root)?;
                let before = match std::fs::symlink_metadata(&real) {
                    Ok(meta) if meta.is_file() => Some(meta.len()),
                    Ok(_) => return Err(io::Error::other("not a regular file")),
                    Err(error) if error.kind() == io::ErrorKind::NotFound => None,
                    Err(error) => return Err(error),
                };
                if before.is_none() && store.reserve(ENTRY_COST).is_err() {
                    return Err(io::Error::from(io::ErrorKind::StorageFull));
                }
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .custom_flags(libc::O_NOFOLLOW)
                    .open(&real);
                match file {
                    Ok(file) => {
                        // The old content is gone; its entry now counts for the new file.
                        store.release(before.unwrap_or(0));
                        Ok((file, Upload::new(real, store, claim)))
                    }
                    Err(error) => {
                        if before.is_none() {
                            store.release(ENTRY_COST);
                        }
                        Err(error)
                    }
                }
            })
            .await;
        let (file, mut upload) = match opened {
            Ok(opened) => opened,
            Err(error) => {
                let answer = if error.kind() == io::ErrorKind::StorageFull {
                    self.full(Exceeded::Store(self.shared.store.limit()))
                } else if out_of_descriptors(&error) {
                    reply(
                        451,
                        "Could not create file: the server is out of file descriptors",
                    )
                } else {
                    reply(553, "Could not create file")
                };
                self.send(answer).await?;
                return Ok(Next::Continue);
            }
        };
        let mut file = tokio::fs::File::from_std(file);
        let Some(mut stream) = self.open_data().await? else {
            // The upload drops: the file it made goes.
            return Ok(Next::Continue);
        };
        self.send(reply(150, "Ok to send data")).await?;
        let stall = self.idle();
        let max_file = self.shared.config.max_upload;
        let mut buffer = vec![0u8; CHUNK];
        let outcome: Result<(), Stored> = async {
            loop {
                let n = tokio::time::timeout(stall, stream.read(&mut buffer))
                    .await
                    .map_err(|_| Stored::Cut)?
                    .map_err(|_| Stored::Cut)?;
                if n == 0 {
                    break;
                }
                upload.count(n as u64, max_file).map_err(Stored::Exceeded)?;
                file.write_all(&buffer[..n]).await.map_err(Stored::Disk)?;
            }
            file.flush().await.map_err(Stored::Disk)
        }
        .await;
        drop(stream);
        drop(file);
        let answer = match outcome {
            Ok(()) => {
                let written = upload.written();
                upload.keep();
                reply(226, format!("Transfer complete ({written} bytes)"))
            }
            Err(Stored::Exceeded(exceeded)) => self.full(exceeded),
            Err(Stored::Cut) => reply(426, "Connection closed; transfer aborted, nothing kept"),
            Err(Stored::Disk(error))
                if error.kind() == io::ErrorKind::StorageFull
                    || error.kind() == io::ErrorKind::QuotaExceeded =>
            {
                reply(552, "Exceeded storage allocation: the disk is full")
            }
            Err(Stored::Disk(_)) => reply(451, "Local error writing the file, nothing kept"),
        };
        self.send(answer).await?;
        Ok(Next::Continue)
    }

    fn full(&self, exceeded: Exceeded) -> Reply {
        match exceeded {
            Exceeded::File(max) => reply(
                552,
                format!("Exceeded storage allocation: at most {max} bytes per file, nothing kept"),
            ),
            Exceeded::Store(max) => reply(
                552,
                format!("Exceeded storage allocation: the server keeps at most {max} bytes in all"),
            ),
        }
    }

    async fn stat(&mut self, path: VPath) -> Reply {
        let target = path.clone();
        let now = SystemTime::now();
        let found = self
            .blocking(move |root| {
                let real = target.real(root)?;
                let meta = std::fs::symlink_metadata(&real)?;
                Ok(files::list_line(target.name(), &meta, now))
            })
            .await;
        match found {
            Ok(line) => Reply {
                code: 213,
                lines: vec![format!("Status of {}:", path.display()), line, "End".into()],
            },
            Err(_) => reply(550, "No such file or directory"),
        }
    }

    async fn delete(&mut self, path: VPath) -> Reply {
        let Some(claim) = self.shared.store.claim(&path) else {
            return reply(450, "File busy: another transfer is using it");
        };
        let store = Arc::clone(&self.shared.store);
        let done = self
            .blocking(move |root| {
                let real = path.real(root)?;
                let meta = std::fs::symlink_metadata(&real)?;
                if !meta.is_file() {
                    return Err(io::Error::other("not a file"));
                }
                std::fs::remove_file(&real)?;
                store.release(ENTRY_COST + meta.len());
                drop(claim);
                Ok(())
            })
            .await;
        match done {
            Ok(()) => reply(250, "Delete operation successful"),
            Err(_) => reply(550, "Delete operation failed"),
        }
    }

    async fn make_dir(&mut self, path: VPath) -> Reply {
        if path.is_root() {
            return reply(550, "Create directory operation failed");
        }
        let Some(claim) = self.shared.store.claim(&path) else {
            return reply(450, "File busy: another transfer is using it");
        };
        if self.shared.store.reserve(ENTRY_COST).is_err() {
            return self.full(Exceeded::Store(self.shared.store.limit()));
        }
        let store = Arc::clone(&self.shared.store);
        let shown = path.display();
        let done = self
            .blocking(move |root| {
                let made = path.real(root).and_then(std::fs::create_dir);
                if made.is_err() {
                    store.release(ENTRY_COST);
                }
                drop(claim);
                made
            })
            .await;
        match done {
            Ok(()) => reply(257, format!("\"{}\" created", shown.replace('"', "\"\""))),
            Err(_) => reply(550, "Create directory operation failed"),
        }
    }

    async fn remove_dir(&mut self, path: VPath) -> Reply {
        if path.is_root() {
            return reply(550, "Remove directory operation failed");
        }
        let Some(claim) = self.shared.store.claim(&path) else {
            return reply(450, "File busy: another transfer is using it");
        };
        let store = Arc::clone(&self.shared.store);
        let done = self
            .blocking(move |root| {
                let removed = path.real(root).and_then(std::fs::remove_dir);
                if removed.is_ok() {
                    store.release(ENTRY_COST);
                }
                drop(claim);
                removed
            })
            .await;
        match done {
            Ok(()) => reply(250, "Remove directory operation successful"),
            Err(_) => reply(550, "Remove directory operation failed"),
        }
    }

    async fn rename_from(&mut self, path: VPath) -> Reply {
        if path.is_root() {
            return reply(550, "RNFR command failed");
        }
        let Some(claim) = self.shared.store.claim(&path) else {
            return reply(450, "File busy: another transfer is using it");
        };
        match self.metadata(&path).await {
            Ok(_) => {
                self.rename_from = Some((path, claim));
                reply(350, "Ready for RNTO")
            }
            Err(_) => reply(550, "RNFR command failed"),
        }
    }

    async fn rename_to(&mut self, path: VPath) -> Reply {
        let Some((from, from_claim)) = self.rename_from.take() else {
            return reply(503, "RNFR required first");
        };
        if path.is_root() || path.within(&from) {
            return reply(550, "Rename failed");
        }
        let Some(claim) = self.shared.store.claim(&path) else {
            return reply(450, "File busy: another transfer is using it");
        };
        let done = self
            .blocking(move |root| {
                let (old, new) = (from.real(root)?, path.real(root)?);
                // Never over an existing name: what it held would leave the count.
                if std::fs::symlink_metadata(&new).is_ok() {
                    return Err(io::Error::from(io::ErrorKind::AlreadyExists));
                }
                let renamed = std::fs::rename(old, new);
                drop((claim, from_claim));
                renamed
            })
            .await;
        match done {
            Ok(()) => reply(250, "Rename successful"),
            Err(_) => reply(550, "Rename failed"),
        }
    }
}

/// How a control line read ended without a line.
enum Line {
    Closed,
    TooLong,
}

/// How an upload ended without success.
enum Stored {
    Exceeded(Exceeded),
    Cut,
    Disk(io::Error),
}

fn cannot_listen(error: &io::Error) -> Reply {
    if out_of_descriptors(error) {
        reply(
            425,
            "Cannot open a passive port: the server is out of file descriptors",
        )
    } else {
        reply(425, format!("Cannot open a passive port: {error}"))
    }
}

fn out_of_descriptors(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
}

async fn write_within(stream: &mut TcpStream, bytes: &[u8], stall: Duration) -> io::Result<()> {
    for piece in bytes.chunks(CHUNK) {
        tokio::time::timeout(stall, stream.write_all(piece))
            .await
            .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))??;
    }
    Ok(())
}

async fn shutdown_within(stream: &mut TcpStream, stall: Duration) -> io::Result<()> {
    tokio::time::timeout(stall, stream.shutdown())
        .await
        .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))?
}
