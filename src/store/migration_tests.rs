//! Upgrades lose nothing: a database of every earlier schema version, filled
//! with data, keeps every row through the migrations; and a migration that
//! rebuilds a table cannot cascade-delete the rows that point at it.

use super::{open_at_version, Store, MIGRATIONS};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;

/// Rows added at each schema version, written with that version's columns.
const FILL: [&str; 16] = [
    "INSERT INTO programs (id, name) VALUES (1, '令和6年度 地域保健総合推進事業');
     INSERT INTO projects (id, name, program_id, prefecture, profession, theme, target, start_date,
         end_date, goal, created_at, updated_at)
       VALUES (1, '腰痛予防事業', 1, '山口県', 'PT', '腰痛予防', '企業', '2024-06-01', '2025-03-31',
               '目標', '2024-06-01T09:00:00+09:00', '2024-06-01T09:00:00+09:00'),
              (2, 'メンタルヘルス事業', 1, '茨城県', 'OT', 'メンタルヘルス不調', '企業', '2024-06-01',
               '2025-03-31', '', '2024-06-01T09:00:00+09:00', '2024-06-01T09:00:00+09:00');
     INSERT INTO members (id, project_id, name, role, affiliation, email, created_at, updated_at)
       VALUES (1, 1, '田中 一郎', 'リーダー', '', '', 't', 't'), (2, 1, '支援 花子', '伴走支援者', '', '', 't', 't'),
              (3, 2, '鈴木 次郎', 'リーダー', '', '', 't', 't');",
    "INSERT INTO settings (key, value) VALUES ('welcome_done', '1');",
    "UPDATE projects SET phase = 3 WHERE id = 1;
     INSERT INTO checklist_items (id, project_id, side, template_key, position, text, status, owner_id,
         due_date, note, updated_at)
       VALUES (1, 1, '内向き', 'inner.1', 1, '組織内での担当部門の明確化', '完了', 1, NULL, 'メモ', 't');
     INSERT INTO checklist_history (item_id, changed_on, changed_by, from_status, to_status, recorded_at)
       VALUES (1, '2024-06-17', '田中 一郎', '未着手', '完了', 't');
     INSERT INTO stakeholders (id, project_id, name, kind, state, note, created_at, updated_at)
       VALUES (1, 1, '産業保健総合支援センター', '産業保健総合支援センター', '打診', '', 't', 't');
     INSERT INTO stakeholder_contacts (stakeholder_id, position, name, title, contact)
       VALUES (1, 0, '相談員', '', '');
     INSERT INTO contact_log (stakeholder_id, contacted_on, summary, new_state, recorded_at)
       VALUES (1, '2024-10-02', '打診', '打診', 't');
     INSERT INTO resources (id, title, url, category, created_at)
       VALUES (1, 'エイジフレンドリー補助金', 'https://www.mhlw.go.jp/', '補助金', 't');
     INSERT INTO resource_projects (resource_id, project_id) VALUES (1, 1), (1, 2);
     INSERT INTO checklist_stakeholders (item_id, stakeholder_id) VALUES (1, 1);
     INSERT INTO checklist_resources (item_id, resource_id) VALUES (1, 1);",
    "INSERT INTO strength_items (id, project_id, template_key, grp, axis, barrier, text, position)
       VALUES (1, 1, NULL, '士会内', '財力', 'カネ', '事業予算の計上', 1);
     INSERT INTO strength_sessions (id, project_id, label, rated_on, created_at)
       VALUES (1, 1, '事業開始時', '2024-06-17', 't');
     INSERT INTO strength_ratings (session_id, item_id, score, note) VALUES (1, 1, 2, '');",
    "INSERT INTO meetings (id, kind, number, title, held_on, format, agenda, minutes, decisions, guests,
         created_at, updated_at)
       VALUES (1, 'チーム会議', 1, '第1回チーム会議', '2024-06-17', 'オンライン', '', '議事録',
               '7/8 事業協力会社へ説明', '', 't', 't'),
              (2, '進捗会議', 1, '第1回進捗会議', '2024-09-05', 'オンライン', '', '', '', '', 't', 't');
     INSERT INTO meeting_projects (meeting_id, project_id) VALUES (1, 1), (2, 1), (2, 2);
     INSERT INTO meeting_participants (meeting_id, member_id) VALUES (1, 1), (1, 2), (2, 3);
     INSERT INTO meeting_resources (meeting_id, resource_id) VALUES (1, 1);
     INSERT INTO tasks (id, project_id, title, owner_id, due_date, status, phase, meeting_id, milestone,
         note, created_at, updated_at)
       VALUES (1, 1, '事業協力会社へ説明', 1, '2024-07-08', '完了', 1, 1, 0, '', 't', 't');
     INSERT INTO plan_steps (project_id, fiscal_year, title, note) VALUES (1, 2025, '県内他業種への展開', '');",
    "INSERT INTO evaluations (id, meeting_id, kind, evaluator_id, written_on, created_at, updated_at)
       VALUES (1, 1, '他者評価', 1, '2024-06-21', 't', 't'), (2, 2, '自己評価', 2, '2024-09-09', 't', 't');
     INSERT INTO evaluation_items (evaluation_id, item, score, comment)
       VALUES (1, 'A', 4, '丁寧な傾聴'), (1, 'B', 4, ''), (1, 'C', 3, ''), (1, 'D', 4, ''),
              (2, 'A', 3, ''), (2, 'B', 3, ''), (2, 'C', 2, ''), (2, 'D', 2, '振り返りが不十分');",
    "UPDATE members SET retired_at = '2024-12-01T10:00:00+09:00' WHERE id = 2;
     INSERT INTO projects (id, name, program_id, prefecture, profession, theme, target, start_date,
         end_date, goal, created_at, updated_at, archived_at)
       VALUES (3, '終わった事業', NULL, '広島県', 'ST', 'その他', '住民', '2023-04-01', '2024-03-31',
               '', 't', 't', '2024-04-10T09:00:00+09:00');",
    "INSERT INTO tasks (id, project_id, title, owner_id, due_date, status, phase, meeting_id, milestone,
         note, created_at, updated_at)
       VALUES (2, 2, '理事会への報告', 3, '2024-11-30', '完了', 4, 2, 0, '', 't', 't');
     INSERT INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
       VALUES ('6f1c1d1e-0000-4000-8000-000000000001', 'task', 'abc', NULL, 't');
     UPDATE meetings SET read_only = 1 WHERE id = 2;",
    "INSERT INTO issues (project_id, meeting_id, kind, title, status, raised_on, position, created_at, updated_at)
       VALUES (2, 2, '課題', '人材確保（マンパワー）', '未対応', '2024-09-05', 1, 't', 't');
     INSERT INTO checklist_meetings (item_id, meeting_id) VALUES (1, 1);
     UPDATE projects SET strength_scale = '[\"なし\",\"少し\",\"ある\",\"十分\"]' WHERE id = 1;",
    "UPDATE evaluation_items SET words = '傾聴\u{1f}サ変名詞', words_version = 1
       WHERE evaluation_id = 1 AND item = 'A';",
    "UPDATE programs SET fiscal_year = 2024, organizer = '日本理学療法士協会' WHERE id = 1;
     INSERT INTO program_people (id, program_id, name, role, created_at) VALUES (9, 1, '研修 班子', '研修会班', 't');
     INSERT INTO meetings (id, kind, number, title, held_on, format, program_id, created_at, updated_at)
       VALUES (3, '研修会', NULL, '研修会（オンライン）', '2024-10-05', 'オンライン', 1, 't', 't');
     INSERT INTO meeting_people (meeting_id, person_id) VALUES (3, 9);
     INSERT INTO tasks (id, program_id, title, owner_person_id, status, meeting_id, created_at, updated_at)
       VALUES (3, 1, '研修会の案内', 9, '完了', 3, 't', 't');",
    "INSERT INTO surveys (id, program_id, meeting_id, title, participants, created_at)
       VALUES (1, 1, 3, '研修会アンケート', 54, 't');
     INSERT INTO survey_questions (id, survey_id, position, section, kind, text, required, created_at, options, rows)
       VALUES (1, 1, 1, '', '5段階', '満足度', 1, 't', '[\"非常に満足\",\"満足\",\"どちらともいえない\",\"やや不満\",\"不満\"]', '[]');
     INSERT INTO survey_responses (id, survey_id, source, answered_on, created_at)
       VALUES (1, 1, '紙', '2024-10-05', 't');
     INSERT INTO survey_answers (response_id, question_id, value)
       VALUES (1, 1, '{\"type\":\"score\",\"value\":5}');",
    "INSERT INTO guide_practices (key, timing, mark, text, active, position, updated_at)
       VALUES ('own.1', '全体', '', '士会独自の関わり方', 1, 99, 't');
     INSERT INTO guide_rules (key, condition, item, value, title, reason, source, task, enabled, position, updated_at)
       VALUES ('own.rule', 'quiet_days', NULL, 45, '会議の間隔', '', '士会独自', '次の会議を決める', 1, 99, 't');
     INSERT INTO guide_dismissals (project_id, rule_key, fingerprint, reason, dismissed_on, task_id)
       VALUES (1, 'own.rule', 'x', '計画済み', '2024-10-01', 1);
     INSERT INTO guide_reflections (meeting_id, member_id, practice_key, state, note, updated_at)
       VALUES (1, 1, 'own.1', '実施', '', 't');",
    "INSERT INTO tombstones (uuid, kind, version, project_uuid, deleted_at)
       VALUES ('00000000-0000-4000-8000-000000000001', 'task', 'v1', (SELECT uuid FROM projects WHERE id = 1), 't'),
              ('00000000-0000-4000-8000-000000000002', 'meeting', 'v2', NULL, 't');",
    // A survey made from the 「士会の取り組み状況アンケート」 template (gone since
    // version 16) keeps its questions and answers.
    "INSERT INTO surveys (id, project_id, title, template_key, created_at)
       VALUES (2, 1, '士会の取り組み状況アンケート', 'society', 't');
     INSERT INTO survey_questions (id, survey_id, position, section, kind, text, required, created_at, options, rows)
       VALUES (2, 2, 1, '取り組み状況', '単一選択', '高齢者を除く特定保健指導の対象者や40歳以上の成人等を対象とした健康づくりについて',
               1, 't', '[\"取り組めている\",\"取り組めていない\"]', '[]');
     INSERT INTO survey_responses (id, survey_id, source, answered_on, created_at)
       VALUES (2, 2, 'CSV', '2024-10-05', 't');
     INSERT INTO survey_answers (response_id, question_id, value)
       VALUES (2, 2, '{\"type\":\"choice\",\"value\":1}');",
    // A survey that names its previous round.
    "UPDATE surveys SET previous_round = (SELECT uuid FROM surveys WHERE id = 1) WHERE id = 2;",
];

type Snapshot = BTreeMap<String, (Vec<String>, Vec<Vec<String>>)>;

/// Every table's columns and rows, as text.
fn snapshot(path: &Path) -> Snapshot {
    let conn = Connection::open(path).unwrap();
    let mut tables = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let names: Vec<String> = tables
        .query_map([], |r| r.get("name"))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = Snapshot::new();
    for t in names {
        let mut st = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let cols: Vec<String> = st.column_names().iter().map(|c| c.to_string()).collect();
        let n = cols.len();
        let rows = st
            .query_map([], |r| {
                (0..n)
                    .map(|i| Ok(format!("{:?}", r.get_ref(i)?)))
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        out.insert(t, (cols, rows));
    }
    out
}

/// Rows of `before` that `after` lacks (compared on the columns `before` had).
fn missing(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let mut gone = Vec::new();
    for (table, (cols, rows)) in before {
        let Some((new_cols, new_rows)) = after.get(table) else {
            gone.push(format!("table {table}"));
            continue;
        };
        let idx: Vec<usize> = cols
            .iter()
            .map(|c| {
                new_cols
                    .iter()
                    .position(|n| n == c)
                    .expect("a column vanished")
            })
            .collect();
        let kept: Vec<Vec<String>> = new_rows
            .iter()
            .map(|r| idx.iter().map(|&i| r[i].clone()).collect())
            .collect();
        for row in rows {
            if !kept.contains(row) {
                gone.push(format!("{table}: {row:?}"));
            }
        }
    }
    gone
}

#[test]
fn a_database_of_every_earlier_version_keeps_every_row_through_the_migrations() {
    assert_eq!(
        FILL.len() + 1,
        MIGRATIONS.len(),
        "add the fill of the new version here"
    );
    for version in 1..=FILL.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let s = open_at_version(&path, version).unwrap();
            for sql in &FILL[..version] {
                s.conn().execute_batch(sql).unwrap();
            }
        }
        let before = snapshot(&path);
        let s = Store::open(&path).unwrap();
        let gone = missing(&before, &snapshot(&path));
        assert!(gone.is_empty(), "from version {version}, lost: {gone:#?}");
        let check: String = s
            .conn()
            .query_row("PRAGMA foreign_key_check", [], |r| r.get("table"))
            .unwrap_or_else(|_| "ok".into());
        assert_eq!(check, "ok", "from version {version}");
        // And the app reads them back.
        let projects = s.projects().unwrap();
        assert_eq!(projects.len(), 2, "from version {version}");
        if version >= 7 {
            assert_eq!(s.archived_projects().unwrap().len(), 1);
            assert!(s.members(1).unwrap().iter().any(|m| m.retired));
        }
        if version >= 15 {
            let society = s.survey(2).unwrap();
            assert_eq!((society.questions.len(), society.responses), (1, 1));
            assert_eq!(society.template_key.as_deref(), Some("society"));
            // The sheet kept its answer: the question's second option.
            let sheets = s.responses(2).unwrap();
            let answer = sheets[0].answer(society.questions[0].id);
            assert!(
                matches!(answer, Some(crate::model::survey::Answer::Choice(1))),
                "{answer:?}"
            );
        }
        if version >= 3 {
            let r = s.resource_library().unwrap();
            assert!(
                r.iter().all(|r| r.prefecture == "全国"),
                "from version {version}"
            );
        }
        if version >= 6 {
            let evals = s.evaluations(Some(1), &Default::default()).unwrap();
            assert_eq!(evals.len(), 2);
            assert_eq!(evals[1].comments[3], "振り返りが不十分");
        }
    }
}

/// A later migration may rebuild a table (SQLite's way to change a CHECK list,
/// e.g. to add a meeting kind): copy, drop the old table, rename the new one.
/// Triggers of other tables name `meetings` (an evaluation's tombstone finds
/// its owners through it), so the rename runs with `legacy_alter_table`: it
/// must not check or rewrite them while the old table is gone.
const REBUILD_MEETINGS: &str = "
    PRAGMA legacy_alter_table = ON;
    CREATE TABLE meetings_new (
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, number INTEGER, title TEXT NOT NULL,
        held_on TEXT NOT NULL, start_time TEXT, end_time TEXT, format TEXT NOT NULL,
        agenda TEXT NOT NULL DEFAULT '', minutes TEXT NOT NULL DEFAULT '',
        decisions TEXT NOT NULL DEFAULT '', guests TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    INSERT INTO meetings_new SELECT id, kind, number, title, held_on, start_time, end_time, format,
        agenda, minutes, decisions, guests, created_at, updated_at FROM meetings;
    DROP TABLE meetings;
    ALTER TABLE meetings_new RENAME TO meetings;
    PRAGMA legacy_alter_table = OFF;";

fn demo_counts(path: &Path) -> (i64, i64, i64) {
    let conn = Connection::open(path).unwrap();
    let n = |sql: &str| conn.query_row(sql, [], |r| r.get("n")).unwrap();
    (
        n("SELECT count(*) AS n FROM evaluations"),
        n("SELECT count(*) AS n FROM meeting_participants"),
        n("SELECT count(*) AS n FROM meeting_projects"),
    )
}

#[test]
fn rebuilding_the_meetings_table_in_a_migration_keeps_evaluations_and_attendance() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite3");
    {
        let mut s = Store::open(&path).unwrap();
        crate::demo::load(&mut s).unwrap();
    }
    let before = demo_counts(&path);
    assert!(before.0 > 0 && before.1 > 0);

    // What the same rebuild does with foreign keys on: with evaluations it is
    // refused outright (they RESTRICT), and without them dropping the old table
    // cascades and empties attendance and the project links. This is what the
    // migration runner must prevent.
    let naive = dir.path().join("naive.sqlite3");
    std::fs::copy(&path, &naive).unwrap();
    {
        let conn = Connection::open(&naive).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        assert!(conn
            .execute_batch(&format!("BEGIN; {REBUILD_MEETINGS} COMMIT;"))
            .is_err());
        conn.execute_batch("ROLLBACK; DELETE FROM evaluations;")
            .unwrap();
        conn.execute_batch(&format!("BEGIN; {REBUILD_MEETINGS} COMMIT;"))
            .unwrap();
    }
    assert_eq!(demo_counts(&naive), (0, 0, 0), "the hazard is real");

    let mut with_rebuild: Vec<&'static str> = MIGRATIONS.to_vec();
    with_rebuild.push(REBUILD_MEETINGS);
    let s = Store::open_with(&path, &with_rebuild).unwrap();
    assert_eq!(demo_counts(&path), before);
    let fk: bool = s
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get("foreign_keys"))
        .unwrap();
    assert!(fk, "foreign keys are back on after migrating");
}

#[test]
#[ignore = "writes tests/fixtures/demo-v10.sqlite3; run once when the schema was version 10"]
fn write_the_demo_at_version_10() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo-v10.sqlite3");
    let _ = std::fs::remove_file(&out);
    let mut s = open_at_version(&out, 10).unwrap();
    crate::demo::load(&mut s).unwrap();
    s.conn()
        .execute_batch("PRAGMA journal_mode = DELETE; VACUUM;")
        .unwrap();
}
