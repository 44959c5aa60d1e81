-- 受け取るものを疑う: every tombstone says whose record it was, a clear-away
-- of a copy makes no tombstone that travels, and a project knows whether it
-- is this PC's own or came along with another team's file (docs/EXCHANGE.md).

-- here: made on this PC, or moved here whole by its own project bundle;
-- partner: came along with another team's joint meeting or shared resource;
-- request: came with an evaluation request (評価依頼) to evaluate one meeting.
ALTER TABLE projects ADD COLUMN origin TEXT NOT NULL DEFAULT 'here'
    CHECK (origin IN ('here', 'partner', 'request'));
-- A project whose every meeting arrived read-only came with a request.
UPDATE projects SET origin = 'request'
 WHERE EXISTS (SELECT 1 FROM meeting_projects mp JOIN meetings m ON m.id = mp.meeting_id
               WHERE mp.project_id = projects.id)
   AND NOT EXISTS (SELECT 1 FROM meeting_projects mp JOIN meetings m ON m.id = mp.meeting_id
                   WHERE mp.project_id = projects.id AND m.read_only = 0);

-- The projects (or program) a deleted record belonged to: a project's bundle
-- carries the tombstones of its own records only.
CREATE TABLE tombstone_owners (
    uuid  TEXT NOT NULL,
    owner TEXT NOT NULL,
    PRIMARY KEY (uuid, owner)
) WITHOUT ROWID;
CREATE INDEX tombstone_owners_by_owner ON tombstone_owners(owner);
INSERT INTO tombstone_owners (uuid, owner)
    SELECT uuid, project_uuid FROM tombstones WHERE project_uuid IS NOT NULL;

-- A tombstone of this PC's own housekeeping (deleting an archived project for
-- good, with everything under it) never travels.
ALTER TABLE tombstones ADD COLUMN local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1));
-- Tombstones nobody owns could not be told apart from such housekeeping
-- (they travelled in every bundle): they stay here only.
UPDATE tombstones SET local = 1 WHERE project_uuid IS NULL;

-- While a row stands here, deletions are this PC's housekeeping: the
-- triggers mark their tombstones local.
CREATE TABLE local_deletion (since TEXT NOT NULL);

-- program_people do not travel yet; their tombstones name their program.
DROP TRIGGER IF EXISTS program_people_deleted;
CREATE TRIGGER program_people_deleted BEFORE DELETE ON program_people WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'program_person', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, uuid FROM programs WHERE id = OLD.program_id;
END;

-- The triggers of every travelling table, as store::record::triggers writes them.
DROP TRIGGER IF EXISTS programs_stamped;
DROP TRIGGER IF EXISTS programs_known;
DROP TRIGGER IF EXISTS programs_changed;
DROP TRIGGER IF EXISTS programs_versioned;
DROP TRIGGER IF EXISTS programs_deleted;
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
CREATE TRIGGER programs_changed AFTER UPDATE OF name, updated_at, fiscal_year, organizer, secretariat, note ON programs
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE programs SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER programs_versioned AFTER UPDATE OF version ON programs WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER programs_deleted BEFORE DELETE ON programs WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'program', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM programs WHERE id = OLD.id) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS projects_stamped;
DROP TRIGGER IF EXISTS projects_known;
DROP TRIGGER IF EXISTS projects_changed;
DROP TRIGGER IF EXISTS projects_versioned;
DROP TRIGGER IF EXISTS projects_deleted;
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
CREATE TRIGGER projects_changed AFTER UPDATE OF name, program_id, prefecture, profession, theme, target, start_date, end_date, goal, updated_at, phase, strength_scale ON projects
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE projects SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER projects_versioned AFTER UPDATE OF version ON projects WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER projects_deleted BEFORE DELETE ON projects WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'project', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = OLD.id) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS members_stamped;
DROP TRIGGER IF EXISTS members_known;
DROP TRIGGER IF EXISTS members_changed;
DROP TRIGGER IF EXISTS members_versioned;
DROP TRIGGER IF EXISTS members_deleted;
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
CREATE TRIGGER members_changed AFTER UPDATE OF project_id, name, role, affiliation, email, updated_at, retired_at ON members
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE members SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER members_versioned AFTER UPDATE OF version ON members WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER members_deleted BEFORE DELETE ON members WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'member', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM members WHERE id = OLD.id)) WHERE owner IS NOT NULL;
END;

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
CREATE TRIGGER resources_changed AFTER UPDATE OF title, url, file_path, category, provided_by, provided_on, note, updated_at ON resources
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

DROP TRIGGER IF EXISTS stakeholders_stamped;
DROP TRIGGER IF EXISTS stakeholders_known;
DROP TRIGGER IF EXISTS stakeholders_changed;
DROP TRIGGER IF EXISTS stakeholders_versioned;
DROP TRIGGER IF EXISTS stakeholders_deleted;
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
CREATE TRIGGER stakeholders_deleted BEFORE DELETE ON stakeholders WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'stakeholder', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM stakeholders WHERE id = OLD.id)) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS contact_log_stamped;
DROP TRIGGER IF EXISTS contact_log_known;
DROP TRIGGER IF EXISTS contact_log_changed;
DROP TRIGGER IF EXISTS contact_log_versioned;
DROP TRIGGER IF EXISTS contact_log_deleted;
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
CREATE TRIGGER contact_log_deleted BEFORE DELETE ON contact_log WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'contact', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM stakeholders WHERE id = (SELECT stakeholder_id FROM contact_log WHERE id = OLD.id))) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS checklist_items_stamped;
DROP TRIGGER IF EXISTS checklist_items_known;
DROP TRIGGER IF EXISTS checklist_items_changed;
DROP TRIGGER IF EXISTS checklist_items_versioned;
DROP TRIGGER IF EXISTS checklist_items_deleted;
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
CREATE TRIGGER checklist_items_deleted BEFORE DELETE ON checklist_items WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'checklist_item', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM checklist_items WHERE id = OLD.id)) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS checklist_history_stamped;
DROP TRIGGER IF EXISTS checklist_history_known;
DROP TRIGGER IF EXISTS checklist_history_changed;
DROP TRIGGER IF EXISTS checklist_history_versioned;
DROP TRIGGER IF EXISTS checklist_history_deleted;
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
CREATE TRIGGER checklist_history_deleted BEFORE DELETE ON checklist_history WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'checklist_change', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM checklist_items WHERE id = (SELECT item_id FROM checklist_history WHERE id = OLD.id))) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS strength_items_stamped;
DROP TRIGGER IF EXISTS strength_items_known;
DROP TRIGGER IF EXISTS strength_items_changed;
DROP TRIGGER IF EXISTS strength_items_versioned;
DROP TRIGGER IF EXISTS strength_items_deleted;
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
CREATE TRIGGER strength_items_deleted BEFORE DELETE ON strength_items WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'strength_item', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM strength_items WHERE id = OLD.id)) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS strength_sessions_stamped;
DROP TRIGGER IF EXISTS strength_sessions_known;
DROP TRIGGER IF EXISTS strength_sessions_changed;
DROP TRIGGER IF EXISTS strength_sessions_versioned;
DROP TRIGGER IF EXISTS strength_sessions_deleted;
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
CREATE TRIGGER strength_sessions_deleted BEFORE DELETE ON strength_sessions WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'strength_session', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM strength_sessions WHERE id = OLD.id)) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS meetings_stamped;
DROP TRIGGER IF EXISTS meetings_known;
DROP TRIGGER IF EXISTS meetings_changed;
DROP TRIGGER IF EXISTS meetings_versioned;
DROP TRIGGER IF EXISTS meetings_deleted;
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
CREATE TRIGGER meetings_changed AFTER UPDATE OF kind, number, title, held_on, start_time, end_time, format, agenda, minutes, decisions, guests, updated_at, program_id ON meetings
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE meetings SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER meetings_versioned AFTER UPDATE OF version ON meetings WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER meetings_deleted BEFORE DELETE ON meetings WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'meeting', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT p.uuid AS owner FROM meeting_projects l JOIN projects p ON p.id = l.project_id WHERE l.meeting_id = OLD.id UNION ALL SELECT uuid AS owner FROM programs WHERE id = (SELECT program_id FROM meetings WHERE id = OLD.id)) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS tasks_stamped;
DROP TRIGGER IF EXISTS tasks_known;
DROP TRIGGER IF EXISTS tasks_changed;
DROP TRIGGER IF EXISTS tasks_versioned;
DROP TRIGGER IF EXISTS tasks_deleted;
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
CREATE TRIGGER tasks_deleted BEFORE DELETE ON tasks WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'task', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM tasks WHERE id = OLD.id) UNION ALL SELECT uuid AS owner FROM programs WHERE id = (SELECT program_id FROM tasks WHERE id = OLD.id)) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS plan_steps_stamped;
DROP TRIGGER IF EXISTS plan_steps_known;
DROP TRIGGER IF EXISTS plan_steps_changed;
DROP TRIGGER IF EXISTS plan_steps_versioned;
DROP TRIGGER IF EXISTS plan_steps_deleted;
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
CREATE TRIGGER plan_steps_deleted BEFORE DELETE ON plan_steps WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'plan_step', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM plan_steps WHERE id = OLD.id)) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS evaluations_stamped;
DROP TRIGGER IF EXISTS evaluations_known;
DROP TRIGGER IF EXISTS evaluations_changed;
DROP TRIGGER IF EXISTS evaluations_versioned;
DROP TRIGGER IF EXISTS evaluations_deleted;
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
CREATE TRIGGER evaluations_deleted BEFORE DELETE ON evaluations WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'evaluation', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT p.uuid AS owner FROM meeting_projects l JOIN projects p ON p.id = l.project_id WHERE l.meeting_id = (SELECT meeting_id FROM evaluations WHERE id = OLD.id) UNION ALL SELECT uuid AS owner FROM programs WHERE id = (SELECT program_id FROM meetings WHERE id = (SELECT meeting_id FROM evaluations WHERE id = OLD.id))) WHERE owner IS NOT NULL;
END;

DROP TRIGGER IF EXISTS issues_stamped;
DROP TRIGGER IF EXISTS issues_known;
DROP TRIGGER IF EXISTS issues_changed;
DROP TRIGGER IF EXISTS issues_versioned;
DROP TRIGGER IF EXISTS issues_deleted;
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
CREATE TRIGGER issues_deleted BEFORE DELETE ON issues WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'issue', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM issues WHERE id = OLD.id)) WHERE owner IS NOT NULL;
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
CREATE TRIGGER surveys_changed AFTER UPDATE OF program_id, project_id, meeting_id, title, template_key, description, participants, updated_at ON surveys
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
CREATE TRIGGER survey_questions_changed AFTER UPDATE OF survey_id, position, section, kind, text, required, options, rows, updated_at ON survey_questions
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

DROP TRIGGER IF EXISTS survey_responses_stamped;
DROP TRIGGER IF EXISTS survey_responses_known;
DROP TRIGGER IF EXISTS survey_responses_changed;
DROP TRIGGER IF EXISTS survey_responses_versioned;
DROP TRIGGER IF EXISTS survey_responses_deleted;
CREATE TRIGGER survey_responses_stamped AFTER INSERT ON survey_responses
    WHEN NEW.uuid IS NULL OR NEW.version IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE survey_responses SET uuid = coalesce(NEW.uuid, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
        version = coalesce(NEW.version, lower(hex(randomblob(16)))),
        updated_at = coalesce(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER survey_responses_known AFTER INSERT ON survey_responses WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER survey_responses_changed AFTER UPDATE OF survey_id, source, answered_on, updated_at ON survey_responses
    WHEN NEW.version IS OLD.version
BEGIN
    UPDATE survey_responses SET version = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER survey_responses_versioned AFTER UPDATE OF version ON survey_responses WHEN NEW.version IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO record_versions (uuid, version) VALUES (NEW.uuid, NEW.version);
END;
CREATE TRIGGER survey_responses_deleted BEFORE DELETE ON survey_responses WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at, local)
        VALUES (OLD.uuid, 'survey_response', OLD.version, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), EXISTS (SELECT 1 FROM local_deletion));
    DELETE FROM tombstone_owners WHERE uuid = OLD.uuid;
    INSERT OR IGNORE INTO tombstone_owners (uuid, owner)
        SELECT OLD.uuid, owner FROM (SELECT uuid AS owner FROM projects WHERE id = (SELECT project_id FROM surveys WHERE id = (SELECT survey_id FROM survey_responses WHERE id = OLD.id)) UNION ALL SELECT uuid AS owner FROM programs WHERE id = (SELECT program_id FROM surveys WHERE id = (SELECT survey_id FROM survey_responses WHERE id = OLD.id))) WHERE owner IS NOT NULL;
END;
