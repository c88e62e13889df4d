//! Why the server refuses a request (403): a path it will not map, a link leading outside,
//! a file that is not regular, or one it cannot read or list.

use super::path::PathRefusal;
use crate::cause::IoCause;

/// Why the server refused a request (403), as its log says it (worded by the http view:
/// `app::http::words`). The operating system's error is kept whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    Path(PathRefusal),
    /// A symbolic link resolves to a place outside the served directory.
    LinkOutside,
    /// Only regular files are served.
    NotRegular(FileKind),
    /// The file could not be opened or read.
    CannotRead(IoCause),
    /// The directory could not be listed.
    CannotList(IoCause),
}

/// A file that is not served: what it is instead of a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    /// Some other kind the platform knows.
    Other,
    /// A directory that was a regular file when first looked at.
    DirectoryForFile,
}
