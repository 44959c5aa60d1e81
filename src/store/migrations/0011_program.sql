-- 事業全体: the program has its own level.
-- * A program carries its 年度, who runs it (主催) and its 事務局.
-- * Its people (事務局, 伴走支援班 and its リーダー, 研修会班, 事業協力者) are recorded
--   once; a team's member row for a supporter points at the person, so a
--   supporter who follows two teams is one person with two assignments.
-- * Meetings and tasks may belong to the program rather than to a team
--   (事業協力者会議, 班会議, オリエンテーション).
-- * A team imported from its bundle remembers when (this PC's fact, not synced).

ALTER TABLE programs ADD COLUMN fiscal_year INTEGER CHECK (fiscal_year IS NULL OR fiscal_year BETWEEN 2000 AND 2099);
ALTER TABLE programs ADD COLUMN organizer TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN secretariat TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN note TEXT NOT NULL DEFAULT '';
UPDATE programs SET fiscal_year = (
    SELECT CAST(strftime('%Y', min(start_date)) AS INTEGER)
           - (CAST(strftime('%m', min(start_date)) AS INTEGER) < 4)
    FROM projects WHERE program_id = programs.id);
DROP TRIGGER programs_changed;
CREATE TRIGGER programs_changed AFTER UPDATE OF name, fiscal_year, organizer, secretariat, note, updated_at ON programs
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE programs SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;

CREATE TABLE program_people (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL CHECK (role IN ('事務局', '伴走支援班リーダー', '伴走支援者', '研修会班', '事業協力者')),
    affiliation TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    retired_at  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT,
    uuid        TEXT,
    version     TEXT
);
CREATE INDEX program_people_by_program ON program_people(program_id);
CREATE UNIQUE INDEX program_people_by_uuid ON program_people(uuid);
CREATE TRIGGER program_people_stamped AFTER INSERT ON program_people
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE program_people SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER program_people_known AFTER INSERT ON program_people WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER program_people_changed AFTER UPDATE OF program_id, name, role, affiliation, email, retired_at, updated_at ON program_people
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE program_people SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER program_people_versioned AFTER UPDATE OF version ON program_people WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER program_people_deleted AFTER DELETE ON program_people WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'program_person', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

ALTER TABLE members ADD COLUMN person_id INTEGER REFERENCES program_people(id) ON DELETE SET NULL;

-- The supporters and the secretariat of every team of a program, once each
-- (by name and role), linked from the teams' member rows; ids are kept.
INSERT INTO program_people (program_id, name, role, affiliation, email, created_at)
SELECT p.program_id, m.name,
       CASE m.role WHEN '伴走支援リーダー' THEN '伴走支援班リーダー' ELSE m.role END,
       max(m.affiliation), max(m.email), min(m.created_at)
FROM members m JOIN projects p ON p.id = m.project_id
WHERE p.program_id IS NOT NULL AND m.role IN ('伴走支援者', '伴走支援リーダー', '事務局')
GROUP BY p.program_id, m.name, m.role
ORDER BY min(m.id);
UPDATE members SET person_id = (
    SELECT pp.id FROM program_people pp JOIN projects p ON p.program_id = pp.program_id
    WHERE p.id = members.project_id AND pp.name = members.name
      AND pp.role = CASE members.role WHEN '伴走支援リーダー' THEN '伴走支援班リーダー' ELSE members.role END)
WHERE role IN ('伴走支援者', '伴走支援リーダー', '事務局');

ALTER TABLE meetings ADD COLUMN program_id INTEGER REFERENCES programs(id) ON DELETE RESTRICT;
CREATE INDEX meetings_by_program ON meetings(program_id);
CREATE TABLE meeting_people (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES program_people(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, person_id)
);

ALTER TABLE projects ADD COLUMN bundle_imported_at TEXT;

-- Tasks of the program: project_id becomes optional (one or the other).
CREATE TABLE tasks_new (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    program_id   INTEGER REFERENCES programs(id) ON DELETE CASCADE,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner_id     INTEGER REFERENCES members(id) ON DELETE SET NULL,
    owner_person_id INTEGER REFERENCES program_people(id) ON DELETE SET NULL,
    due_date     TEXT,
    status       TEXT NOT NULL DEFAULT '未着手' CHECK (status IN ('未着手', '進行中', '完了', '保留')),
    phase        INTEGER CHECK (phase BETWEEN 1 AND 5),
    meeting_id   INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    milestone    INTEGER NOT NULL DEFAULT 0 CHECK (milestone IN (0, 1)),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    uuid         TEXT,
    version      TEXT,
    CHECK ((project_id IS NULL) <> (program_id IS NULL))
);
INSERT INTO tasks_new (id, project_id, program_id, title, owner_id, owner_person_id, due_date, status, phase,
    meeting_id, milestone, note, created_at, updated_at, uuid, version)
SELECT id, project_id, NULL, title, owner_id, NULL, due_date, status, phase, meeting_id, milestone, note,
    created_at, updated_at, uuid, version FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
CREATE INDEX tasks_by_project ON tasks(project_id);
CREATE INDEX tasks_by_program ON tasks(program_id);
CREATE UNIQUE INDEX tasks_by_uuid ON tasks(uuid);
CREATE TRIGGER tasks_stamped AFTER INSERT ON tasks
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE tasks SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER tasks_known AFTER INSERT ON tasks WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER tasks_changed AFTER UPDATE OF project_id, program_id, title, owner_id, owner_person_id, due_date, status, phase, meeting_id, milestone, note, updated_at ON tasks
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE tasks SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER tasks_versioned AFTER UPDATE OF version ON tasks WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER tasks_deleted AFTER DELETE ON tasks WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'task', OLD.version, (SELECT uuid FROM projects WHERE id = OLD.project_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
