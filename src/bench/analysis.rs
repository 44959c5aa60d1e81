//! `bench analysis`: the co-occurrence network, with a MeCab peer.

#[allow(unused_imports)]
use super::*;

/// `n` comments of two sentences each from the demo's vocabulary (the same
/// comments every run).
pub fn generated_comments(n: usize) -> Vec<String> {
    let sentences = demo::comment_sentences();
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    (0..n)
        .map(|_| {
            let a = sentences[next() % sentences.len()];
            let b = sentences[next() % sentences.len()];
            format!("{a}。{b}。")
        })
        .collect()
}

/// Figures of `bench analysis`.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisFigures {
    pub comments: usize,
    pub dictionary_load: Duration,
    pub tokenize: Duration,
    pub from_stored: Duration,
    pub count_and_edges: Duration,
    pub layout: Duration,
    pub nodes: usize,
    pub edges: usize,
    pub communities: u32,
}

/// Tokenizes `n` comments from scratch, stores them as evaluations in a
/// temporary database, then draws their network from the stored words; times
/// each stage. `peer`: the MeCab (fugashi + networkx) script to run on the
/// same number of comments in the same run, when python3 can run it.
pub fn analysis(
    n: usize,
    peer: Option<&std::path::Path>,
    out: &mut dyn FnMut(&str),
) -> Result<AnalysisFigures> {
    use crate::analysis::cooc::network;
    use crate::model::cooc::{NetworkOptions, TextScope};
    let comments = generated_comments(n);

    let t = Instant::now();
    crate::tokenizer::warm_up();
    let dictionary_load = t.elapsed();

    let t = Instant::now();
    let words: Vec<Vec<crate::tokenizer::Word>> = comments
        .iter()
        .map(|c| crate::tokenizer::words(c, false))
        .collect();
    let tokenize = t.elapsed();
    let total_words: usize = words.iter().map(Vec::len).sum();

    // Store them: 4 comments per evaluation, as 表1 has.
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let mut store = Store::open(&dir.path().join("analysis.sqlite3"))?;
    let project = store.create_project(&ProjectInput {
        name: "テキスト分析の計測".into(),
        program: String::new(),
        prefecture: "茨城県".into(),
        profession: "OT".into(),
        theme: "メンタルヘルス不調".into(),
        target: "企業".into(),
        start_date: "2024-04-01".into(),
        end_date: "2025-03-31".into(),
        goal: String::new(),
    })?;
    store.write(|tx| {
        let m = meeting::insert(
            tx,
            &MeetingInput {
                kind: "チーム会議".into(),
                held_on: "2024-07-31".into(),
                format: "オンライン".into(),
                project_ids: vec![project.id],
                ..Default::default()
            }
            .validate()?,
        )?;
        for (k, chunk) in comments.chunks(4).enumerate() {
            let mut texts: Vec<String> = chunk.to_vec();
            texts.resize(4, String::new());
            evaluation::insert(
                tx,
                &EvaluationInput {
                    meeting_id: m,
                    kind: if k % 2 == 0 {
                        "他者評価"
                    } else {
                        "自己評価"
                    }
                    .into(),
                    evaluator_id: None,
                    written_on: "2024-08-01".into(),
                    scores: vec![Some(4); 4],
                    comments: texts,
                }
                .validate()?,
            )?;
        }
        Ok(())
    })?;
    let opts = NetworkOptions {
        min_freq: 2,
        top: 60,
        classes: crate::tokenizer::WordClass::ALL.to_vec(),
        stop_words: crate::store::words::DEFAULT_STOP_WORDS
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };

    // From the stored words: read, count, select edges, lay out.
    let t = Instant::now();
    let docs = store.comment_documents(&TextScope {
        project_id: Some(project.id),
        ..Default::default()
    })?;
    let read = t.elapsed();
    let t = Instant::now();
    let lists: Vec<&[(String, crate::tokenizer::WordClass)]> =
        docs.iter().map(|d| d.words.as_slice()).collect();
    let net = network(&lists, &opts);
    let count_and_edges = t.elapsed();
    let t = Instant::now();
    let points = crate::chart::network::layout(&net);
    let layout = t.elapsed();
    assert_eq!(points.len(), net.nodes.len());
    let from_stored = read + count_and_edges + layout;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    out(&format!(
        "コメント {n} 件（語 {total_words}）：辞書の読み込み {:.0} ms、形態素解析（最初から）{:.0} ms",
        ms(dictionary_load),
        ms(tokenize)
    ));
    out(&format!(
        "保存した語から：読み出し {:.0} ms ＋ 数え上げ・共起の選択 {:.0} ms ＋ 配置 {:.0} ms ＝ {:.0} ms（語 {}・共起 {}・グループ {}）",
        ms(read),
        ms(count_and_edges),
        ms(layout),
        ms(from_stored),
        net.nodes.len(),
        net.edges.len(),
        net.communities
    ));
    out(&format!(
        "合計（最初から）：{:.0} ms（辞書の読み込みを含めて {:.0} ms）",
        ms(tokenize + count_and_edges + layout),
        ms(dictionary_load + tokenize + count_and_edges + layout)
    ));
    if let Some(script) = peer.filter(|p| p.exists()) {
        match std::process::Command::new("python3")
            .arg(script)
            .arg(n.to_string())
            .output()
        {
            Ok(o) if o.status.success() => {
                for line in String::from_utf8_lossy(&o.stdout).lines() {
                    out(&format!("比較（MeCab・fugashi＋networkx）：{line}"));
                }
            }
            Ok(o) => out(&format!(
                "比較のスクリプトを実行できませんでした：{}",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or_default()
            )),
            Err(e) => out(&format!("比較のスクリプトを実行できませんでした：{e}")),
        }
    }
    Ok(AnalysisFigures {
        comments: n,
        dictionary_load,
        tokenize,
        from_stored,
        count_and_edges,
        layout,
        nodes: net.nodes.len(),
        edges: net.edges.len(),
        communities: net.communities,
    })
}
