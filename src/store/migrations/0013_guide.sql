-- 伴走ガイド: a society's own practices and rules (its edits of the shipped
-- template, stored by key: a row wins over the template's entry of the same
-- key), the suggestions a team set aside or took as a task, and each
-- supporter's reflection after a meeting.
-- * A dismissal holds for one trigger state (fingerprint); when the state
--   changes, the suggestion comes back.
-- * These records stay on this PC for now (not in bundles); they carry a uuid
--   so that exchange can take them later without renumbering.

CREATE TABLE guide_practices (
    key        TEXT PRIMARY KEY,
    timing     TEXT NOT NULL CHECK (timing IN ('初動時', '進行中', '全体')),
    mark       TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    active     INTEGER NOT NULL DEFAULT 1,
    position   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    uuid       TEXT NOT NULL DEFAULT (lower(hex(randomblob(16))))
);

CREATE TABLE guide_rules (
    key        TEXT PRIMARY KEY,
    condition  TEXT NOT NULL,
    item       TEXT CHECK (item IS NULL OR item IN ('A', 'B', 'C', 'D')),
    value      REAL NOT NULL,
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    reason     TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL,
    task       TEXT NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 1,
    position   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    uuid       TEXT NOT NULL DEFAULT (lower(hex(randomblob(16))))
);

CREATE TABLE guide_dismissals (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    rule_key     TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    dismissed_on TEXT NOT NULL,
    task_id      INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
    uuid         TEXT NOT NULL DEFAULT (lower(hex(randomblob(16)))),
    UNIQUE (project_id, rule_key, fingerprint)
);

CREATE TABLE guide_reflections (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    practice_key TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('実施', '一部', '今回はなし')),
    note         TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    uuid         TEXT NOT NULL DEFAULT (lower(hex(randomblob(16)))),
    UNIQUE (meeting_id, member_id, practice_key)
);
CREATE INDEX guide_reflections_by_member ON guide_reflections(member_id);
