//! Request paths and URL paths: a request's path mapped to a file path under the served
//! directory (refusing anything that could leave it), and a file path written back as an
//! absolute, percent-encoded URL path.

use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// Why a request path was refused before touching the file system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathRefusal {
    /// Not valid percent-encoded UTF-8 (where file names must be UTF-8).
    BadEncoding,
    /// A ".." segment, or one the file system would read as a root or a drive.
    Traversal,
    /// NUL or a backslash.
    ForbiddenCharacter,
}

/// A path segment as the file system names it: any bytes on Unix (file names need not be
/// UTF-8 there), UTF-8 elsewhere.
#[cfg(unix)]
fn segment_path(bytes: &[u8]) -> Result<&Path, PathRefusal> {
    use std::os::unix::ffi::OsStrExt;
    Ok(Path::new(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn segment_path(bytes: &[u8]) -> Result<&Path, PathRefusal> {
    std::str::from_utf8(bytes)
        .map(Path::new)
        .map_err(|_| PathRefusal::BadEncoding)
}

/// Maps a request path to a relative file path under the root, refusing anything that could
/// leave it. Symbolic links are checked separately, after the file system resolves them.
pub fn relative_path(request_path: &str) -> Result<PathBuf, PathRefusal> {
    let decoded: Vec<u8> = percent_encoding::percent_decode_str(request_path).collect();
    let mut relative = PathBuf::new();
    for segment in decoded.split(|&b| b == b'/') {
        match segment {
            b"" | b"." => continue,
            b".." => return Err(PathRefusal::Traversal),
            s if s.contains(&0) || s.contains(&b'\\') => {
                return Err(PathRefusal::ForbiddenCharacter);
            }
            s => {
                let piece = segment_path(s)?;
                // A segment such as "C:" would make the path absolute on Windows.
                if piece
                    .components()
                    .any(|c| !matches!(c, Component::Normal(_)))
                {
                    return Err(PathRefusal::Traversal);
                }
                relative.push(piece);
            }
        }
    }
    Ok(relative)
}

/// Characters left as they are in a path segment of a link or a redirect.
pub(super) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

#[cfg(unix)]
pub(super) fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(name.as_bytes())
}

#[cfg(not(unix))]
pub(super) fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(name.to_string_lossy().into_owned().into_bytes())
}

/// The absolute URL path of a relative file path, each segment percent-encoded: always one
/// leading slash, so a redirect never reads as another host ("//host/").
pub fn url_path(relative: &Path) -> String {
    let mut path = String::from("/");
    for component in relative.components() {
        if let Component::Normal(name) = component {
            path.extend(percent_encoding::percent_encode(&name_bytes(name), SEGMENT));
            path.push('/');
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused_before_the_file_system() {
        assert_eq!(relative_path("/a/b.txt").unwrap(), PathBuf::from("a/b.txt"));
        assert_eq!(relative_path("/./a//b/").unwrap(), PathBuf::from("a/b"));
        assert_eq!(relative_path("/").unwrap(), PathBuf::new());
        assert_eq!(relative_path("/../etc/passwd"), Err(PathRefusal::Traversal));
        assert_eq!(
            relative_path("/a/%2e%2e/%2e%2e/x"),
            Err(PathRefusal::Traversal)
        );
        assert_eq!(relative_path("/a/..%2f..%2fx"), Err(PathRefusal::Traversal));
        assert_eq!(
            relative_path("/a%5c..%5cx"),
            Err(PathRefusal::ForbiddenCharacter)
        );
        assert_eq!(
            relative_path("/a%00b"),
            Err(PathRefusal::ForbiddenCharacter)
        );
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_map_to_their_raw_bytes_and_back() {
        use std::os::unix::ffi::OsStrExt;
        let relative = relative_path("/d/caf%E9.txt").unwrap();
        assert_eq!(relative.as_os_str().as_bytes(), b"d/caf\xe9.txt");
        assert_eq!(url_path(&relative), "/d/caf%E9.txt/");
    }

    #[test]
    fn a_redirect_location_is_always_one_path_never_a_host() {
        for request in ["//sub", "///sub", "/./sub", "//evil.example/x", "/a b"] {
            let location = url_path(&relative_path(request).unwrap());
            assert!(location.starts_with('/'), "{location}");
            assert!(!location.starts_with("//"), "{request} -> {location}");
            assert!(location.ends_with('/'), "{location}");
        }
        assert_eq!(url_path(&relative_path("//sub").unwrap()), "/sub/");
        assert_eq!(url_path(&relative_path("/a b").unwrap()), "/a%20b/");
    }

    proptest::proptest! {
        #[test]
        fn no_accepted_path_has_a_parent_or_root_component(path in "[/a.%2eEfF5c0\\\\]{0,40}") {
            if let Ok(relative) = relative_path(&path) {
                proptest::prop_assert!(relative.components().all(|c| matches!(c, Component::Normal(_))));
                let location = url_path(&relative);
                proptest::prop_assert!(!location.starts_with("//"));
            }
        }
    }
}
