-- 伴走支援評価 (表1): one form per evaluator per meeting, four items A–D.

CREATE TABLE evaluations (
    id           INTEGER PRIMARY KEY,
    -- RESTRICT: a meeting with evaluations cannot be deleted (the app says which).
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id) ON DELETE RESTRICT,
    kind         TEXT NOT NULL CHECK (kind IN ('他者評価', '自己評価')),
    -- NULL for an anonymous evaluator.
    evaluator_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    written_on   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX evaluations_by_meeting ON evaluations(meeting_id);

CREATE TABLE evaluation_items (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
    item          TEXT NOT NULL CHECK (item IN ('A', 'B', 'C', 'D')),
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
    comment       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (evaluation_id, item)
);
