-- 強み分析 (図8/図9): check items per project, rating sessions, ratings.

CREATE TABLE strength_items (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    template_key TEXT,
    grp          TEXT NOT NULL CHECK (grp IN ('士会内', '外部関係機関・経費')),
    axis         TEXT NOT NULL CHECK (axis IN ('創造力', '人力', '対応力', '財力')),
    barrier      TEXT CHECK (barrier IN ('ヒト', 'モノ', 'カネ', '情報')),
    text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
    -- Hidden items keep their ratings but leave the scores.
    hidden       INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    position     INTEGER NOT NULL,
    UNIQUE (project_id, template_key)
);
CREATE INDEX strength_items_by_project ON strength_items(project_id);

CREATE TABLE strength_sessions (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    label       TEXT NOT NULL CHECK (length(trim(label)) > 0),
    rated_on    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX strength_sessions_by_project ON strength_sessions(project_id);

CREATE TABLE strength_ratings (
    session_id INTEGER NOT NULL REFERENCES strength_sessions(id) ON DELETE CASCADE,
    item_id    INTEGER NOT NULL REFERENCES strength_items(id) ON DELETE CASCADE,
    score      INTEGER CHECK (score BETWEEN 1 AND 4),
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, item_id)
);
