//! Response bodies: nothing, a page built in memory, or a file streamed in bounded frames,
//! each read only when the previous one could be written to the client.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::{Bytes, BytesMut};
use hyper::body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, ReadBuf};

/// Bytes read from a file per body frame: what one connection holds of a file at a time,
/// whatever the file's size.
pub const FRAME: usize = 32 * 1024;

/// A response body: nothing, a page built in memory, or a file read one frame at a time.
pub enum ServeBody {
    Empty,
    Full(Option<Bytes>),
    File(FileBody),
}

/// A file (or a range of it) read in frames of at most [`FRAME`] bytes, each read only when
/// hyper asks for it, that is when the previous one could be written to the client.
pub struct FileBody {
    file: tokio::fs::File,
    remaining: u64,
    chunk: BytesMut,
}

impl FileBody {
    /// The next `remaining` bytes of `file`, from where it is positioned.
    pub(super) fn new(file: tokio::fs::File, remaining: u64) -> FileBody {
        FileBody {
            file,
            remaining,
            chunk: BytesMut::new(),
        }
    }

    fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<io::Result<Frame<Bytes>>>> {
        if self.remaining == 0 {
            return Poll::Ready(None);
        }
        let want = usize::try_from(self.remaining).map_or(FRAME, |r| r.min(FRAME));
        if self.chunk.len() != want {
            self.chunk.clear();
            self.chunk.resize(want, 0);
        }
        let mut buf = ReadBuf::new(&mut self.chunk[..]);
        ready!(Pin::new(&mut self.file).poll_read(cx, &mut buf))?;
        let read = buf.filled().len();
        if read == 0 {
            // The declared length can no longer be met: end the connection, not the framing.
            return Poll::Ready(Some(Err(io::ErrorKind::UnexpectedEof.into())));
        }
        self.remaining -= read as u64;
        let data = self.chunk.split_to(read).freeze();
        self.chunk.clear();
        Poll::Ready(Some(Ok(Frame::data(data))))
    }
}

impl Body for ServeBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            ServeBody::Empty => Poll::Ready(None),
            ServeBody::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            ServeBody::File(file) => file.poll_next(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            ServeBody::Empty => true,
            ServeBody::Full(bytes) => bytes.is_none(),
            ServeBody::File(file) => file.remaining == 0,
        }
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(match self {
            ServeBody::Empty => 0,
            ServeBody::Full(bytes) => bytes.as_ref().map_or(0, |b| b.len() as u64),
            ServeBody::File(file) => file.remaining,
        })
    }
}
