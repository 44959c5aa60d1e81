-- Application settings and one-time choices (e.g. whether the welcome was answered).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
