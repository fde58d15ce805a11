pub mod actions;
pub mod event_list;
pub mod example_badge;
pub mod filters;
pub mod place_card;
pub mod place_list;
pub mod places_map;
pub mod resource_list;
