-- 報告書のとおりに（二）: the 研修会 questionnaire as the report has it (one questionnaire
-- whose questions 9–14 are asked by skip logic), a survey's previous round, and resources
-- that are a piece of information for a prefecture or the whole country (docs/SURVEYS.md,
-- docs/GUIDE.md).
--
-- The template 「士会の取り組み状況アンケート」 is gone from assets/templates/surveys.toml:
-- a survey copies its template's questions when it is made, so a survey made from it keeps
-- its questions and answers as they are (its template_key stays, naming where it came from).

-- Skip logic: a question asked only of those whose answer to an earlier 単一選択 question of
-- the same survey (its UUID, so the link survives moves, edits and travel) is one of the
-- options (their positions, a JSON array). NULL: asked of everyone.
ALTER TABLE survey_questions ADD COLUMN show_if_question TEXT;
ALTER TABLE survey_questions ADD COLUMN show_if_options TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(show_if_options) AND json_type(show_if_options) = 'array');
-- 無回答 counted and shown: the shares are of everyone asked (the report's 問11).
ALTER TABLE survey_questions ADD COLUMN count_blank INTEGER NOT NULL DEFAULT 0
    CHECK (count_blank IN (0, 1));

-- The same survey's previous round (last year's), by UUID, whose results each question is
-- compared with (「昨年の37.5％から50％に」).
ALTER TABLE surveys ADD COLUMN previous_round TEXT;

-- A resource may be a piece of information without an address or a file (「心のサポーター養成
-- …100万人」): the table is rebuilt without the CHECK that asked for one. It gets the prefecture
-- it is about, or 全国; those recorded before were offered to every team, as 全国 ones are.
-- Other tables' triggers name resources, so the rename runs with legacy_alter_table (see
-- store/mod.rs); migrations run with foreign keys off, so dropping the old table deletes no link.
PRAGMA legacy_alter_table = ON;
CREATE TABLE resources_new (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    url         TEXT NOT NULL DEFAULT '',
    file_path   TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL,
    provided_by TEXT NOT NULL DEFAULT '',
    provided_on TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    uuid        TEXT,
    version     TEXT,
    updated_at  TEXT,
    prefecture  TEXT NOT NULL DEFAULT '全国'
);
INSERT INTO resources_new (id, title, url, file_path, category, provided_by, provided_on, note,
                           created_at, uuid, version, updated_at)
    SELECT id, title, url, file_path, category, provided_by, provided_on, note,
           created_at, uuid, version, updated_at FROM resources;
DROP TABLE resources;
ALTER TABLE resources_new RENAME TO resources;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX resources_by_uuid ON resources(uuid);

-- The triggers of the tables whose travelling columns changed (record::triggers writes them).
DROP TRIGGER IF EXISTS resources_stamped;
DROP TRIGGER IF EXISTS resources_known;
DROP TRIGGER IF EXISTS resources_changed;
DROP TRIGGER IF EXISTS resources_versioned;
DROP TRIGGER IF EXISTS resources_deleted;
CREATE TRIGGER resources_stamped AFTER INSERT ON resources
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE resources SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER resources_known AFTER INSERT ON resources WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER resources_changed AFTER UPDATE OF title, url, file_path, category, provided_by, provided_on, note, updated_at, prefecture ON resources
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE resources SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER resources_versioned AFTER UPDATE OF version ON resources WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER resources_deleted BEFORE DELETE ON resources WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'resource', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT p.uuid AS owner FROM resource_projects l JOIN projects p ON p.id = l.project_id WHERE l.resource_id = OLD.id) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS surveys_stamped;
DROP TRIGGER IF EXISTS surveys_known;
DROP TRIGGER IF EXISTS surveys_changed;
DROP TRIGGER IF EXISTS surveys_versioned;
DROP TRIGGER IF EXISTS surveys_deleted;
CREATE TRIGGER surveys_stamped AFTER INSERT ON surveys
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE surveys SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER surveys_known AFTER INSERT ON surveys WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER surveys_changed AFTER UPDATE OF program_id, project_id, meeting_id, title, template_key, description, participants, updated_at, previous_round ON surveys
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE surveys SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER surveys_versioned AFTER UPDATE OF version ON surveys WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER surveys_deleted BEFORE DELETE ON surveys WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'survey', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM surveys WHERE id = OLD.id) UNION ALL SELECT uuid AS owner FROM programs WHERE id = (SELECT program_id FROM surveys WHERE id = OLD.id)) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS survey_questions_stamped;
DROP TRIGGER IF EXISTS survey_questions_known;
DROP TRIGGER IF EXISTS survey_questions_changed;
DROP TRIGGER IF EXISTS survey_questions_versioned;
DROP TRIGGER IF EXISTS survey_questions_deleted;
CREATE TRIGGER survey_questions_stamped AFTER INSERT ON survey_questions
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE survey_questions SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER survey_questions_known AFTER INSERT ON survey_questions WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER survey_questions_changed AFTER UPDATE OF survey_id, position, section, kind, text, required, options, rows, updated_at, show_if_question, show_if_options, count_blank ON survey_questions
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE survey_questions SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER survey_questions_versioned AFTER UPDATE OF version ON survey_questions WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER survey_questions_deleted BEFORE DELETE ON survey_questions WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'survey_question', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM surveys WHERE id = (SELECT survey_id FROM survey_questions WHERE id = OLD.id)) UNION ALL SELECT uuid AS owner FROM programs WHERE id = (SELECT program_id FROM surveys WHERE id = (SELECT survey_id FROM survey_questions WHERE id = OLD.id))) WHERE owner IS NOT NULL;
END;
