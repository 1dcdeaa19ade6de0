//! Word lists shared by the analysers.
