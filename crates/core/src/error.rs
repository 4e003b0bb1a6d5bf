use std::path::PathBuf;

/// Errors that stop a whole command (as opposed to [`crate::Reject`]s, which
/// stop one record and let the run go on).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: {source}{hint}", hint = io_hint(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}{hint}", hint = io_hint(_0))]
    Io2(#[from] std::io::Error),
    #[error("bad record format: {0}")]
    Format(String),
    #[error("{0}")]
    Config(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// True when the error is a closed downstream pipe (`warta segment | head`),
    /// which ends a run quietly rather than failing it.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Io { source, .. } | Error::Io2(source) => {
                source.kind() == std::io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }
}

/// What to do about the I/O errors a long run meets in practice, so the one
/// line a user sees names the fix as well as the cause.
fn io_hint(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::StorageFull => " (the disk is full: free space, or write the output elsewhere)",
        ErrorKind::QuotaExceeded => " (the disk quota is used up: free space, or write the output elsewhere)",
        ErrorKind::FileTooLarge => " (a file size limit was reached: raise `ulimit -f`, or use a file system that allows larger files)",
        ErrorKind::PermissionDenied => " (check the path's owner and permissions)",
        ErrorKind::ReadOnlyFilesystem => " (the file system is read-only: write the output elsewhere)",
        _ => "",
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
