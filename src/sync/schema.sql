-- 伴走ノート 共有サーバー: schema 1. Run once by `bansou server init` in one
-- transaction. {S}, {U} and {T} are this database's group roles (事務局,
-- 伴走支援者, チーム); every login is a member of one of them.
--
-- Every record of every kind is one row: its UUID, kind, the projects that own
-- it ('*': every login may read it, the program), its version and its body as
-- a bundle carries it. A deletion is the row turned into its tombstone; rows
-- are never deleted. `seq` numbers every change; writers take one advisory
-- lock, so changes commit in the order of their numbers and a reader that has
-- seen number N has seen everything before it.

CREATE SCHEMA bansou;
REVOKE ALL ON SCHEMA bansou FROM PUBLIC;
-- PostgreSQL before 15 lets everyone create tables in public.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE TABLE bansou.meta (
    key text PRIMARY KEY,
    value text NOT NULL
);

CREATE SEQUENCE bansou.record_seq;

CREATE TABLE bansou.records (
    uuid text PRIMARY KEY,
    -- {KINDS}: the kinds this schema version knows (a new kind is a new version).
    kind text NOT NULL CHECK (kind IN ({KINDS})),
    owners text[] NOT NULL CHECK (cardinality(owners) > 0 AND array_position(owners, NULL) IS NULL),
    version text NOT NULL,
    body text NOT NULL,
    -- The UUIDs the record refers to: a login may read what the records it
    -- may read refer to (a joint meeting's partner team and its people), as a
    -- project's bundle carries them.
    refs text[] NOT NULL DEFAULT '{}' CHECK (array_position(refs, NULL) IS NULL),
    deleted boolean NOT NULL DEFAULT false,
    -- Who wrote it first and last (logins): a removed login's records stay with its name.
    author text NOT NULL DEFAULT session_user,
    updated_by text NOT NULL DEFAULT session_user,
    changed_at timestamptz NOT NULL DEFAULT now(),
    seq bigint NOT NULL DEFAULT 0,
    -- The body is the record the row says it is (a body naming another
    -- record would let a login change that one on every PC).
    CHECK (body::jsonb ->> 'uuid' = uuid),
    CHECK (deleted = (version LIKE 'deleted:%')),
    CHECK (deleted OR body::jsonb ->> 'version' = version),
    CHECK (NOT deleted OR 'deleted:' || coalesce(body::jsonb ->> 'version', '') = version)
);
CREATE INDEX records_by_seq ON bansou.records (seq);
CREATE INDEX records_by_owner ON bansou.records USING gin (owners);
CREATE INDEX records_by_ref ON bansou.records USING gin (refs);

CREATE TABLE bansou.logins (
    login text PRIMARY KEY,
    role text NOT NULL CHECK (role IN ('事務局', '伴走支援者', 'チーム')),
    -- The member (UUID) this login is: the evaluations that person wrote are
    -- theirs to change, whoever first sent them to the server.
    member text,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_sync timestamptz,
    removed_at timestamptz
);

CREATE TABLE bansou.access (
    login text NOT NULL REFERENCES bansou.logins ON DELETE CASCADE,
    project text NOT NULL,
    PRIMARY KEY (login, project)
);

-- The change number, the author and the time are the server's to set, never the sender's.
CREATE FUNCTION bansou.stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = bansou, pg_temp AS $$
BEGIN
    -- Every writer, this app or not, numbers its changes under one lock held
    -- to its commit: numbers then follow commit order and no reader skips one.
    PERFORM pg_advisory_xact_lock({LOCK});
    NEW.seq := nextval('bansou.record_seq');
    NEW.updated_by := session_user;
    NEW.changed_at := now();
    IF TG_OP = 'INSERT' THEN
        NEW.author := session_user;
    ELSE
        NEW.author := OLD.author;
        NEW.uuid := OLD.uuid;
        NEW.kind := OLD.kind;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER records_stamp BEFORE INSERT OR UPDATE ON bansou.records
    FOR EACH ROW EXECUTE FUNCTION bansou.stamp();

CREATE FUNCTION bansou.is_secretariat() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bansou, pg_temp AS $$
    SELECT pg_has_role(session_user, '{S}', 'MEMBER')
       AND EXISTS (SELECT 1 FROM bansou.logins WHERE login = session_user AND removed_at IS NULL)
$$;

-- The projects this login was given (none once removed).
CREATE FUNCTION bansou.my_projects() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bansou, pg_temp AS $$
    SELECT coalesce(array_agg(a.project ORDER BY a.project), '{}')
      FROM bansou.access a JOIN bansou.logins l ON l.login = a.login
     WHERE a.login = session_user AND l.removed_at IS NULL
$$;

-- The member this login is, if the secretariat named one.
CREATE FUNCTION bansou.my_member() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bansou, pg_temp AS $$
    SELECT member FROM bansou.logins WHERE login = session_user AND removed_at IS NULL
$$;

-- The login exists and is not removed.
CREATE FUNCTION bansou.is_active() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bansou, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM bansou.logins WHERE login = session_user AND removed_at IS NULL)
$$;

-- The projects, people and resources the records of this login's teams
-- refer to (one step, as a joint meeting needs its partner team and its
-- people), where the referring record's body names them.
CREATE FUNCTION bansou.named_ids() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bansou, pg_temp AS $$
    SELECT CASE WHEN bansou.is_secretariat() THEN '{}'::text[] ELSE coalesce(
        (SELECT array_agg(DISTINCT x)
           FROM bansou.records r, unnest(r.refs) AS x
          WHERE NOT r.deleted AND r.owners && bansou.my_projects() AND strpos(r.body, x) > 0),
        '{}') END
$$;

CREATE FUNCTION bansou.touch() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = bansou, pg_temp AS $$
    UPDATE bansou.logins SET last_sync = now() WHERE login = session_user
$$;

ALTER TABLE bansou.records ENABLE ROW LEVEL SECURITY;

-- The policies call the helpers inside scalar subqueries: PostgreSQL works
-- each out once per statement, not once per row (a team's sync reads every
-- row it may see).
CREATE POLICY read ON bansou.records FOR SELECT
    USING ((SELECT bansou.is_secretariat())
        OR ('*' = ANY (owners) AND (SELECT bansou.is_active()))
        OR owners && (SELECT bansou.my_projects())
        OR (kind IN ('project', 'member', 'resource') AND uuid = ANY ((SELECT bansou.named_ids())::text[])));

-- A record of one team is that team's to write; a joint meeting, a shared
-- resource and their evaluations are each of their teams'. (Plain SQL, so the
-- planner inlines it; the login's facts come in once per statement.)
CREATE FUNCTION bansou.writable(owners text[], kind text, secretariat boolean, mine text[])
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT secretariat
        OR (NOT ('*' = ANY (owners))
            AND CASE WHEN kind IN ('meeting', 'resource', 'evaluation')
                     THEN owners && mine
                     ELSE owners <@ mine END)
$$;

-- Projects and the program are the secretariat's to add.
CREATE POLICY add ON bansou.records FOR INSERT
    WITH CHECK ((kind NOT IN ('project', 'program') OR (SELECT bansou.is_secretariat()))
        AND bansou.writable(owners, kind, (SELECT bansou.is_secretariat()), (SELECT bansou.my_projects())));

-- A supporter's evaluations are theirs: no other login changes them — the
-- login that sent one, or the login of the member it names as its evaluator.
CREATE POLICY change ON bansou.records FOR UPDATE
    USING (bansou.writable(owners, kind, (SELECT bansou.is_secretariat()), (SELECT bansou.my_projects()))
           AND (kind <> 'evaluation' OR author = session_user
                OR body::jsonb -> 'data' ->> 'evaluator' = (SELECT bansou.my_member())))
    WITH CHECK (bansou.writable(owners, kind, (SELECT bansou.is_secretariat()), (SELECT bansou.my_projects()))
           AND (kind <> 'evaluation' OR author = session_user
                OR body::jsonb -> 'data' ->> 'evaluator' = (SELECT bansou.my_member())));

GRANT USAGE ON SCHEMA bansou TO {S}, {U}, {T};
GRANT SELECT ON bansou.meta TO {S}, {U}, {T};
GRANT SELECT ON bansou.records TO {S}, {U}, {T};
GRANT INSERT (uuid, kind, owners, version, body, refs, deleted) ON bansou.records TO {S}, {U}, {T};
GRANT UPDATE (owners, version, body, refs, deleted) ON bansou.records TO {S}, {U}, {T};
REVOKE ALL ON FUNCTION bansou.stamp() FROM PUBLIC;
