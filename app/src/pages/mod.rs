pub mod coverage;
pub mod event;
pub mod home;
pub mod not_found;
pub mod place;
pub mod record;
pub mod resource;
