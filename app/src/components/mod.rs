pub mod filters;
pub mod place_card;
pub mod place_list;
pub mod places_map;
