//! 進捗報告書: the A4 report a board (理事会) approves, drawn from a loaded
//! [`ReportSource`] by one builder per section.

use super::layout::{Layout, Pdf, BODY_W, MARGIN};
use crate::chart::Color;
use crate::error::{Error, FieldError, Result};
use crate::model::evaluation::MeetingGroup;
use crate::model::report::ReportSource;
use crate::wareki;
use chrono::NaiveDate;

mod sections;

/// One section of the report: its stable number (what `--sections` and the
/// window choose by), its name in lists, the heading printed, the room its
/// heading needs to stay with what follows, and the builder that draws it.
pub struct Section {
    pub number: u8,
    pub name: &'static str,
    heading: &'static str,
    keep: f32,
    build: fn(&mut Layout, &Context),
}

/// The sections in order. Headings are numbered 1, 2, … as they are printed,
/// so leaving one out renumbers the rest; adding one is adding a builder here.
pub const SECTIONS: &[Section] = &[
    Section {
        number: 1,
        name: "事業概要",
        heading: "事業概要",
        keep: 90.0,
        build: sections::overview,
    },
    Section {
        number: 2,
        name: "活動フェーズ",
        heading: "活動フェーズ（図7）",
        keep: 90.0,
        build: sections::phase_flow,
    },
    Section {
        number: 3,
        name: "準備チェック",
        heading: "準備チェック",
        keep: 90.0,
        build: sections::checklist,
    },
    Section {
        number: 4,
        name: "強み分析",
        heading: "強み分析（創造力・人力・対応力・財力）",
        keep: 380.0,
        build: sections::strengths,
    },
    Section {
        number: 5,
        name: "関係機関",
        heading: "関係機関",
        keep: 90.0,
        build: sections::stakeholders,
    },
    Section {
        number: 6,
        name: "会議記録",
        heading: "会議記録",
        keep: 90.0,
        build: sections::meetings,
    },
    Section {
        number: 7,
        name: "伴走支援評価",
        heading: "伴走支援評価",
        keep: 90.0,
        build: sections::evaluations,
    },
    Section {
        number: 8,
        name: "テキスト分析",
        heading: "テキスト分析（評価コメントの共起ネットワーク）",
        keep: 90.0,
        build: sections::text,
    },
    Section {
        number: 9,
        name: "計画・今後の予定",
        heading: "計画・今後の予定",
        keep: 90.0,
        build: sections::plan,
    },
    Section {
        number: 12,
        name: "課題・今後の検討事項",
        heading: "課題・今後の検討事項",
        keep: 90.0,
        build: sections::issues,
    },
    Section {
        number: 10,
        name: "提供資料",
        heading: "提供資料",
        keep: 90.0,
        build: sections::resources,
    },
    Section {
        number: 11,
        name: "承認欄",
        heading: "承認欄",
        keep: 260.0,
        build: sections::approval,
    },
];

/// Everything a project's report shows, read for `opts` (the comments' words
/// computed first where missing): what the window and the CLI both draw from.
pub fn source(
    store: &mut crate::store::Store,
    project_id: i64,
    opts: &ReportOptions,
) -> crate::Result<crate::model::report::ReportSource> {
    store.ensure_words()?;
    store.report_source(project_id, opts.from, opts.to, opts.today)
}

#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Section numbers of [`SECTIONS`]; empty for all.
    pub sections: Vec<u8>,
    pub author: String,
    /// 和暦 (default) or 西暦 dates.
    pub wareki: bool,
    /// The evaluation section: None for the report's split (team meetings,
    /// then the joint 進捗会議), or one group.
    pub meetings: Option<MeetingGroup>,
    /// Print the evaluations' comments (grouped by meeting and item).
    pub comments: bool,
    pub today: NaiveDate,
    pub created: chrono::DateTime<chrono::Local>,
}

/// The report form as typed in the window.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportInput {
    /// YYYY-MM-DD, or empty for the default period.
    pub from: String,
    pub to: String,
    /// Section numbers of [`SECTIONS`]; empty for all.
    pub sections: Vec<i32>,
    pub author: String,
    /// 西暦 instead of 和暦.
    pub seireki: bool,
    /// `team`, `joint`, `all`; empty for the report's split.
    #[serde(default)]
    pub meetings: String,
    /// Leave the evaluations' comments out (they are printed by default).
    #[serde(default)]
    pub no_comments: bool,
}

impl ReportInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ReportOptions> {
        let mut c = crate::model::validate_fields();
        let from = c.optional_date("from", "期間の始まり", &self.from);
        let to = c.optional_date("to", "期間の終わり", &self.to);
        let author = c.optional_text(
            "author",
            "作成者",
            &self.author,
            crate::model::limits::AUTHOR,
        );
        let mut sections = Vec::new();
        for &n in &self.sections {
            match SECTIONS.iter().find(|s| i32::from(s.number) == n) {
                Some(s) => sections.push(s.number),
                None => c.push("sections", format!("章 {n} はありません")),
            }
        }
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                c.push("to", "期間の終わりは、始まりと同じか後の日付にしてください");
            }
        }
        let meetings = if self.meetings.trim().is_empty() {
            None
        } else {
            let g = MeetingGroup::from_text(&self.meetings);
            if g.is_none() {
                c.push(
                    "meetings",
                    "会議の区分は team・joint・all のどれかです（省略すると両方を分けて載せます）",
                );
            }
            g
        };
        c.finish(|| ReportOptions {
            from,
            to,
            sections,
            author,
            wareki: !self.seireki,
            meetings,
            comments: !self.no_comments,
            today,
            created: chrono::Local::now(),
        })
        .map_err(Error::Validation)
    }
}

/// Reads `--sections` text: numbers or names, separated by commas
/// (「1,3,7」 or 「概要,準備チェック」 — a name matches when it contains the word).
pub fn parse_sections(text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for part in text
        .split([',', '、', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let found = SECTIONS
            .iter()
            .find(|s| part.parse::<u8>().ok() == Some(s.number) || s.name.contains(part))
            .map(|s| s.number);
        match found {
            Some(n) if !out.contains(&n) => out.push(n),
            Some(_) => {}
            None => {
                let names: Vec<String> = SECTIONS
                    .iter()
                    .map(|s| format!("{} {}", s.number, s.name))
                    .collect();
                return Err(Error::Validation(vec![FieldError::new(
                    "sections",
                    format!(
                        "章「{part}」はありません。次から選んでください：{}",
                        names.join("・")
                    ),
                )]));
            }
        }
    }
    Ok(out)
}

/// 和暦 or 西暦, as the report was asked for.
pub(crate) struct Dates(bool);

impl Dates {
    pub fn d(&self, d: NaiveDate) -> String {
        if self.0 {
            wareki::date_wareki(d)
        } else {
            wareki::date_seireki(d)
        }
    }
}

const BLUE: Color = Color(0x00, 0x17, 0xc1);

/// What every builder reads: the loaded records, how dates are written and
/// what the evaluation section shows.
pub(crate) struct Context<'a> {
    pub src: &'a ReportSource,
    pub dates: Dates,
    pub meetings: Option<MeetingGroup>,
    pub comments: bool,
}

/// Draws the report from loaded records; `progress` hears each section as it
/// is drawn. Nothing here reads the store, so it can run outside its lock.
pub fn render(src: &ReportSource, opts: &ReportOptions, progress: &mut dyn FnMut(&str)) -> Pdf {
    let p = &src.project;
    let cx = Context {
        src,
        dates: Dates(opts.wareki),
        meetings: opts.meetings,
        comments: opts.comments,
    };
    let dates = &cx.dates;
    let title = format!("進捗報告書　{}", p.name);
    let created_label = dates.d(opts.created.date_naive());
    let mut l = Layout::new(
        &title,
        &format!("{}　{}　作成日 {}", p.society, p.name, created_label),
    );

    progress("表紙");
    cover(&mut l, &cx, opts, &created_label);

    let wanted = |s: &Section| opts.sections.is_empty() || opts.sections.contains(&s.number);
    for (i, section) in SECTIONS.iter().filter(|s| wanted(s)).enumerate() {
        progress(section.name);
        l.need(section.keep);
        l.heading(&format!("{}　{}", i + 1, section.heading));
        (section.build)(&mut l, &cx);
    }
    progress("保存");
    l.finish(&title, &opts.author, opts.created)
}

fn cover(l: &mut Layout, cx: &Context, opts: &ReportOptions, created_label: &str) {
    let (p, dates) = (&cx.src.project, &cx.dates);
    l.new_page();
    l.gap(150.0);
    l.text_at(MARGIN, l.cursor(), &p.society, 14.0, false, Color::TEXT_SUB);
    l.gap(46.0);
    l.text_at(MARGIN, l.cursor(), "進捗報告書", 30.0, true, BLUE);
    l.gap(20.0);
    l.paragraph_at(MARGIN, BODY_W, &p.name, 18.0, true, Color::BLACK);
    l.gap(30.0);
    let period = format!("{}〜{}", dates.d(p.start_date), dates.d(p.end_date));
    let covered = format!("{}〜{}", dates.d(cx.src.from), dates.d(cx.src.to));
    let mut rows = vec![
        ("事業期間", period),
        ("年度", p.fiscal_year_label.clone()),
        ("報告の対象期間", covered),
        ("作成日", created_label.to_owned()),
        (
            "作成者",
            if opts.author.trim().is_empty() {
                "—".into()
            } else {
                opts.author.clone()
            },
        ),
    ];
    if let Some(program) = &p.program {
        rows.insert(0, ("事業プログラム", program.clone()));
    }
    for (k, v) in rows {
        l.gap(26.0);
        l.text_at(MARGIN, l.cursor(), k, 11.0, false, Color::TEXT_SUB);
        l.text_at(MARGIN + 110.0, l.cursor(), &v, 12.0, false, Color::BLACK);
    }
    l.new_page();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_window_form_is_checked() {
        let bad = ReportInput {
            from: "2025-04-01".into(),
            to: "2024-04-01".into(),
            sections: vec![13],
            author: String::new(),
            seireki: false,
            meetings: "宴会".into(),
            no_comments: false,
        };
        let e = bad.validate(d("2024-12-01")).unwrap_err();
        let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["sections", "to", "meetings"]);
        let ok = ReportInput {
            seireki: true,
            ..Default::default()
        }
        .validate(d("2024-12-01"))
        .unwrap();
        assert!(!ok.wareki && ok.from.is_none() && ok.sections.is_empty());
    }

    #[test]
    fn sections_are_chosen_by_number_or_name() {
        assert_eq!(parse_sections("1, 3,評価").unwrap(), vec![1, 3, 7]);
        assert_eq!(parse_sections("承認").unwrap(), vec![11]);
        let e = parse_sections("1,目次").unwrap_err();
        assert!(e.fields()[0].message.contains("章「目次」はありません"));
    }
}
