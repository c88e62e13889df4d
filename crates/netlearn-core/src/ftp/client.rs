//! An FTP client that shows its work: every control line sent and received, every data
//! connection opened and closed, reported as [`Wire`] steps. Each wait is bounded by a
//! timeout, each reply line and each reply by a size.

use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::time::Duration;

use serde::Serialize;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

/// Longest control line accepted from a server.
pub const MAX_LINE: usize = 4096;
/// Most lines in one (multi-line) reply.
pub const MAX_REPLY_LINES: usize = 200;

/// One thing that crossed a connection.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Wire {
    /// A command line the client sent on the control connection.
    Sent { line: String },
    /// A reply line the server sent on the control connection.
    Received { line: String },
    /// A data connection, opened by the client (passive) or by the server (active).
    DataOpened {
        local: SocketAddr,
        peer: SocketAddr,
        active: bool,
    },
    /// The data connection closed: for a download, the server's close marked the file's end.
    DataClosed { bytes: u64, by_server: bool },
}

/// A whole reply: its code and its lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub code: u16,
    pub lines: Vec<String>,
}

impl Reply {
    /// 1xx preliminary, 2xx done, 3xx more needed; 4xx and 5xx are failures.
    pub fn is_ok(&self) -> bool {
        (100..400).contains(&self.code)
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// The passive-mode answer decoded: `(h1,h2,h3,h4,p1,p2)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Passive {
    pub ip: Ipv4Addr,
    pub p1: u8,
    pub p2: u8,
    /// p1 × 256 + p2.
    pub port: u16,
}

/// What went wrong talking FTP (worded where `ftp demo` shows it: `learn::demo::ftp`).
#[derive(Debug)]
pub enum FtpError {
    Connect {
        addr: SocketAddr,
        cause: std::io::Error,
    },
    Io(std::io::Error),
    /// No answer (a reply, a data connection, data) within this time.
    Timeout(Duration),
    /// The server closed the control connection.
    Closed,
    /// A reply line longer than [`MAX_LINE`] bytes.
    LineTooLong,
    /// A reply of more than [`MAX_REPLY_LINES`] lines.
    TooManyLines,
    /// A line from the server that is not an FTP reply (the line, from the wire).
    NotAReply(String),
    /// The server answered `command` with a failure; `text` is its reply text.
    Refused {
        command: String,
        code: u16,
        text: String,
    },
    /// A PASV or EPSV reply (its text, from the wire) that names no data port.
    BadPassive(String),
    /// PORT names an IPv4 address, and the data listener is IPv6.
    PortNeedsIpv4,
    /// The data connection carried more than this many bytes.
    TooMuchData(u64),
}

impl From<std::io::Error> for FtpError {
    fn from(error: std::io::Error) -> Self {
        FtpError::Io(error)
    }
}

/// Parses `227 Entering Passive Mode (127,0,0,1,195,80)`.
pub fn parse_pasv(line: &str) -> Option<Passive> {
    let inner = line.split_once('(')?.1.split_once(')')?.0;
    let numbers: Vec<u8> = inner
        .split(',')
        .map(|part| part.trim().parse().ok())
        .collect::<Option<_>>()?;
    let [h1, h2, h3, h4, p1, p2] = numbers[..] else {
        return None;
    };
    Some(Passive {
        ip: Ipv4Addr::new(h1, h2, h3, h4),
        p1,
        p2,
        port: u16::from(p1) * 256 + u16::from(p2),
    })
}

/// Parses `229 Entering Extended Passive Mode (|||50123|)`.
pub fn parse_epsv(line: &str) -> Option<u16> {
    let inner = line.split_once('(')?.1.split_once(')')?.0;
    let mut fields = inner.split('|');
    let _ = (fields.next()?, fields.next()?, fields.next()?);
    fields.next()?.parse().ok()
}

/// The argument of PORT for `addr`: h1,h2,h3,h4,p1,p2.
pub fn port_argument(addr: SocketAddrV4) -> String {
    let [h1, h2, h3, h4] = addr.ip().octets();
    let port = addr.port();
    format!("{h1},{h2},{h3},{h4},{},{}", port / 256, port % 256)
}

/// The control connection.
pub struct Control {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
    local: SocketAddr,
    peer: SocketAddr,
    timeout: Duration,
    wire: Observer,
}

/// Where a [`Control`] reports each [`Wire`] step, in order.
pub type Observer = Box<dyn Fn(Wire) + Send + Sync>;

impl Control {
    /// Connects and reads the greeting.
    pub async fn connect(
        addr: SocketAddr,
        timeout: Duration,
        wire: Observer,
    ) -> Result<(Control, Reply), FtpError> {
        let stream = tokio::time::timeout(timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| FtpError::Timeout(timeout))?
            .map_err(|cause| FtpError::Connect { addr, cause })?;
        let local = stream.local_addr()?;
        let (read, writer) = stream.into_split();
        let mut control = Control {
            reader: BufReader::new(read),
            writer,
            local,
            peer: addr,
            timeout,
            wire,
        };
        let greeting = control.reply().await?;
        Ok((control, greeting))
    }

    pub fn peer(&self) -> SocketAddr {
        self.peer
    }

    fn emit(&self, step: Wire) {
        (self.wire)(step);
    }

    /// Sends one command line and reads its reply (failure replies are returned, not errors).
    pub async fn send(&mut self, line: &str) -> Result<Reply, FtpError> {
        // One segment: a command written in two waits for the server's delayed ACK between
        // them (Nagle), some 40 ms per command.
        let mut command = Vec::with_capacity(line.len() + 2);
        command.extend_from_slice(line.as_bytes());
        command.extend_from_slice(b"\r\n");
        self.writer.write_all(&command).await?;
        self.emit(Wire::Sent {
            line: line.to_string(),
        });
        self.reply().await
    }

    /// Sends a command that must succeed.
    pub async fn expect(&mut self, line: &str) -> Result<Reply, FtpError> {
        let reply = self.send(line).await?;
        if reply.is_ok() {
            Ok(reply)
        } else {
            Err(refused(line, &reply))
        }
    }

    /// Reads one reply: a line `ddd text`, or `ddd-text` lines up to `ddd text`.
    pub async fn reply(&mut self) -> Result<Reply, FtpError> {
        let first = self.line().await?;
        let code = reply_code(&first).ok_or_else(|| FtpError::NotAReply(first.clone()))?;
        let multi = first.as_bytes().get(3) == Some(&b'-');
        let mut lines = vec![first];
        if multi {
            let end = format!("{code} ");
            loop {
                if lines.len() >= MAX_REPLY_LINES {
                    return Err(FtpError::TooManyLines);
                }
                let line = self.line().await?;
                let done = line.starts_with(&end) || line == code.to_string();
                lines.push(line);
                if done {
                    break;
                }
            }
        }
        Ok(Reply { code, lines })
    }

    async fn line(&mut self) -> Result<String, FtpError> {
        let mut raw = Vec::new();
        let mut limited = (&mut self.reader).take(MAX_LINE as u64 + 2);
        let read = limited.read_until(b'\n', &mut raw);
        let n = tokio::time::timeout(self.timeout, read)
            .await
            .map_err(|_| FtpError::Timeout(self.timeout))??;
        if n == 0 {
            return Err(FtpError::Closed);
        }
        if !raw.ends_with(b"\n") {
            return Err(FtpError::LineTooLong);
        }
        let line = String::from_utf8_lossy(&raw)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        self.emit(Wire::Received { line: line.clone() });
        Ok(line)
    }

    /// PASV: where the server waits for this transfer's data connection.
    pub async fn passive(&mut self) -> Result<(Reply, Passive), FtpError> {
        let reply = self.expect("PASV").await?;
        let passive = reply
            .lines
            .last()
            .and_then(|line| parse_pasv(line))
            .ok_or_else(|| FtpError::BadPassive(reply.text()))?;
        Ok((reply, passive))
    }

    /// EPSV: the same, port only (the address is the control connection's).
    pub async fn extended_passive(&mut self) -> Result<(Reply, u16), FtpError> {
        let reply = self.expect("EPSV").await?;
        let port = reply
            .lines
            .last()
            .and_then(|line| parse_epsv(line))
            .ok_or_else(|| FtpError::BadPassive(reply.text()))?;
        Ok((reply, port))
    }

    /// Opens the data connection to a passive port.
    pub async fn open_data(&self, addr: SocketAddr) -> Result<TcpStream, FtpError> {
        let stream = tokio::time::timeout(self.timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| FtpError::Timeout(self.timeout))?
            .map_err(|cause| FtpError::Connect { addr, cause })?;
        self.emit(Wire::DataOpened {
            local: stream.local_addr()?,
            peer: addr,
            active: false,
        });
        Ok(stream)
    }

    /// Active mode: listen on the control connection's address and tell the server with PORT.
    pub async fn port(&mut self) -> Result<(TcpListener, Reply, SocketAddrV4), FtpError> {
        let ip = match self.local.ip() {
            std::net::IpAddr::V4(ip) => ip,
            std::net::IpAddr::V6(_) => Ipv4Addr::LOCALHOST,
        };
        let listener = TcpListener::bind(SocketAddr::from((ip, 0))).await?;
        let local = match listener.local_addr()? {
            SocketAddr::V4(addr) => addr,
            SocketAddr::V6(_) => return Err(FtpError::PortNeedsIpv4),
        };
        let reply = self
            .expect(&format!("PORT {}", port_argument(local)))
            .await?;
        Ok((listener, reply, local))
    }

    /// Active mode: waits for the server to connect back.
    pub async fn accept_data(&self, listener: &TcpListener) -> Result<TcpStream, FtpError> {
        let (stream, peer) = tokio::time::timeout(self.timeout, listener.accept())
            .await
            .map_err(|_| FtpError::Timeout(self.timeout))??;
        self.emit(Wire::DataOpened {
            local: stream.local_addr()?,
            peer,
            active: true,
        });
        Ok(stream)
    }

    /// Reads a data connection until the server closes it (that close is the end of the file).
    pub async fn read_data(&self, mut stream: TcpStream, limit: u64) -> Result<Vec<u8>, FtpError> {
        let mut data = Vec::new();
        let mut limited = (&mut stream).take(limit + 1);
        let read = limited.read_to_end(&mut data);
        tokio::time::timeout(self.timeout, read)
            .await
            .map_err(|_| FtpError::Timeout(self.timeout))??;
        if data.len() as u64 > limit {
            return Err(FtpError::TooMuchData(limit));
        }
        self.emit(Wire::DataClosed {
            bytes: data.len() as u64,
            by_server: true,
        });
        Ok(data)
    }

    /// Writes a file on a data connection and closes it: the close tells the server it ended.
    pub async fn write_data(&self, mut stream: TcpStream, data: &[u8]) -> Result<(), FtpError> {
        let write = async {
            stream.write_all(data).await?;
            stream.shutdown().await
        };
        tokio::time::timeout(self.timeout, write)
            .await
            .map_err(|_| FtpError::Timeout(self.timeout))??;
        drop(stream);
        self.emit(Wire::DataClosed {
            bytes: data.len() as u64,
            by_server: false,
        });
        Ok(())
    }
}

fn reply_code(line: &str) -> Option<u16> {
    let digits = line.get(..3)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match line.as_bytes().get(3) {
        None | Some(b' ') | Some(b'-') => digits.parse().ok(),
        _ => None,
    }
}

fn refused(command: &str, reply: &Reply) -> FtpError {
    // The password is the user's: an error line never repeats it.
    let command = if command.starts_with("PASS ") {
        "PASS"
    } else {
        command
    };
    FtpError::Refused {
        command: command.to_string(),
        code: reply.code,
        text: reply.text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passive_answers_decode_to_an_address_and_port() {
        let passive = parse_pasv("227 Entering Passive Mode (127,0,0,1,195,80)").unwrap();
        assert_eq!(passive.ip, Ipv4Addr::LOCALHOST);
        assert_eq!((passive.p1, passive.p2, passive.port), (195, 80, 50000));
        assert_eq!(parse_pasv("227 (1,2,3)"), None);
        assert_eq!(parse_pasv("227 (1,2,3,4,300,1)"), None);
        assert_eq!(
            parse_epsv("229 Entering Extended Passive Mode (|||50123|)"),
            Some(50123)
        );
        assert_eq!(parse_epsv("229 (|||x|)"), None);
        let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 50000);
        assert_eq!(port_argument(addr), "127,0,0,1,195,80");
    }

    #[test]
    fn reply_codes_need_three_digits_then_space_or_dash() {
        assert_eq!(reply_code("220 hi"), Some(220));
        assert_eq!(reply_code("211-Features:"), Some(211));
        assert_eq!(reply_code("22 x"), None);
        assert_eq!(reply_code("2200 x"), None);
    }
}
