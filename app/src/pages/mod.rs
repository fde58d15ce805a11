pub mod coverage;
pub mod home;
