-- 交換: every record carries a UUID (the same on every PC), a version (new at
-- every change) and an updated-at stamp; the versions a record has had are
-- kept, so an import can tell "they built on ours" from "both changed it"
-- (docs/EXCHANGE.md). Deletes leave tombstones. Triggers keep all of it, so
-- no write can forget: a write that sets the version itself (an import) keeps it.

CREATE TABLE record_versions (
    uuid    TEXT NOT NULL,
    version TEXT NOT NULL,
    PRIMARY KEY (uuid, version)
) WITHOUT ROWID;

CREATE TABLE tombstones (
    uuid         TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    -- The last version the record had: an import tells "deleted what we
    -- also had" from "deleted, but we changed it since".
    version      TEXT,
    -- The project the deleted record belonged to, where it was known.
    project_uuid TEXT,
    deleted_at   TEXT NOT NULL
);
CREATE INDEX tombstones_by_project ON tombstones(project_uuid);

-- A meeting that arrived with an evaluation request (評価依頼): the
-- supporter's copy is read-only; the team keeps the original.
ALTER TABLE meetings ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1));


-- programs
ALTER TABLE programs ADD COLUMN uuid TEXT;
ALTER TABLE programs ADD COLUMN version TEXT;
ALTER TABLE programs ADD COLUMN updated_at TEXT;
UPDATE programs SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE programs SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX programs_by_uuid ON programs(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM programs;
CREATE TRIGGER programs_stamped AFTER INSERT ON programs
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE programs SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER programs_known AFTER INSERT ON programs WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER programs_changed AFTER UPDATE OF name, updated_at ON programs
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE programs SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER programs_versioned AFTER UPDATE OF version ON programs WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER programs_deleted AFTER DELETE ON programs WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'program', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- projects
ALTER TABLE projects ADD COLUMN uuid TEXT;
ALTER TABLE projects ADD COLUMN version TEXT;
UPDATE projects SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX projects_by_uuid ON projects(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM projects;
CREATE TRIGGER projects_stamped AFTER INSERT ON projects
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE projects SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER projects_known AFTER INSERT ON projects WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER projects_changed AFTER UPDATE OF name, program_id, prefecture, profession, theme, target, start_date, end_date, goal, phase, updated_at ON projects
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE projects SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER projects_versioned AFTER UPDATE OF version ON projects WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER projects_deleted AFTER DELETE ON projects WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'project', OLD.version, OLD.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- members
ALTER TABLE members ADD COLUMN uuid TEXT;
ALTER TABLE members ADD COLUMN version TEXT;
UPDATE members SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX members_by_uuid ON members(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM members;
CREATE TRIGGER members_stamped AFTER INSERT ON members
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE members SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER members_known AFTER INSERT ON members WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER members_changed AFTER UPDATE OF project_id, name, role, affiliation, email, retired_at, updated_at ON members
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE members SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER members_versioned AFTER UPDATE OF version ON members WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER members_deleted AFTER DELETE ON members WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'member', OLD.version, (SELECT uuid FROM projects WHERE id = OLD.project_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- checklist_items
ALTER TABLE checklist_items ADD COLUMN uuid TEXT;
ALTER TABLE checklist_items ADD COLUMN version TEXT;
UPDATE checklist_items SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX checklist_items_by_uuid ON checklist_items(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM checklist_items;
CREATE TRIGGER checklist_items_stamped AFTER INSERT ON checklist_items
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE checklist_items SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER checklist_items_known AFTER INSERT ON checklist_items WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER checklist_items_changed AFTER UPDATE OF project_id, side, template_key, position, text, status, owner_id, due_date, note, updated_at ON checklist_items
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE checklist_items SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER checklist_items_versioned AFTER UPDATE OF version ON checklist_items WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER checklist_items_deleted AFTER DELETE ON checklist_items WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'checklist_item', OLD.version, (SELECT uuid FROM projects WHERE id = OLD.project_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- checklist_history
ALTER TABLE checklist_history ADD COLUMN uuid TEXT;
ALTER TABLE checklist_history ADD COLUMN version TEXT;
ALTER TABLE checklist_history ADD COLUMN updated_at TEXT;
UPDATE checklist_history SET updated_at = recorded_at;
UPDATE checklist_history SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX checklist_history_by_uuid ON checklist_history(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM checklist_history;
CREATE TRIGGER checklist_history_stamped AFTER INSERT ON checklist_history
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE checklist_history SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER checklist_history_known AFTER INSERT ON checklist_history WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER checklist_history_changed AFTER UPDATE OF item_id, changed_on, changed_by, from_status, to_status, updated_at ON checklist_history
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE checklist_history SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER checklist_history_versioned AFTER UPDATE OF version ON checklist_history WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER checklist_history_deleted AFTER DELETE ON checklist_history WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'checklist_change', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- stakeholders
ALTER TABLE stakeholders ADD COLUMN uuid TEXT;
ALTER TABLE stakeholders ADD COLUMN version TEXT;
UPDATE stakeholders SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX stakeholders_by_uuid ON stakeholders(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM stakeholders;
CREATE TRIGGER stakeholders_stamped AFTER INSERT ON stakeholders
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE stakeholders SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER stakeholders_known AFTER INSERT ON stakeholders WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER stakeholders_changed AFTER UPDATE OF project_id, name, kind, state, note, updated_at ON stakeholders
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE stakeholders SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER stakeholders_versioned AFTER UPDATE OF version ON stakeholders WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER stakeholders_deleted AFTER DELETE ON stakeholders WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'stakeholder', OLD.version, (SELECT uuid FROM projects WHERE id = OLD.project_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- contact_log
ALTER TABLE contact_log ADD COLUMN uuid TEXT;
ALTER TABLE contact_log ADD COLUMN version TEXT;
ALTER TABLE contact_log ADD COLUMN updated_at TEXT;
UPDATE contact_log SET updated_at = recorded_at;
UPDATE contact_log SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX contact_log_by_uuid ON contact_log(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM contact_log;
CREATE TRIGGER contact_log_stamped AFTER INSERT ON contact_log
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE contact_log SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER contact_log_known AFTER INSERT ON contact_log WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER contact_log_changed AFTER UPDATE OF stakeholder_id, contacted_on, summary, new_state, updated_at ON contact_log
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE contact_log SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER contact_log_versioned AFTER UPDATE OF version ON contact_log WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER contact_log_deleted AFTER DELETE ON contact_log WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'contact', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- resources
ALTER TABLE resources ADD COLUMN uuid TEXT;
ALTER TABLE resources ADD COLUMN version TEXT;
ALTER TABLE resources ADD COLUMN updated_at TEXT;
UPDATE resources SET updated_at = created_at;
UPDATE resources SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX resources_by_uuid ON resources(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM resources;
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
CREATE TRIGGER resources_changed AFTER UPDATE OF title, url, file_path, category, provided_by, provided_on, note, updated_at ON resources
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE resources SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER resources_versioned AFTER UPDATE OF version ON resources WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER resources_deleted AFTER DELETE ON resources WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'resource', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- strength_items
ALTER TABLE strength_items ADD COLUMN uuid TEXT;
ALTER TABLE strength_items ADD COLUMN version TEXT;
ALTER TABLE strength_items ADD COLUMN updated_at TEXT;
UPDATE strength_items SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE strength_items SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX strength_items_by_uuid ON strength_items(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM strength_items;
CREATE TRIGGER strength_items_stamped AFTER INSERT ON strength_items
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE strength_items SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER strength_items_known AFTER INSERT ON strength_items WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER strength_items_changed AFTER UPDATE OF project_id, template_key, grp, axis, barrier, text, hidden, position, updated_at ON strength_items
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE strength_items SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER strength_items_versioned AFTER UPDATE OF version ON strength_items WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER strength_items_deleted AFTER DELETE ON strength_items WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'strength_item', OLD.version, (SELECT uuid FROM projects WHERE id = OLD.project_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- strength_sessions
ALTER TABLE strength_sessions ADD COLUMN uuid TEXT;
ALTER TABLE strength_sessions ADD COLUMN version TEXT;
ALTER TABLE strength_sessions ADD COLUMN updated_at TEXT;
UPDATE strength_sessions SET updated_at = created_at;
UPDATE strength_sessions SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX strength_sessions_by_uuid ON strength_sessions(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM strength_sessions;
CREATE TRIGGER strength_sessions_stamped AFTER INSERT ON strength_sessions
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE strength_sessions SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER strength_sessions_known AFTER INSERT ON strength_sessions WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER strength_sessions_changed AFTER UPDATE OF project_id, label, rated_on, updated_at ON strength_sessions
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE strength_sessions SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER strength_sessions_versioned AFTER UPDATE OF version ON strength_sessions WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER strength_sessions_deleted AFTER DELETE ON strength_sessions WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'strength_session', OLD.version, (SELECT uuid FROM projects WHERE id = OLD.project_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- meetings
ALTER TABLE meetings ADD COLUMN uuid TEXT;
ALTER TABLE meetings ADD COLUMN version TEXT;
UPDATE meetings SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX meetings_by_uuid ON meetings(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM meetings;
CREATE TRIGGER meetings_stamped AFTER INSERT ON meetings
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE meetings SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER meetings_known AFTER INSERT ON meetings WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER meetings_changed AFTER UPDATE OF kind, number, title, held_on, start_time, end_time, format, agenda, minutes, decisions, guests, updated_at ON meetings
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE meetings SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER meetings_versioned AFTER UPDATE OF version ON meetings WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER meetings_deleted AFTER DELETE ON meetings WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'meeting', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- tasks
ALTER TABLE tasks ADD COLUMN uuid TEXT;
ALTER TABLE tasks ADD COLUMN version TEXT;
UPDATE tasks SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX tasks_by_uuid ON tasks(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM tasks;
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
CREATE TRIGGER tasks_changed AFTER UPDATE OF project_id, title, owner_id, due_date, status, phase, meeting_id, milestone, note, updated_at ON tasks
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

-- plan_steps
ALTER TABLE plan_steps ADD COLUMN uuid TEXT;
ALTER TABLE plan_steps ADD COLUMN version TEXT;
ALTER TABLE plan_steps ADD COLUMN updated_at TEXT;
UPDATE plan_steps SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE plan_steps SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX plan_steps_by_uuid ON plan_steps(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM plan_steps;
CREATE TRIGGER plan_steps_stamped AFTER INSERT ON plan_steps
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE plan_steps SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER plan_steps_known AFTER INSERT ON plan_steps WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER plan_steps_changed AFTER UPDATE OF project_id, fiscal_year, title, note, updated_at ON plan_steps
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE plan_steps SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER plan_steps_versioned AFTER UPDATE OF version ON plan_steps WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER plan_steps_deleted AFTER DELETE ON plan_steps WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'plan_step', OLD.version, (SELECT uuid FROM projects WHERE id = OLD.project_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- evaluations
ALTER TABLE evaluations ADD COLUMN uuid TEXT;
ALTER TABLE evaluations ADD COLUMN version TEXT;
UPDATE evaluations SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), version = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX evaluations_by_uuid ON evaluations(uuid);
INSERT INTO record_versions (uuid, version) SELECT uuid, version FROM evaluations;
CREATE TRIGGER evaluations_stamped AFTER INSERT ON evaluations
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE evaluations SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER evaluations_known AFTER INSERT ON evaluations WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER evaluations_changed AFTER UPDATE OF meeting_id, kind, evaluator_id, written_on, updated_at ON evaluations
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE evaluations SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER evaluations_versioned AFTER UPDATE OF version ON evaluations WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER evaluations_deleted AFTER DELETE ON evaluations WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'evaluation', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
