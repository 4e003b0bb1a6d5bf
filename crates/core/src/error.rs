use std::path::PathBuf;

/// Errors that stop a whole command (as opposed to [`crate::Reject`]s, which
/// stop one record and let the run go on).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
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

pub type Result<T, E = Error> = std::result::Result<T, E>;
