//! Japanese text → the words an analysis counts, as KH Coder does with
//! ChaSen/IPADIC: morphological analysis (vibrato, MeCab's algorithm, with
//! IPADIC 2.7.0 compiled by build.rs), content words in their base form,
//! particles and symbols left out. A run of nouns stays apart by default, as
//! KH Coder's default keeps it (the report's networks show 産業・保健,
//! 出前・講座); joining it into one compound (産業 保健 総合 支援 センター →
//! 産業保健総合支援センター) is an option. The tokens keep what is needed for
//! both, so the choice is made when the words are counted.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// Raise when the rules below change: stored words of an older version are
/// computed again by the background pass.
pub const TOKENIZER_VERSION: i64 = 2;

/// The dictionary, compressed (≈ 15 MB; ≈ 47 MB once read).
static DICTIONARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ipadic.dic.zst"));

/// The part of speech a word is counted under (KH Coder's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum WordClass {
    #[serde(rename = "名詞")]
    Noun,
    #[serde(rename = "サ変名詞")]
    SahenNoun,
    #[serde(rename = "形容動詞")]
    AdjectivalNoun,
    #[serde(rename = "固有名詞")]
    ProperNoun,
    #[serde(rename = "動詞")]
    Verb,
    #[serde(rename = "形容詞")]
    Adjective,
    #[serde(rename = "副詞")]
    Adverb,
    #[serde(rename = "感動詞")]
    Interjection,
}

impl WordClass {
    pub const ALL: &'static [WordClass] = &[
        WordClass::Noun,
        WordClass::SahenNoun,
        WordClass::AdjectivalNoun,
        WordClass::ProperNoun,
        WordClass::Verb,
        WordClass::Adjective,
        WordClass::Adverb,
        WordClass::Interjection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            WordClass::Noun => "名詞",
            WordClass::SahenNoun => "サ変名詞",
            WordClass::AdjectivalNoun => "形容動詞",
            WordClass::ProperNoun => "固有名詞",
            WordClass::Verb => "動詞",
            WordClass::Adjective => "形容詞",
            WordClass::Adverb => "副詞",
            WordClass::Interjection => "感動詞",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.label() == text.trim())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Word {
    pub text: String,
    pub class: WordClass,
}

/// One token of a text as it is stored: a content word, or a part of a run of
/// nouns that may be joined into a compound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub class: WordClass,
    /// Continues the run of the token before it (a compound's later part).
    pub link: bool,
    /// A prefix or suffix (名詞接続の接頭詞, 名詞-接尾): a word only inside a compound.
    pub affix: bool,
}

/// The words the tokens make: each noun apart (KH Coder's default), or each
/// run joined into one compound (a compound of several parts is a 名詞).
pub fn join(tokens: &[Token], compounds: bool) -> Vec<Word> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i + 1;
        if compounds {
            while j < tokens.len() && tokens[j].link {
                j += 1;
            }
        }
        let run = &tokens[i..j];
        let words: Vec<&Token> = run.iter().filter(|t| !t.affix).collect();
        if compounds && !words.is_empty() {
            out.push(Word {
                text: run.iter().map(|t| t.text.as_str()).collect(),
                class: if run.len() == 1 {
                    run[0].class
                } else {
                    WordClass::Noun
                },
            });
        } else if !compounds {
            out.extend(words.into_iter().map(|t| Word {
                text: t.text.clone(),
                class: t.class,
            }));
        }
        i = j;
    }
    out
}

fn tokenizer() -> &'static vibrato::Tokenizer {
    static TOKENIZER: OnceLock<vibrato::Tokenizer> = OnceLock::new();
    TOKENIZER.get_or_init(|| {
        let raw = zstd::decode_all(DICTIONARY)
            .expect("the embedded dictionary decompresses (checked by a test)");
        let dict =
            vibrato::Dictionary::read(&raw[..]).expect("the embedded dictionary reads (tested)");
        // MeCab's behaviour: spaces are not words.
        vibrato::Tokenizer::new(dict)
            .ignore_space(true)
            .expect("valid")
    })
}

/// Loads the dictionary now (≈ 0.2 s), e.g. on a background thread before it is needed.
pub fn warm_up() {
    tokenizer();
}

/// One morpheme: its surface, part of speech (品詞, 細分類1) and base form.
struct Morpheme<'a> {
    surface: &'a str,
    pos: &'a str,
    pos1: &'a str,
    base: &'a str,
}

/// Nouns that continue or start a compound.
fn joins(m: &Morpheme) -> bool {
    m.pos == "名詞"
        && matches!(
            m.pos1,
            "一般" | "サ変接続" | "形容動詞語幹" | "固有名詞" | "ナイ形容詞語幹" | "接尾"
        )
}

fn noun_class(pos1: &str) -> WordClass {
    match pos1 {
        "サ変接続" => WordClass::SahenNoun,
        "形容動詞語幹" => WordClass::AdjectivalNoun,
        "固有名詞" => WordClass::ProperNoun,
        _ => WordClass::Noun,
    }
}

/// The words of `text` in order (a word may repeat), runs of nouns joined
/// into compounds or not.
pub fn words(text: &str, compounds: bool) -> Vec<Word> {
    join(&tokens(text), compounds)
}

/// The tokens of `text` in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut worker = tokenizer().new_worker();
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        worker.reset_sentence(line);
        worker.tokenize();
        let tokens: Vec<(String, String)> = worker
            .token_iter()
            .map(|t| (t.surface().to_owned(), t.feature().to_owned()))
            .collect();
        let morphemes: Vec<Morpheme> = tokens
            .iter()
            .map(|(surface, feature)| {
                let f: Vec<&str> = feature.split(',').collect();
                let field = |i: usize| f.get(i).copied().unwrap_or("*");
                Morpheme {
                    surface,
                    pos: field(0),
                    pos1: field(1),
                    // Unknown words have no base form: the surface stands.
                    base: match field(6) {
                        "*" => surface,
                        b => b,
                    },
                }
            })
            .collect();
        let mut i = 0;
        while i < morphemes.len() {
            let m = &morphemes[i];
            let prefix = m.pos == "接頭詞" && m.pos1 == "名詞接続";
            if (joins(m) && m.pos1 != "接尾") || prefix {
                // A compound: an optional prefix, nouns, and their suffixes.
                let start = i;
                let mut j = i + usize::from(prefix);
                while j < morphemes.len() && joins(&morphemes[j]) {
                    j += 1;
                }
                let parts = &morphemes[start..j];
                let nouns = parts.iter().filter(|p| p.pos == "名詞").count();
                if nouns > 0 {
                    for (k, p) in parts.iter().enumerate() {
                        out.push(Token {
                            text: p.surface.to_owned(),
                            class: noun_class(p.pos1),
                            link: k > 0,
                            affix: p.pos != "名詞" || p.pos1 == "接尾",
                        });
                    }
                }
                i = j.max(i + 1);
                continue;
            }
            let class = match (m.pos, m.pos1) {
                ("動詞", "自立") => Some(WordClass::Verb),
                ("形容詞", "自立") => Some(WordClass::Adjective),
                ("副詞", _) => Some(WordClass::Adverb),
                ("感動詞", _) => Some(WordClass::Interjection),
                ("名詞", "副詞可能") => Some(WordClass::Noun),
                _ => None,
            };
            if let Some(class) = class {
                out.push(Token {
                    text: m.base.to_owned(),
                    class,
                    link: false,
                    affix: false,
                });
            }
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        words(s, true).into_iter().map(|w| w.text).collect()
    }

    fn apart(s: &str) -> Vec<String> {
        words(s, false).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn nouns_stay_apart_by_default_as_in_the_report_s_networks() {
        // The report's networks (KH Coder's default) show 産業・保健・協会 and 出前・講座.
        assert_eq!(
            apart("産業保健総合支援センターとの打ち合わせで出前講座を提案した。"),
            [
                "産業",
                "保健",
                "総合",
                "支援",
                "センター",
                "打ち合わせ",
                "出前",
                "講座",
                "提案",
                "する"
            ]
        );
        // A suffix or prefix is a word only inside a compound.
        let t = tokens("各チームの担当者さん");
        assert!(t.iter().any(|x| x.affix), "{t:?}");
        assert!(!apart("各チームの担当者さん").contains(&"さん".to_string()));
        assert!(texts("各チームの担当者さん")
            .iter()
            .any(|w| w.ends_with("さん")));
    }

    #[test]
    fn sentences_of_the_report() {
        assert_eq!(
            texts("産業保健総合支援センターとの打ち合わせで助言を得た。"),
            ["産業保健総合支援センター", "打ち合わせ", "助言", "得る"]
        );
        assert_eq!(
            texts("メンタルヘルス不調を軸に事業実施体制を整備した。"),
            ["メンタルヘルス不調", "軸", "事業実施体制", "整備", "する"]
        );
        assert_eq!(
            texts("「事業」という語が大きく、関連する語としては「視点」「情報」が結びついている。"),
            [
                "事業",
                "語",
                "大きい",
                "関連",
                "する",
                "語",
                "視点",
                "情報",
                "結びつく"
            ]
        );
    }

    #[test]
    fn classes_and_base_forms() {
        let w = words("丁寧に傾聴していただき、安心して相談できた", true);
        let find = |t: &str| w.iter().find(|x| x.text == t).map(|x| x.class);
        assert_eq!(find("傾聴"), Some(WordClass::SahenNoun));
        assert_eq!(find("丁寧"), Some(WordClass::AdjectivalNoun));
        assert_eq!(find("できる"), Some(WordClass::Verb), "{w:?}");
        assert!(w
            .iter()
            .all(|x| !["に", "て", "た", "、"].contains(&x.text.as_str())));
    }

    #[test]
    fn empty_and_odd_text_gives_no_words_and_no_panic() {
        for compounds in [false, true] {
            assert!(words("", compounds).is_empty());
            assert!(words("   \n\n", compounds).is_empty());
            assert!(words("。、！？", compounds).is_empty());
            let _ = words("🙂😀 ＡＢＣ abc 123 ①②", compounds);
        }
    }
}
