//! The minimal tokio Unix-socket echo server that BENCHMARKS.md compares `echo serve --unix`
//! against: read into a 64 KiB buffer, write_all back, one task per connection.
//! Usage: tokio_unix_echo PATH; prints "listening on PATH" first.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::UnixListener;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: tokio_unix_echo PATH");
        std::process::exit(2);
    };
    let listener = UnixListener::bind(&path)?;
    println!("listening on {path}");
    loop {
        let (mut stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        if stream.write_all(&buf[..n]).await.is_err() {
                            return;
                        }
                    }
                }
            }
        });
    }
}
