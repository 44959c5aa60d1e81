//! The words of evaluation comments: computed when a comment is saved, by a
//! background pass for comments without them, and read by the analysis.

use super::Store;
use crate::error::Result;
use crate::model::cooc::{CommentDocument, TextScope};
use crate::tokenizer::{join, tokens, Token, WordClass, TOKENIZER_VERSION};
use rusqlite::{params, Connection, Transaction};

const STOP_WORDS: &str = "text.stop_words";
const CLASSES: &str = "text.classes";

/// Words that say little about support in any comment, excluded by default (editable).
pub const DEFAULT_STOP_WORDS: &[&str] = &[
    "する",
    "ある",
    "いる",
    "なる",
    "できる",
    "いう",
    "思う",
    "れる",
    "られる",
    "こと",
    "もの",
    "よう",
    "ため",
    "それぞれ",
    "今回",
];

/// Token, class and flags, and one token from the next: control characters no
/// comment word contains (the tokenizer drops them).
const UNIT: char = '\u{1f}';
const RECORD: char = '\u{1e}';

/// A token's flags: `l` continues the compound before it, `a` is an affix.
fn encode(list: &[Token]) -> String {
    let mut out = String::new();
    for (i, t) in list.iter().enumerate() {
        if i > 0 {
            out.push(RECORD);
        }
        out.push_str(&t.text);
        out.push(UNIT);
        out.push_str(t.class.label());
        out.push(UNIT);
        if t.link {
            out.push('l');
        }
        if t.affix {
            out.push('a');
        }
    }
    out
}

fn decode(text: &str) -> Vec<Token> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(RECORD)
        .filter_map(|record| {
            let mut fields = record.split(UNIT);
            let (word, class) = (fields.next()?, fields.next()?);
            let flags = fields.next().unwrap_or("");
            Some(Token {
                text: word.to_owned(),
                class: WordClass::parse(class)?,
                link: flags.contains('l'),
                affix: flags.contains('a'),
            })
        })
        .collect()
}

/// Computes and stores the words of the given comments (evaluation, item).
fn store_words(tx: &Transaction, rows: &[(i64, String, String)]) -> Result<()> {
    let mut done = tx.prepare_cached(
        "UPDATE evaluation_items SET words = ?3, words_version = ?4 WHERE evaluation_id = ?1 AND item = ?2",
    )?;
    for (evaluation, item, comment) in rows {
        let list: Vec<Token> = tokens(comment)
            .into_iter()
            .map(|mut w| {
                w.text.retain(|c| c != UNIT && c != RECORD);
                w
            })
            .filter(|w| !w.text.is_empty())
            .collect();
        done.execute(params![evaluation, item, encode(&list), TOKENIZER_VERSION])?;
    }
    Ok(())
}

/// After a form or an import wrote an evaluation's comments: their words, now.
pub(crate) fn tokenize_evaluation(tx: &Transaction, evaluation_id: i64) -> Result<()> {
    let rows = pending_rows(
        tx,
        "evaluation_id = ?1 AND (words_version IS NULL OR words_version <> ?2)",
        params![evaluation_id, TOKENIZER_VERSION],
        i64::MAX,
    )?;
    store_words(tx, &rows)
}

fn pending_rows(
    conn: &Connection,
    where_sql: &str,
    args: impl rusqlite::Params,
    limit: i64,
) -> Result<Vec<(i64, String, String)>> {
    let mut st = conn.prepare(&format!(
        "SELECT evaluation_id, item, comment FROM evaluation_items WHERE {where_sql}
         ORDER BY evaluation_id, item LIMIT {limit}"
    ))?;
    let rows = st.query_map(args, |r| {
        Ok((r.get("evaluation_id")?, r.get("item")?, r.get("comment")?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Comments whose words are missing or from an older tokenizer.
    pub fn comments_without_words(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) AS n FROM evaluation_items WHERE words_version IS NULL OR words_version <> ?1",
            [TOKENIZER_VERSION],
            |r| r.get("n"),
        )?)
    }

    /// Computes the words of up to `batch` comments that lack them, in one
    /// transaction; returns how many it did (0 when none are left). The shell
    /// runs this in the background; an analysis calls it first.
    pub fn tokenize_pending(&mut self, batch: i64) -> Result<usize> {
        let rows = pending_rows(
            self.conn(),
            "words_version IS NULL OR words_version <> ?1",
            [TOKENIZER_VERSION],
            batch,
        )?;
        if rows.is_empty() {
            return Ok(0);
        }
        self.write(|tx| store_words(tx, &rows))?;
        Ok(rows.len())
    }

    /// Computes every missing word now (before a report or an analysis).
    pub fn ensure_words(&mut self) -> Result<()> {
        while self.tokenize_pending(2000)? > 0 {}
        Ok(())
    }

    /// Every comment in scope, with its words, oldest meeting first.
    pub fn comment_documents(&self, scope: &TextScope) -> Result<Vec<CommentDocument>> {
        let mut st = self.conn().prepare(
            "SELECT e.id AS evaluation_id, i.item, i.comment, e.kind, m.id AS meeting_id, m.title, m.held_on,
                    COALESCE(mb.name, '匿名') AS evaluator, COALESCE(i.words, '') AS words
             FROM evaluation_items i JOIN evaluations e ON e.id = i.evaluation_id
             JOIN meetings m ON m.id = e.meeting_id
             LEFT JOIN members mb ON mb.id = e.evaluator_id
             WHERE trim(i.comment) <> ''
               AND (CASE WHEN ?1 IS NULL
                      THEN m.id IN (SELECT mp.meeting_id FROM meeting_projects mp
                                    JOIN projects p ON p.id = mp.project_id WHERE p.archived_at IS NULL)
                      ELSE m.id IN (SELECT meeting_id FROM meeting_projects WHERE project_id = ?1)
                           AND ((SELECT count(*) FROM meeting_projects x WHERE x.meeting_id = m.id) = 1
                                OR e.kind = '自己評価' OR mb.project_id = ?1) END)
               AND (?2 IS NULL OR m.id = ?2)
               AND (?3 IS NULL OR m.held_on >= ?3) AND (?4 IS NULL OR m.held_on <= ?4)
               AND (?5 IS NULL OR e.kind = ?5)
             ORDER BY m.held_on, m.id, e.kind, e.id, i.item",
        )?;
        let kind = scope.kind.map(|k| k.label());
        let rows = st.query_map(
            params![
                scope.project_id,
                scope.meeting_id,
                scope.from,
                scope.to,
                kind
            ],
            |r| {
                Ok(CommentDocument {
                    evaluation_id: r.get("evaluation_id")?,
                    item: r.get("item")?,
                    comment: r.get("comment")?,
                    kind: r.get("kind")?,
                    meeting_id: r.get("meeting_id")?,
                    meeting_title: r.get("title")?,
                    held_on: r.get("held_on")?,
                    evaluator: r.get("evaluator")?,
                    words: join(
                        &decode(r.get_ref("words")?.as_str().unwrap_or_default()),
                        scope.compounds,
                    )
                    .into_iter()
                    .map(|w| (w.text, w.class))
                    .collect(),
                })
            },
        )?;
        let docs: Vec<CommentDocument> = rows
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|d: &CommentDocument| scope.items.is_empty() || scope.items.contains(&d.item))
            .collect();
        Ok(docs)
    }

    /// The stop-word list (the app's default until edited).
    pub fn stop_words(&self) -> Result<Vec<String>> {
        Ok(match self.setting(STOP_WORDS)? {
            Some(json) => serde_json::from_str(&json).unwrap_or_default(),
            None => DEFAULT_STOP_WORDS.iter().map(|s| s.to_string()).collect(),
        })
    }

    /// Saves the stop-word list (one word per entry; blanks and repeats dropped);
    /// None goes back to the default.
    pub fn set_stop_words(&mut self, words: Option<&[String]>) -> Result<Vec<String>> {
        let clean = words.map(|list| {
            let mut out: Vec<String> = Vec::new();
            for w in list.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
                if !out.iter().any(|x| x == w) {
                    out.push(w.chars().take(40).collect());
                }
            }
            out
        });
        self.write(|tx| match &clean {
            Some(list) => super::put_setting(
                tx,
                STOP_WORDS,
                &serde_json::to_string(list).expect("strings serialise"),
            ),
            None => {
                tx.execute("DELETE FROM settings WHERE key = ?1", [STOP_WORDS])?;
                Ok(())
            }
        })?;
        self.stop_words()
    }

    /// The parts of speech counted (all, as the report's setting, until chosen).
    pub fn word_classes(&self) -> Result<Vec<WordClass>> {
        Ok(match self.setting(CLASSES)? {
            Some(json) => serde_json::from_str(&json).unwrap_or_else(|_| WordClass::ALL.to_vec()),
            None => WordClass::ALL.to_vec(),
        })
    }

    pub fn set_word_classes(&mut self, classes: &[WordClass]) -> Result<()> {
        let json = serde_json::to_string(classes).expect("enums serialise");
        self.write(|tx| super::put_setting(tx, CLASSES, &json))
    }
}
