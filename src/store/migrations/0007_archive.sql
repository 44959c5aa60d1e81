-- 何も失わない: a deleted project is archived first (restorable); a member with
-- records is marked 退任 instead of being erased, so past records keep the name.
ALTER TABLE projects ADD COLUMN archived_at TEXT;
ALTER TABLE members ADD COLUMN retired_at TEXT;
