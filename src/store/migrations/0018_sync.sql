-- 共有サーバー: this PC's link to an association's PostgreSQL server (at most
-- one). Never travels. The password is not here: it goes to the OS keyring,
-- or a 0600 file beside the database where there is none.
CREATE TABLE sync_server (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL,
    login TEXT NOT NULL,
    role TEXT NOT NULL,
    -- The CA certificate (PEM) the server's certificate must chain to.
    ca TEXT,
    -- The server's identity (bansou.meta server_id): another server starts again from nothing.
    server_id TEXT,
    -- The highest change number (bansou.records.seq) taken in.
    cursor INTEGER NOT NULL DEFAULT 0,
    -- The projects the server let this login see at the last sync (JSON list):
    -- a new one means pulling from the start again.
    projects TEXT NOT NULL DEFAULT '[]',
    last_sync TEXT,
    last_error TEXT,
    -- Conflicts waiting for a person to settle (JSON list of bundle file paths).
    pending TEXT NOT NULL DEFAULT '[]',
    -- Projects to pull whole next time (a conflict or a refusal left them
    -- waiting; JSON list of UUIDs).
    retry TEXT NOT NULL DEFAULT '[]'
);
