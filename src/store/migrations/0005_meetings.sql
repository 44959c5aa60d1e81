-- 会議 (表3), タスク・マイルストーン, 中長期計画.

CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('事前レク', '班会議', '臨時会議', 'オリエンテーション',
                    'チーム会議', '進捗会議', '関係機関打ち合わせ', '研修会', '事業協力者会議', 'その他')),
    -- 第N回 within the kind, the (first) project and the 年度; NULL when not numbered.
    number      INTEGER,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    held_on     TEXT NOT NULL,
    start_time  TEXT,
    end_time    TEXT,
    format      TEXT NOT NULL CHECK (format IN ('オンライン', '対面', 'ハイブリッド')),
    agenda      TEXT NOT NULL DEFAULT '',
    minutes     TEXT NOT NULL DEFAULT '',
    -- One decision per line; each can become a task.
    decisions   TEXT NOT NULL DEFAULT '',
    -- Guests by name, one per line (people who are not team members).
    guests      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- A meeting belongs to one project, or to several for a joint meeting (合同会議).
CREATE TABLE meeting_projects (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, project_id)
);
CREATE INDEX meeting_projects_by_project ON meeting_projects(project_id);

CREATE TABLE meeting_participants (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE meeting_resources (
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, resource_id)
);

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner_id     INTEGER REFERENCES members(id) ON DELETE SET NULL,
    due_date     TEXT,
    status       TEXT NOT NULL DEFAULT '未着手' CHECK (status IN ('未着手', '進行中', '完了', '保留')),
    phase        INTEGER CHECK (phase BETWEEN 1 AND 5),
    -- The meeting whose decision this task came from.
    meeting_id   INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    milestone    INTEGER NOT NULL DEFAULT 0 CHECK (milestone IN (0, 1)),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX tasks_by_project ON tasks(project_id);

-- 中長期計画: one step per 年度 (e.g. R6 事業計画 → R7 事業実施 → 継続実施 → 協働実施).
CREATE TABLE plan_steps (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2099),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (project_id, fiscal_year)
);
