-- アンケート: surveys of a 研修会 or of the societies (第3章), built from question
-- types, their answers typed from paper, imported from a Google Forms / Excel
-- CSV or entered in the window.
-- * A survey belongs to a program or to a project (one of them), and may be
--   attached to one of its meetings (the 研修会 is a program meeting).
-- * A question's choices, rows and scale labels are JSON arrays of text; an
--   answer is a JSON value of the question's shape, checked by the library.
-- * Answers travel inside their response (one record per answer sheet), so a
--   changed answer gives its response a new version.

CREATE TABLE surveys (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER REFERENCES programs(id) ON DELETE CASCADE,
    project_id   INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    meeting_id   INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    template_key TEXT,
    description  TEXT NOT NULL DEFAULT '',
    -- How many took part (回収率 = answers / participants); NULL when unknown.
    participants INTEGER CHECK (participants IS NULL OR participants > 0),
    created_at   TEXT NOT NULL,
    updated_at   TEXT,
    uuid         TEXT,
    version      TEXT,
    CHECK ((program_id IS NULL) <> (project_id IS NULL))
);
CREATE INDEX surveys_by_program ON surveys(program_id);
CREATE INDEX surveys_by_project ON surveys(project_id);
CREATE INDEX surveys_by_meeting ON surveys(meeting_id);
CREATE UNIQUE INDEX surveys_by_uuid ON surveys(uuid);
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
CREATE TRIGGER surveys_deleted AFTER DELETE ON surveys WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'survey', OLD.version, (SELECT uuid FROM projects WHERE id = OLD.project_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TABLE survey_questions (
    id         INTEGER PRIMARY KEY,
    survey_id  INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    section    TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL CHECK (kind IN ('単一選択', '複数選択', '5段階', '当てはまる／当てはまらない', 'マトリクス', '短い記述', '長い記述')),
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    required   INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    options    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(options) AND json_type(options) = 'array'),
    rows       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rows) AND json_type(rows) = 'array'),
    created_at TEXT NOT NULL,
    updated_at TEXT,
    uuid       TEXT,
    version    TEXT
);
CREATE INDEX survey_questions_by_survey ON survey_questions(survey_id, position);
CREATE UNIQUE INDEX survey_questions_by_uuid ON survey_questions(uuid);
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
CREATE TRIGGER survey_questions_deleted AFTER DELETE ON survey_questions WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'survey_question', OLD.version, (SELECT p.uuid FROM surveys s JOIN projects p ON p.id = s.project_id WHERE s.id = OLD.survey_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TABLE survey_responses (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    source      TEXT NOT NULL CHECK (source IN ('紙', 'CSV', '画面')),
    answered_on TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT,
    uuid        TEXT,
    version     TEXT
);
CREATE INDEX survey_responses_by_survey ON survey_responses(survey_id);
CREATE UNIQUE INDEX survey_responses_by_uuid ON survey_responses(uuid);
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
CREATE TRIGGER survey_responses_deleted AFTER DELETE ON survey_responses WHEN OLD.uuid IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
        VALUES (OLD.uuid, 'survey_response', OLD.version, (SELECT p.uuid FROM surveys s JOIN projects p ON p.id = s.project_id WHERE s.id = OLD.survey_id), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    value       TEXT NOT NULL CHECK (json_valid(value)),
    PRIMARY KEY (response_id, question_id)
);
CREATE INDEX survey_answers_by_question ON survey_answers(question_id);
