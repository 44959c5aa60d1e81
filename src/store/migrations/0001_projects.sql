-- 事業プログラム (e.g. 令和6年度 地域保健総合推進事業): joint meetings later span its projects.
CREATE TABLE programs (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE projects (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    program_id  INTEGER REFERENCES programs(id) ON DELETE SET NULL,
    prefecture  TEXT NOT NULL,
    profession  TEXT NOT NULL CHECK (profession IN ('PT', 'OT', 'ST', '合同')),
    theme       TEXT NOT NULL,
    target      TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL CHECK (end_date >= start_date),
    goal        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE members (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL
                CHECK (role IN ('リーダー', 'メンバー', '伴走支援者', '伴走支援リーダー', '事務局')),
    affiliation TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX members_by_project ON members(project_id);
