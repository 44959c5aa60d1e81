-- 報告書のとおりに:
-- * 課題・今後の検討事項 (図16): the issue register of a project, each issue
--   with the meeting it came from, what was done about it and when it was settled.
-- * Checklist items cite meetings as evidence, as they cite organisations and resources.
-- * The strength scale's four labels are the team's to word (NULL: the app's example).

CREATE TABLE issues (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    -- The meeting it was raised in; the issue stays when that meeting is deleted.
    meeting_id  INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('課題', '今後の検討事項')),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    detail      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT '未対応' CHECK (status IN ('未対応', '検討中', '対応済み')),
    -- 対応: what was done or decided about it.
    response    TEXT NOT NULL DEFAULT '',
    raised_on   TEXT NOT NULL,
    settled_on  TEXT,
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    uuid        TEXT,
    version     TEXT
);
CREATE INDEX issues_by_project ON issues(project_id, position);
CREATE INDEX issues_by_meeting ON issues(meeting_id);
CREATE UNIQUE INDEX issues_by_uuid ON issues(uuid);

CREATE TABLE checklist_meetings (
    item_id    INTEGER NOT NULL REFERENCES checklist_items(id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, meeting_id)
);
CREATE INDEX checklist_meetings_by_meeting ON checklist_meetings(meeting_id);

-- A JSON array of four labels for scores 1–4, or NULL for the app's example.
ALTER TABLE projects ADD COLUMN strength_scale TEXT;

CREATE TRIGGER issues_stamped AFTER INSERT ON issues
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE issues SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER issues_known AFTER INSERT ON issues WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER issues_changed AFTER UPDATE OF project_id, meeting_id, kind, title, detail, status, response, raised_on, settled_on, position, updated_at ON issues
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE issues SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER issues_versioned AFTER UPDATE OF version ON issues WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER issues_deleted AFTER DELETE ON issues WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'issue', OLD.version, (SELECT uuid FROM projects WHERE id = OLD.project_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
