//! The page's components: each takes props and renders a slice of the
//! state; none has side effects beyond its own scrolling.

pub mod empty;
pub mod export;
pub mod findings;
pub mod header;
pub mod input;
pub mod later;
pub mod overview;
pub mod summary;
pub mod tabs;
pub mod transcript;
pub mod verdict;
