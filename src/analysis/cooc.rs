//! The co-occurrence network of comments, modelled on KH Coder's 共起ネットワーク:
//! one comment is one document; words of at least the minimum frequency;
//! co-occurrence measured by the Jaccard coefficient over documents; the top N
//! edges kept (ties at the cut too); communities by modularity.

use crate::error::Result;
use crate::model::cooc::{CommentDocument, NetworkOptions, TextFilter};
use crate::model::evaluation::EvaluatorKind;
use crate::store::Store;
use crate::tokenizer::WordClass;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use ts_rs::TS;

/// A word as counted: how often it occurs, in how many comments.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WordStat {
    pub word: String,
    pub class: WordClass,
    /// 出現数: every occurrence.
    pub frequency: u32,
    /// Comments it occurs in.
    pub documents: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NetNode {
    pub word: String,
    pub class: WordClass,
    pub frequency: u32,
    pub documents: u32,
    /// 0 is the largest community.
    pub community: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NetEdge {
    /// Indexes into `nodes`.
    pub source: u32,
    pub target: u32,
    /// Jaccard: comments with both ÷ comments with either.
    pub jaccard: f64,
    /// Comments with both.
    pub together: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Network {
    /// The words drawn (those with an edge), most frequent first.
    pub nodes: Vec<NetNode>,
    /// Strongest first.
    pub edges: Vec<NetEdge>,
    /// Every word counted (after the parts of speech and stop words), most frequent first.
    pub words: Vec<WordStat>,
    pub documents: u32,
    pub communities: u32,
}

/// One meeting's two networks, for the small multiples: 他者 and 自己 side by side.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MeetingNetworks {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub title: String,
    pub held_on: NaiveDate,
    pub held_on_label: String,
    pub other: Network,
    pub own: Network,
}

/// What the テキスト分析 page, the CLI and the report show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TextAnalysis {
    /// All comments in scope together.
    pub network: Network,
    /// One pair per meeting date, oldest first.
    pub per_meeting: Vec<MeetingNetworks>,
    pub min_freq: u32,
    #[ts(type = "number")]
    pub top: u32,
    pub classes: Vec<WordClass>,
    pub stop_words: Vec<String>,
    /// Runs of nouns were joined into compounds (off: apart, KH Coder's default).
    pub compounds: bool,
}

impl TextAnalysis {
    /// How the words were counted, in one line for the page, the CLI and the
    /// PDF. It says 「報告書と同じ」 only of what the report states or shows:
    /// 最小出現数 2 and 品詞 「すべて」 (its text), nouns apart (its networks).
    pub fn settings_line(&self) -> String {
        let same = |yes: bool| if yes { "（報告書と同じ）" } else { "" };
        let all = self.classes.len() == WordClass::ALL.len();
        format!(
            "最小出現数 {}{}・品詞 {}{}・{}{}・上位 {} の共起",
            self.min_freq,
            same(self.min_freq == 2),
            if all {
                "すべて".to_owned()
            } else {
                self.classes
                    .iter()
                    .map(|c| c.label())
                    .collect::<Vec<_>>()
                    .join("・")
            },
            same(all),
            if self.compounds {
                "複合名詞をつなげる"
            } else {
                "名詞はつなげない"
            },
            same(!self.compounds),
            self.top
        )
    }
}

/// The title of a network of comments of `kind` (他者評価, 自己評価, or empty
/// for both), as the window, the CLI's picture and the report print it.
pub fn network_title(kind: &str) -> String {
    format!(
        "共起ネットワーク（{}）",
        if kind.is_empty() {
            "他者評価・自己評価"
        } else {
            kind
        }
    )
}

/// Reads the comments in scope (computing any words still missing first) and
/// draws their network, and one per meeting and kind.
pub fn text_analysis(
    store: &mut Store,
    project_id: Option<i64>,
    filter: &TextFilter,
) -> Result<TextAnalysis> {
    let (scope, min_freq, top) = filter.validate(project_id)?;
    if let Some(p) = project_id {
        store.project(p)?;
    }
    store.ensure_words()?;
    let docs = store.comment_documents(&scope)?;
    let opts = NetworkOptions {
        min_freq,
        top,
        classes: store.word_classes()?,
        stop_words: store.stop_words()?,
    };
    let mut analysis = analyze_documents(&docs, opts);
    analysis.compounds = scope.compounds;
    Ok(analysis)
}

/// The analysis of documents already read (benchmarks and tests call this).
pub fn analyze_documents(docs: &[CommentDocument], opts: NetworkOptions) -> TextAnalysis {
    fn words<'a>(list: &[&'a CommentDocument]) -> Vec<&'a [(String, WordClass)]> {
        list.iter().map(|d| d.words.as_slice()).collect()
    }
    let all: Vec<&CommentDocument> = docs.iter().collect();
    let whole = network(&words(&all), &opts);
    let mut per_meeting = Vec::new();
    let mut meetings: Vec<(NaiveDate, i64, String)> = docs
        .iter()
        .map(|d| (d.held_on, d.meeting_id, d.meeting_title.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    meetings.sort();
    for (held_on, id, title) in meetings {
        let of = |kind: EvaluatorKind| {
            let list: Vec<&CommentDocument> = docs
                .iter()
                .filter(|d| d.meeting_id == id && d.kind == kind)
                .collect();
            network(&words(&list), &opts)
        };
        per_meeting.push(MeetingNetworks {
            meeting_id: id,
            title,
            held_on,
            held_on_label: crate::wareki::date_wareki(held_on),
            other: of(EvaluatorKind::Other),
            own: of(EvaluatorKind::SelfRating),
        });
    }
    TextAnalysis {
        network: whole,
        per_meeting,
        min_freq: opts.min_freq,
        top: opts.top as u32,
        classes: opts.classes,
        stop_words: opts.stop_words,
        compounds: false,
    }
}

/// Counts the words of `docs` (one list per comment) and selects the network.
pub fn network(docs: &[&[(String, WordClass)]], opts: &NetworkOptions) -> Network {
    let stop: BTreeSet<&str> = opts.stop_words.iter().map(String::as_str).collect();
    let counted =
        |w: &(String, WordClass)| opts.classes.contains(&w.1) && !stop.contains(w.0.as_str());

    // Words as numbers, in order of first appearance; occurrences, comments,
    // and the class each is most often seen as.
    let mut id_of: HashMap<&str, u32> = HashMap::new();
    let mut text: Vec<&str> = Vec::new();
    let mut frequency: Vec<u32> = Vec::new();
    let mut df: Vec<u32> = Vec::new();
    let mut classes: Vec<BTreeMap<WordClass, u32>> = Vec::new();
    let mut doc_sets: Vec<Vec<u32>> = Vec::with_capacity(docs.len());
    for doc in docs {
        let mut set = Vec::new();
        for w in doc.iter().filter(|w| counted(w)) {
            let id = *id_of.entry(w.0.as_str()).or_insert_with(|| {
                text.push(w.0.as_str());
                frequency.push(0);
                df.push(0);
                classes.push(BTreeMap::new());
                (text.len() - 1) as u32
            });
            frequency[id as usize] += 1;
            *classes[id as usize].entry(w.1).or_default() += 1;
            set.push(id);
        }
        set.sort_unstable();
        set.dedup();
        for &id in &set {
            df[id as usize] += 1;
        }
        doc_sets.push(set);
    }
    let class_of = |id: u32| {
        classes[id as usize]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| *c)
            .expect("counted")
    };
    let mut words: Vec<WordStat> = (0..text.len() as u32)
        .map(|id| WordStat {
            word: text[id as usize].to_owned(),
            class: class_of(id),
            frequency: frequency[id as usize],
            documents: df[id as usize],
        })
        .collect();
    words.sort_by(|a, b| b.frequency.cmp(&a.frequency).then(a.word.cmp(&b.word)));

    // Pairs of kept words in the same comment, counted by sorting.
    let keep = |id: u32| frequency[id as usize] >= opts.min_freq;
    let mut keys: Vec<u64> = Vec::new();
    for set in &doc_sets {
        let kept: Vec<u32> = set.iter().copied().filter(|&id| keep(id)).collect();
        for (i, &a) in kept.iter().enumerate() {
            for &b in &kept[i + 1..] {
                keys.push((u64::from(a) << 32) | u64::from(b));
            }
        }
    }
    keys.sort_unstable();
    let mut pairs: Vec<(u32, u32, u32, f64)> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let mut j = i;
        while j < keys.len() && keys[j] == keys[i] {
            j += 1;
        }
        let (a, b) = ((keys[i] >> 32) as u32, keys[i] as u32);
        let n = (j - i) as u32;
        let jac = f64::from(n) / f64::from(df[a as usize] + df[b as usize] - n);
        pairs.push((a, b, n, jac));
        i = j;
    }
    // Strongest first; equals in a fixed order (by their words).
    let name = |a: u32, b: u32| {
        let (x, y) = (text[a as usize], text[b as usize]);
        if x <= y {
            (x, y)
        } else {
            (y, x)
        }
    };
    pairs.sort_by(|x, y| {
        y.3.total_cmp(&x.3)
            .then(y.2.cmp(&x.2))
            .then_with(|| name(x.0, x.1).cmp(&name(y.0, y.1)))
    });
    if opts.top == 0 {
        pairs.clear();
    } else if pairs.len() > opts.top {
        // Every edge as strong as the last one kept stays: the cut never
        // decides between equals.
        let cut = pairs[opts.top - 1].3;
        pairs.retain(|p| p.3 >= cut);
    }

    // The drawn words: those with an edge, most frequent first.
    let mut drawn: Vec<u32> = pairs
        .iter()
        .flat_map(|p| [p.0, p.1])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    drawn.sort_by(|&a, &b| {
        frequency[b as usize]
            .cmp(&frequency[a as usize])
            .then(text[a as usize].cmp(text[b as usize]))
    });
    let index: HashMap<u32, u32> = drawn
        .iter()
        .enumerate()
        .map(|(i, &w)| (w, i as u32))
        .collect();
    let edges: Vec<NetEdge> = pairs
        .iter()
        .map(|&(a, b, n, j)| {
            let (s, t) = (index[&a], index[&b]);
            NetEdge {
                source: s.min(t),
                target: s.max(t),
                jaccard: j,
                together: n,
            }
        })
        .collect();
    let community = communities(drawn.len(), &edges);
    let count = community.iter().copied().max().map_or(0, |m| m + 1);
    let nodes = drawn
        .iter()
        .enumerate()
        .map(|(i, &w)| NetNode {
            word: text[w as usize].to_owned(),
            class: class_of(w),
            frequency: frequency[w as usize],
            documents: df[w as usize],
            community: community[i],
        })
        .collect();
    Network {
        nodes,
        edges,
        words,
        documents: docs.len() as u32,
        communities: count,
    }
}

/// Greedy modularity (Clauset–Newman–Moore) on the Jaccard-weighted graph:
/// communities merge while modularity grows, the largest gain first (ties by
/// the lowest numbers, so the same graph always splits the same way).
/// Returns each node's community, 0 the largest.
// A merge updates a row and a column of the matrix together: indexes read best.
#[allow(clippy::needless_range_loop)]
pub fn communities(n: usize, edges: &[NetEdge]) -> Vec<u32> {
    if n == 0 {
        return Vec::new();
    }
    let total: f64 = edges.iter().map(|e| e.jaccard).sum::<f64>() * 2.0;
    let mut member: Vec<usize> = (0..n).collect();
    if total <= 0.0 {
        return (0..n as u32).collect();
    }
    // e[i][j]: the share of edge ends between communities i and j; a[i]: of i.
    let mut e = vec![vec![0.0f64; n]; n];
    let mut a = vec![0.0f64; n];
    for edge in edges {
        let (s, t, w) = (
            edge.source as usize,
            edge.target as usize,
            edge.jaccard / total,
        );
        e[s][t] += w;
        e[t][s] += w;
        a[s] += w;
        a[t] += w;
    }
    let mut alive = vec![true; n];
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for i in 0..n {
            if !alive[i] {
                continue;
            }
            for j in i + 1..n {
                if !alive[j] || e[i][j] <= 0.0 {
                    continue;
                }
                let gain = 2.0 * (e[i][j] - a[i] * a[j]);
                if best.is_none_or(|(g, _, _)| gain > g + 1e-12) {
                    best = Some((gain, i, j));
                }
            }
        }
        let Some((gain, i, j)) = best.filter(|b| b.0 > 1e-12) else {
            break;
        };
        debug_assert!(gain > 0.0);
        // j joins i.
        for k in 0..n {
            e[i][k] += e[j][k];
            e[k][i] = e[i][k];
        }
        e[i][i] += e[j][i];
        a[i] += a[j];
        alive[j] = false;
        for m in member.iter_mut() {
            if *m == j {
                *m = i;
            }
        }
        for k in 0..n {
            e[j][k] = 0.0;
            e[k][j] = 0.0;
        }
    }
    // Number the communities by size, then by their first node.
    let mut sizes: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (node, &c) in member.iter().enumerate() {
        let s = sizes.entry(c).or_insert((0, node));
        s.0 += 1;
    }
    let mut order: Vec<(usize, (usize, usize))> = sizes.into_iter().collect();
    order.sort_by(|x, y| y.1 .0.cmp(&x.1 .0).then(x.1 .1.cmp(&y.1 .1)));
    let rank: HashMap<usize, u32> = order
        .iter()
        .enumerate()
        .map(|(r, (c, _))| (*c, r as u32))
        .collect();
    member.iter().map(|c| rank[c]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use WordClass::{Noun, Verb};

    fn opts(min_freq: u32, top: usize) -> NetworkOptions {
        NetworkOptions {
            min_freq,
            top,
            classes: WordClass::ALL.to_vec(),
            stop_words: vec!["する".into()],
        }
    }

    fn doc(words: &[&str]) -> Vec<(String, WordClass)> {
        words.iter().map(|w| (w.to_string(), Noun)).collect()
    }

    /// Four comments, computed by hand:
    ///   d1 事業 情報 視点   d2 事業 情報   d3 事業 提案 資料   d4 提案 資料 情報
    /// df: 事業3 情報3 提案2 資料2 視点1 (視点 is below the minimum 2).
    /// Jaccard: 提案–資料 2/(2+2−2)=1; 事業–情報 2/(3+3−2)=0.5;
    /// 情報–提案 = 情報–資料 = 1/(3+2−1)=0.25; 事業–提案 = 事業–資料 = 0.25.
    #[test]
    fn jaccard_and_the_top_edges_by_hand_with_ties_at_the_cut() {
        let d = [
            doc(&["事業", "情報", "視点"]),
            doc(&["事業", "情報"]),
            doc(&["事業", "提案", "資料"]),
            doc(&["提案", "資料", "情報"]),
        ];
        let docs: Vec<&[(String, WordClass)]> = d.iter().map(Vec::as_slice).collect();
        let net = network(&docs, &opts(2, 3));
        let edge = |a: &str, b: &str| {
            net.edges.iter().find(|e| {
                let (s, t) = (
                    &net.nodes[e.source as usize].word,
                    &net.nodes[e.target as usize].word,
                );
                (s == a && t == b) || (s == b && t == a)
            })
        };
        assert_eq!(edge("提案", "資料").unwrap().jaccard, 1.0);
        assert_eq!(edge("事業", "情報").unwrap().jaccard, 0.5);
        // Top 3: the third is one of four edges of 0.25; all four are kept.
        assert_eq!(net.edges.len(), 6);
        assert!(edge("情報", "提案").is_some() && edge("事業", "資料").is_some());
        assert!(
            net.nodes.iter().all(|n| n.word != "視点"),
            "below the minimum frequency"
        );
        assert_eq!(
            net.words
                .iter()
                .find(|w| w.word == "視点")
                .unwrap()
                .frequency,
            1
        );
        // Top 1: only the strongest.
        let one = network(&docs, &opts(2, 1));
        assert_eq!(one.edges.len(), 1);
        assert_eq!(one.nodes.len(), 2);
        // Top 2: the cut at 0.5 keeps exactly two.
        assert_eq!(network(&docs, &opts(2, 2)).edges.len(), 2);
    }

    #[test]
    fn frequency_counts_occurrences_and_stop_words_and_classes_filter() {
        let d = [
            vec![
                ("事業".to_string(), Noun),
                ("事業".to_string(), Noun),
                ("する".to_string(), Verb),
            ],
            vec![("事業".to_string(), Noun), ("考える".to_string(), Verb)],
        ];
        let docs: Vec<&[(String, WordClass)]> = d.iter().map(Vec::as_slice).collect();
        let net = network(&docs, &opts(1, 60));
        let jigyo = net.words.iter().find(|w| w.word == "事業").unwrap();
        assert_eq!((jigyo.frequency, jigyo.documents), (3, 2));
        assert!(net.words.iter().all(|w| w.word != "する"), "a stop word");
        let nouns_only = NetworkOptions {
            classes: vec![Noun],
            ..opts(1, 60)
        };
        assert!(network(&docs, &nouns_only)
            .words
            .iter()
            .all(|w| w.class == Noun));
    }

    #[test]
    fn two_cliques_joined_by_a_weak_edge_are_two_communities() {
        let e = |s, t, j| NetEdge {
            source: s,
            target: t,
            jaccard: j,
            together: 1,
        };
        let edges = [
            e(0, 1, 1.0),
            e(1, 2, 1.0),
            e(0, 2, 1.0),
            e(3, 4, 1.0),
            e(4, 5, 1.0),
            e(3, 5, 1.0),
            e(2, 3, 0.1),
        ];
        let c = communities(6, &edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_eq!(c[3], c[4]);
        assert_ne!(c[0], c[3]);
        assert_eq!(communities(6, &edges), c, "the same graph, the same split");
    }
}
