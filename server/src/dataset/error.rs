use std::fmt;
use std::path::{Path, PathBuf};

/// Which feature of a FeatureCollection a problem is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureRef {
    pub index: usize,
    pub id: Option<String>,
}

/// One problem in the dataset, located as precisely as the file allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatasetError {
    pub file: PathBuf,
    pub feature: Option<FeatureRef>,
    pub field: Option<String>,
    pub reason: String,
}

impl DatasetError {
    pub fn file(file: &Path, reason: impl Into<String>) -> Self {
        DatasetError {
            file: file.to_owned(),
            feature: None,
            field: None,
            reason: reason.into(),
        }
    }

    /// A problem of one field of a file that is not a list of features.
    pub fn field(file: &Path, field: &str, reason: impl Into<String>) -> Self {
        DatasetError {
            field: Some(field.to_owned()),
            ..DatasetError::file(file, reason)
        }
    }

    pub fn feature(
        file: &Path,
        index: usize,
        id: Option<&str>,
        field: Option<&str>,
        reason: impl Into<String>,
    ) -> Self {
        DatasetError {
            file: file.to_owned(),
            feature: Some(FeatureRef {
                index,
                id: id.map(str::to_owned),
            }),
            field: field.map(str::to_owned),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(feature) = &self.feature {
            write!(f, " : features[{}]", feature.index)?;
            if let Some(id) = &feature.id {
                write!(f, " (id « {id} »)")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ", champ « {field} »")?;
        }
        write!(f, " : {}", self.reason)
    }
}

/// All the problems found in one load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatasetErrors(pub Vec<DatasetError>);

impl fmt::Display for DatasetErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DatasetErrors {}

impl From<DatasetError> for DatasetErrors {
    fn from(e: DatasetError) -> Self {
        DatasetErrors(vec![e])
    }
}
