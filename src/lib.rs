//! SMTP Lens engine.
