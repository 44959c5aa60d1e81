-- 準備チェック, 活動フェーズ (図7), 関係機関, 提供資料.

ALTER TABLE projects ADD COLUMN phase INTEGER CHECK (phase BETWEEN 1 AND 5);

CREATE TABLE checklist_items (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    side         TEXT NOT NULL CHECK (side IN ('内向き', '外向き')),
    -- The template item this came from (stable key such as 'inner.3'); NULL
    -- for an item the project added itself.
    template_key TEXT,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
    status       TEXT NOT NULL DEFAULT '未着手'
                 CHECK (status IN ('未着手', '進行中', '完了', '該当なし')),
    owner_id     INTEGER REFERENCES members(id) ON DELETE SET NULL,
    due_date     TEXT,
    note         TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    UNIQUE (project_id, template_key)
);
CREATE INDEX checklist_items_by_project ON checklist_items(project_id);

-- Every status change, with the day it happened and who recorded it.
CREATE TABLE checklist_history (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES checklist_items(id) ON DELETE CASCADE,
    changed_on  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX checklist_history_by_item ON checklist_history(item_id);

CREATE TABLE stakeholders (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT '未接触'
                CHECK (state IN ('未接触', '打診', '協議中', '連携')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX stakeholders_by_project ON stakeholders(project_id);

CREATE TABLE stakeholder_contacts (
    id             INTEGER PRIMARY KEY,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    title          TEXT NOT NULL DEFAULT '',
    contact        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE contact_log (
    id             INTEGER PRIMARY KEY,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    contacted_on   TEXT NOT NULL,
    summary        TEXT NOT NULL,
    -- The relationship state this contact led to; NULL when it stayed the same.
    new_state      TEXT CHECK (new_state IN ('未接触', '打診', '協議中', '連携')),
    recorded_at    TEXT NOT NULL
);
CREATE INDEX contact_log_by_stakeholder ON contact_log(stakeholder_id);

CREATE TABLE resources (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    url         TEXT NOT NULL DEFAULT '',
    file_path   TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL,
    provided_by TEXT NOT NULL DEFAULT '',
    provided_on TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    CHECK (url <> '' OR file_path <> '')
);

CREATE TABLE resource_projects (
    resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    PRIMARY KEY (resource_id, project_id)
);

CREATE TABLE checklist_stakeholders (
    item_id        INTEGER NOT NULL REFERENCES checklist_items(id) ON DELETE CASCADE,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, stakeholder_id)
);

CREATE TABLE checklist_resources (
    item_id     INTEGER NOT NULL REFERENCES checklist_items(id) ON DELETE CASCADE,
    resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, resource_id)
);
