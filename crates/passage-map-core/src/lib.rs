//! The browser-free model of passage-map.
//!
//! Everything here is plain Rust with no web dependency, so it is tested natively in
//! seconds: projection ([`geo`]), the camera and its affine transform ([`camera`]), the
//! smooth fly-to ([`flyto`]), SVG path strings ([`path`]) and the numbers in them
//! ([`num`]), line simplification ([`simplify`]), a stable sort compiled once ([`sort`]), a
//! linear substring search ([`find`]),
//! the story format with its checker ([`story`]) and the widget's view model: one state,
//! one reducer ([`view`]). The one exception to "no web dependency": compiled to wasm32,
//! [`math`] calls the browser's `Math` functions rather than carrying libm's.

pub mod basemap;
pub mod camera;
pub mod find;
pub mod flyto;
pub mod geo;
pub mod labels;
pub mod math;
pub mod num;
pub mod path;
pub mod scene;
pub mod simplify;
pub mod sort;
pub mod spatial;
pub mod story;
pub mod view;
