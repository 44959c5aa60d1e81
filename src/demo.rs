//! The demo: the two model teams of the FY2024 (令和6年度) report, with invented
//! personal names (the report names real people; societies and dates are kept).

use crate::error::Result;
use crate::model::evaluation::EvaluationInput;
use crate::model::issue::IssueInput;
use crate::model::meeting::MeetingInput;
use crate::model::task::TaskInput;
use crate::model::{
    ContactLogInput, ContactPerson, MemberInput, ProjectInput, ResourceInput, StakeholderInput,
};
use crate::store::{
    evaluation, issue, meeting, member, project, resource, stakeholder, task, Store,
};
use rusqlite::OptionalExtension;

pub const PROGRAM: &str = "令和6年度 地域保健総合推進事業";

struct DemoProject {
    project: ProjectInput,
    members: Vec<(&'static str, &'static str, &'static str)>,
    phase: u8,
    /// (template key, status, 担当, 期限, メモ, status changes (date, by, to), linked organisations)
    items: Vec<DemoItem>,
    /// (name, kind, contact person (name, title), log entries (date, summary, new state))
    stakeholders: Vec<DemoStakeholder>,
}

type DemoItem = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Vec<(&'static str, &'static str, &'static str)>,
    Vec<&'static str>,
);

type DemoStakeholder = (
    &'static str,
    &'static str,
    (&'static str, &'static str),
    Vec<(&'static str, &'static str, &'static str)>,
);

/// The program's six supporters (表2: 伴走者 6名, one of them the leader); four
/// accompany each team (「伴走支援（4名）」), the leader and one more both.
const SUPPORTERS_YAMAGUCHI: [(&str, &str, &str); 4] = [
    (
        "北村 浩一",
        "伴走支援リーダー",
        "関東リハビリテーション病院",
    ),
    ("中川 智也", "伴走支援者", "九州健康づくり研究所"),
    ("上野 さやか", "伴走支援者", "中部訪問リハビリステーション"),
    ("村上 修", "伴走支援者", "北陸地域包括ケアセンター"),
];

const SUPPORTERS_IBARAKI: [(&str, &str, &str); 4] = [
    (
        "北村 浩一",
        "伴走支援リーダー",
        "関東リハビリテーション病院",
    ),
    ("森 大輔", "伴走支援者", "東北産業保健研究会"),
    ("石井 佳恵", "伴走支援者", "近畿作業療法クリニック"),
    ("村上 修", "伴走支援者", "北陸地域包括ケアセンター"),
];

/// Every person in the demo, invented: none shares a surname or a given name
/// with the people the report names (tests/demo.rs checks).
fn projects() -> Vec<DemoProject> {
    let secretariat = ("高橋 由紀", "事務局", "地域保健総合推進事業 事務局");
    let yamaguchi: Vec<_> = [
        (Y_LEADER, "リーダー", "山口県理学療法士会 職能推進部"),
        ("井上 拓海", "メンバー", "山口県理学療法士会"),
        ("小川 大地", "メンバー", "山口県理学療法士会"),
    ]
    .into_iter()
    .chain(SUPPORTERS_YAMAGUCHI)
    .chain([secretariat])
    .collect();
    let ibaraki: Vec<_> = [
        (I_LEADER, "リーダー", "茨城県作業療法士会 地域局"),
        ("大西 拓也", "メンバー", "茨城県作業療法士会"),
        ("青木 優", "メンバー", "茨城県作業療法士会"),
        (
            "佐野 健",
            "メンバー",
            "茨城県作業療法士会（メンタルヘルス領域）",
        ),
    ]
    .into_iter()
    .chain(SUPPORTERS_IBARAKI)
    .chain([secretariat])
    .collect();
    vec![
        DemoProject {
            project: ProjectInput {
                name: "酒造会社における腰痛予防の健康づくり事業".into(),
                program: PROGRAM.into(),
                prefecture: "山口県".into(),
                profession: "PT".into(),
                theme: "腰痛予防".into(),
                target: "企業".into(),
                start_date: "2024-06-01".into(),
                end_date: "2025-03-31".into(),
                goal: "企業支援実践から県内他業種への展開に向けた事業化への準備。酒造会社へ職場訪問、事業部署別インタビュー、職員アンケート、職員向け講座を実施し、県内他業種への展開、継続性を含め事業化を検討する。".into(),
            },
            members: yamaguchi,
            phase: 5,
            items: yamaguchi_items(),
            stakeholders: yamaguchi_stakeholders(),
        },
        DemoProject {
            project: ProjectInput {
                name: "小規模事業所で働く人のメンタルヘルス不調予防事業".into(),
                program: PROGRAM.into(),
                prefecture: "茨城県".into(),
                profession: "OT".into(),
                theme: "メンタルヘルス不調".into(),
                target: "企業".into(),
                start_date: "2024-06-01".into(),
                end_date: "2025-03-31".into(),
                goal: "県内関係者との調整から事業化に向けた多様な準備・実践。メンタルヘルス不調を軸に、従業員50人以下の事業所を対象とする介入体制を整備する。将来像として県内のリハビリテーション4団体との連携を想定する。".into(),
            },
            members: ibaraki,
            phase: 4,
            items: ibaraki_items(),
            stakeholders: ibaraki_stakeholders(),
        },
    ]
}

const Y_LEADER: &str = "野口 健太";
const I_LEADER: &str = "宮下 真由美";

fn yamaguchi_items() -> Vec<DemoItem> {
    let done = |date, by| vec![(date, by, "進行中"), (date, by, "完了")];
    vec![
        (
            "inner.1",
            "完了",
            Y_LEADER,
            "",
            "山口県理学療法士会役職者と検討し、介入承諾を得た（第1回チーム会議）",
            done("2024-06-17", Y_LEADER),
            vec![],
        ),
        ("inner.2", "未着手", Y_LEADER, "", "", vec![], vec![]),
        (
            "inner.3",
            "完了",
            Y_LEADER,
            "",
            "",
            done("2024-07-16", Y_LEADER),
            vec![],
        ),
        (
            "inner.4",
            "完了",
            "井上 拓海",
            "",
            "職場訪問・ミニ講座に協力する会員を確保",
            done("2024-08-19", "井上 拓海"),
            vec![],
        ),
        (
            "inner.5",
            "進行中",
            "井上 拓海",
            "",
            "産業理学療法に関する研修会を今年度開始（人材発掘・興味のある人の取り込み）",
            vec![("2024-11-25", "井上 拓海", "進行中")],
            vec![],
        ),
        (
            "inner.6",
            "完了",
            Y_LEADER,
            "",
            "",
            done("2024-09-19", Y_LEADER),
            vec![],
        ),
        (
            "inner.7",
            "完了",
            "小川 大地",
            "",
            "職場訪問・事業部署別インタビュー・職員アンケート・ミニ講座",
            done("2024-08-19", "小川 大地"),
            vec![],
        ),
        ("inner.8", "未着手", "小川 大地", "", "", vec![], vec![]),
        (
            "outer.1",
            "完了",
            Y_LEADER,
            "",
            "エイジフレンドリー補助金などの制度を確認",
            done("2024-07-16", Y_LEADER),
            vec![],
        ),
        (
            "outer.2",
            "完了",
            Y_LEADER,
            "",
            "山口労働局・山口県SAFE協議会・産業保健センターなど関係機関のリサーチ",
            done("2024-09-19", Y_LEADER),
            vec!["山口産業保健総合支援センター", "全国健康保険協会 山口支部"],
        ),
        (
            "outer.3",
            "完了",
            "井上 拓海",
            "",
            "既に事業を実施している理学療法士へのコンタクト",
            done("2024-11-25", "井上 拓海"),
            vec!["県内で事業を実施している理学療法士"],
        ),
        (
            "outer.4",
            "未着手",
            Y_LEADER,
            "",
            "担当市町の保健師さんとの協働模索（今後の検討事項）",
            vec![],
            vec![],
        ),
        (
            "outer.5",
            "完了",
            Y_LEADER,
            "",
            "管理者に健康経営等に協力出来る旨を説明し、取組内容の提案とスケジュールを調整",
            done("2024-07-08", Y_LEADER),
            vec!["酒造会社（県内）"],
        ),
        (
            "outer.6",
            "完了",
            "小川 大地",
            "",
            "職員へのミニ講座（腰痛予防対策研修会）と個人課題の上司への報告",
            done("2024-09-06", "小川 大地"),
            vec![],
        ),
        (
            "outer.7",
            "完了",
            "井上 拓海",
            "",
            "JLEQ・東大1項目版・転倒災害チェックシート（～7月中旬、10月中旬～下旬は意識調査も）",
            done("2024-10-31", "井上 拓海"),
            vec![],
        ),
        (
            "outer.8",
            "進行中",
            Y_LEADER,
            "",
            "アンケートの分析と効果検証。次年度4月に再度の職員への介入を計画",
            vec![("2024-11-25", Y_LEADER, "進行中")],
            vec![],
        ),
    ]
}

fn yamaguchi_stakeholders() -> Vec<DemoStakeholder> {
    vec![
        (
            "酒造会社（県内）",
            "企業",
            ("総務課長", "総務部"),
            vec![
                (
                    "2024-07-08",
                    "事業協力会社へ説明および介入時期・頻度打合せ",
                    "協議中",
                ),
                (
                    "2024-07-26",
                    "腰痛予防対策研修会 第1回（正職員／パート職員向け）・職場見学",
                    "連携",
                ),
            ],
        ),
        (
            "山口産業保健総合支援センター",
            "産業保健総合支援センター",
            ("産業保健相談員", "相談窓口"),
            vec![
                ("2024-09-19", "関係機関のリサーチ。事業の紹介", "打診"),
                (
                    "2024-11-25",
                    "産業保健相談員（運動指導担当）の委託を受けた理学療法士との連携について協議",
                    "協議中",
                ),
            ],
        ),
        (
            "全国健康保険協会 山口支部",
            "協会けんぽ",
            ("保健グループ", "保健グループ"),
            vec![("2024-09-19", "関係機関のリサーチ", "打診")],
        ),
        (
            "山口県SAFE協議会",
            "労働局",
            ("事務局", "山口労働局"),
            vec![("2024-11-25", "協議会への参加を検討", "打診")],
        ),
        (
            "県内で事業を実施している理学療法士",
            "キーパーソン（個人）",
            ("", ""),
            vec![(
                "2024-11-25",
                "既に事業を実施している理学療法士へのコンタクト",
                "打診",
            )],
        ),
    ]
}

fn ibaraki_items() -> Vec<DemoItem> {
    let done = |date, by| vec![(date, by, "進行中"), (date, by, "完了")];
    vec![
        (
            "inner.1",
            "完了",
            I_LEADER,
            "",
            "地域局が担当",
            done("2024-06-09", I_LEADER),
            vec![],
        ),
        (
            "inner.2",
            "完了",
            I_LEADER,
            "",
            "10月：令和7年度事業計画・予算への計上",
            vec![
                ("2024-09-27", I_LEADER, "進行中"),
                ("2024-10-30", I_LEADER, "完了"),
            ],
            vec![],
        ),
        (
            "inner.3",
            "完了",
            I_LEADER,
            "",
            "9月：OT士会内での調整、理事会での報告や承認",
            done("2024-09-27", I_LEADER),
            vec![],
        ),
        (
            "inner.4",
            "完了",
            "大西 拓也",
            "",
            "メンタルヘルスの分野に詳しいメンバーをチームに迎え、チーム体制を強化",
            done("2024-07-31", "大西 拓也"),
            vec![],
        ),
        (
            "inner.5",
            "進行中",
            "大西 拓也",
            "",
            "内部の体制づくり、人材育成と確保、事業参画者の養成講座を検討",
            vec![("2024-10-30", "大西 拓也", "進行中")],
            vec![],
        ),
        (
            "inner.6",
            "完了",
            I_LEADER,
            "",
            "事業計画や目標・ロードマップを作成。10月30日に中長期計画案へ拡大",
            done("2024-08-21", I_LEADER),
            vec![],
        ),
        (
            "inner.7",
            "進行中",
            "青木 優",
            "",
            "出前講座の内容検討（メンタルヘルス不調、従業員50人以下の事業所）",
            vec![("2024-09-27", "青木 優", "進行中")],
            vec![],
        ),
        ("inner.8", "未着手", "佐野 健", "", "", vec![], vec![]),
        (
            "outer.1",
            "完了",
            "佐野 健",
            "",
            "特定健康診査や労働災害防止に関する現行制度などをリサーチ",
            done("2024-09-09", "佐野 健"),
            vec![],
        ),
        (
            "outer.2",
            "完了",
            I_LEADER,
            "",
            "全国健康保険協会、産業保健総合支援センター、県・保健所・市区町村・保健センター等の活動を把握",
            done("2024-10-16", I_LEADER),
            vec![
                "茨城産業保健総合支援センター",
                "全国健康保険協会 茨城支部",
                "茨城県精神保健福祉センター",
            ],
        ),
        (
            "outer.3",
            "進行中",
            "大西 拓也",
            "",
            "将来像として県内のリハビリテーション4団体との連携を想定し、事業方針等を報告",
            vec![("2024-08-21", "大西 拓也", "進行中")],
            vec![
                "茨城県理学療法士会・茨城県言語聴覚士会",
                "茨城県リハビリテーション専門職協会（IRPA）",
            ],
        ),
        (
            "outer.4",
            "進行中",
            I_LEADER,
            "",
            "産業保健総合支援センターとの連携窓口を確立",
            vec![("2024-10-16", I_LEADER, "進行中")],
            vec!["茨城産業保健総合支援センター"],
        ),
        (
            "outer.5",
            "進行中",
            "佐野 健",
            "",
            "11月：事業実践対象へのヒアリング。12月：事業実践対象との講座内容の協議",
            vec![("2024-10-30", "佐野 健", "進行中")],
            vec![],
        ),
        (
            "outer.6",
            "未着手",
            I_LEADER,
            "",
            "事業の実践は次年度以降（今年度は準備）",
            vec![],
            vec![],
        ),
        (
            "outer.7",
            "未着手",
            "青木 優",
            "",
            "事後に向けたアンケートの必要性（アクションプラン）",
            vec![],
            vec![],
        ),
        ("outer.8", "未着手", "青木 優", "", "", vec![], vec![]),
    ]
}

fn ibaraki_stakeholders() -> Vec<DemoStakeholder> {
    vec![
        (
            "茨城産業保健総合支援センター",
            "産業保健総合支援センター",
            ("メンタルヘルス対策促進員", "事業課"),
            vec![
                ("2024-10-02", "事業方針の打診とヒアリング", "打診"),
                (
                    "2024-10-16",
                    "産業保健総合支援センターとの打ち合わせ（対面）。計画している事業内容に対する助言を得て、依頼について協議",
                    "協議中",
                ),
            ],
        ),
        (
            "全国健康保険協会 茨城支部",
            "協会けんぽ",
            ("企画総務グループ", "企画総務グループ"),
            vec![(
                "2024-10-09",
                "事業方針の打診とヒアリング",
                "打診",
            )],
        ),
        (
            "茨城県理学療法士会・茨城県言語聴覚士会",
            "他士会",
            ("事業担当理事", "各士会"),
            vec![(
                "2024-08-21",
                "将来像として4団体での連携を想定し、事業方針等を報告",
                "打診",
            )],
        ),
        (
            "茨城県リハビリテーション専門職協会（IRPA）",
            "関係団体",
            ("事務局", "事務局"),
            vec![(
                "2024-08-21",
                "将来像として4団体での連携を想定し、事業方針等を報告",
                "打診",
            )],
        ),
        (
            "茨城県精神保健福祉センター",
            "精神保健福祉センター",
            ("", ""),
            vec![],
        ),
        ("茨城労働局", "労働局", ("", ""), vec![]),
    ]
}

/// (title, url, category, provided by, date, which projects: 'Y' 山口, 'I' 茨城, 'B' both, item links)
const RESOURCES: [(&str, &str, &str, &str, &str, char); 8] = [
    (
        "エイジフレンドリー補助金 関係情報",
        "https://www.mhlw.go.jp/stf/newpage_09940.html",
        "補助金",
        "北村 浩一",
        "2024-06-20",
        'B',
    ),
    (
        "エイジフレンドリー補助金 リーフレット",
        "https://www.mhlw.go.jp/content/11300000/001158947.pdf",
        "補助金",
        "北村 浩一",
        "2024-06-20",
        'B',
    ),
    (
        "やまぐち健康応援団 登録事業所一覧",
        "https://kenko.pref.yamaguchi.lg.jp/ouendan/",
        "制度",
        "中川 智也",
        "2024-07-16",
        'Y',
    ),
    (
        "山口県 健康福祉部 健康増進課の情報",
        "https://kenko.pref.yamaguchi.lg.jp/jouhou/index.html",
        "関係機関",
        "中川 智也",
        "2024-07-16",
        'Y',
    ),
    (
        "産業保健・健康経営における課題と理学療法士活躍の可能性に関する調査事業報告書",
        "https://www.japanpt.or.jp/activity/asset/pdf/20240331_chousajigyou_houkokusho.pdf",
        "資料",
        "上野 さやか",
        "2024-08-19",
        'Y',
    ),
    (
        "茨城労働局 労働災害の統計（令和6年）",
        "https://jsite.mhlw.go.jp/ibaraki-roudoukyoku/content/contents/002140023.pdf",
        "統計",
        "森 大輔",
        "2024-09-09",
        'I',
    ),
    (
        "協会けんぽ茨城支部 覚書の締結状況",
        "https://www.kyoukaikenpo.or.jp/shibu/ibaraki/cat080/201712111503/",
        "関係機関",
        "石井 佳恵",
        "2024-09-27",
        'I',
    ),
    (
        "介護現場の生産性向上等を通じた働きやすい職場環境づくり",
        "https://www.mhlw.go.jp/content/12300000/forum2023_mhlw_sesakudoukou.pdf",
        "資料",
        "村上 修",
        "2024-10-30",
        'I',
    ),
];

fn fill_project(tx: &rusqlite::Transaction, pid: i64, d: &DemoProject) -> Result<()> {
    tx.execute(
        "UPDATE projects SET phase = ?2 WHERE id = ?1",
        rusqlite::params![pid, d.phase],
    )?;
    let mut org_ids = std::collections::HashMap::new();
    for (name, kind, (person, title), log) in &d.stakeholders {
        let input = StakeholderInput {
            name: (*name).into(),
            kind: (*kind).into(),
            state: "未接触".into(),
            contacts: if person.is_empty() {
                vec![]
            } else {
                vec![ContactPerson {
                    name: (*person).into(),
                    title: (*title).into(),
                    contact: String::new(),
                }]
            },
            note: String::new(),
        };
        let sid = stakeholder::insert(tx, pid, &input.validate()?)?;
        for (date, summary, state) in log {
            let entry = ContactLogInput {
                contacted_on: (*date).into(),
                summary: (*summary).into(),
                new_state: (*state).into(),
            };
            stakeholder::insert_log(tx, sid, &entry.validate()?)?;
        }
        org_ids.insert(*name, sid);
    }
    for (key, status, owner, due, note, changes, orgs) in &d.items {
        let item_id: i64 = tx.query_row(
            "SELECT id FROM checklist_items WHERE project_id = ?1 AND template_key = ?2",
            rusqlite::params![pid, key],
            |r| r.get(0),
        )?;
        let owner_id: Option<i64> = tx
            .query_row(
                "SELECT id FROM members WHERE project_id = ?1 AND name = ?2",
                rusqlite::params![pid, owner],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "UPDATE checklist_items SET status = ?2, owner_id = ?3, due_date = NULLIF(?4, ''), note = ?5
             WHERE id = ?1",
            rusqlite::params![item_id, status, owner_id, due, note],
        )?;
        let mut from = "未着手";
        for (date, by, to) in changes {
            tx.execute(
                "INSERT INTO checklist_history (item_id, changed_on, changed_by, from_status, to_status, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?2)",
                rusqlite::params![item_id, date, by, from, to],
            )?;
            from = to;
        }
        for org in orgs {
            tx.execute(
                "INSERT INTO checklist_stakeholders (item_id, stakeholder_id) VALUES (?1, ?2)",
                rusqlite::params![item_id, org_ids[org]],
            )?;
        }
    }
    Ok(())
}

fn add_resources(tx: &rusqlite::Transaction, yamaguchi: i64, ibaraki: i64) -> Result<()> {
    for (title, url, category, by, date, to) in RESOURCES {
        let project_ids = match to {
            'Y' => vec![yamaguchi],
            'I' => vec![ibaraki],
            _ => vec![yamaguchi, ibaraki],
        };
        let input = ResourceInput {
            title: title.into(),
            url: url.into(),
            file_path: String::new(),
            category: category.into(),
            provided_by: by.into(),
            provided_on: date.into(),
            project_ids,
            note: String::new(),
        };
        let rid = resource::insert(tx, &input.validate()?)?;
        // The first resource of each project is the evidence for 外向き①.
        if matches!(
            title,
            "エイジフレンドリー補助金 関係情報" | "茨城労働局 労働災害の統計（令和6年）"
        ) {
            tx.execute(
                "INSERT INTO checklist_resources (item_id, resource_id)
                 SELECT c.id, ?1 FROM checklist_items c JOIN resource_projects rp
                   ON rp.project_id = c.project_id AND rp.resource_id = ?1
                 WHERE c.template_key = 'outer.1'",
                [rid],
            )?;
        }
    }
    Ok(())
}

/// Rating sessions per team: (label, date, base score per axis 創造力・人力・対応力・財力).
const STRENGTH_SESSIONS: [&[(&str, &str, [u8; 4])]; 2] = [
    &[
        ("事業開始時", "2024-06-17", [3, 2, 2, 1]),
        ("終了時", "2024-12-05", [3, 3, 3, 2]),
    ],
    &[
        ("事業開始時", "2024-06-09", [2, 3, 1, 1]),
        ("中間", "2024-09-27", [3, 3, 2, 1]),
    ],
];

/// Rates every item around its axis' base score (every third item one higher),
/// so the means are not all whole numbers.
fn rate_strengths(tx: &rusqlite::Transaction, pid: i64, team: usize) -> Result<()> {
    let items: Vec<(i64, String)> = {
        let mut st =
            tx.prepare("SELECT id, axis FROM strength_items WHERE project_id = ?1 ORDER BY id")?;
        let rows = st.query_map([pid], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (label, date, base) in STRENGTH_SESSIONS[team] {
        tx.execute(
            "INSERT INTO strength_sessions (project_id, label, rated_on, created_at) VALUES (?1, ?2, ?3, ?3)",
            rusqlite::params![pid, label, date],
        )?;
        let sid = tx.last_insert_rowid();
        for (n, (item, axis)) in items.iter().enumerate() {
            let a = crate::model::strength::Axis::ALL
                .iter()
                .position(|x| x.label() == axis)
                .unwrap_or(0);
            let score = (base[a] + u8::from(n % 3 == 2)).min(4);
            tx.execute(
                "INSERT INTO strength_ratings (session_id, item_id, score, note) VALUES (?1, ?2, ?3, '')",
                rusqlite::params![sid, item, score],
            )?;
        }
    }
    Ok(())
}

/// (kind, title or "", date, format, decisions) per team, from 表3 and each
/// team's schedule (12月5日第2回進捗会議の報告). Times and agendas are the app's
/// examples; the report gives dates and what was decided.
type DemoMeeting = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const MEETINGS: [&[DemoMeeting]; 2] = [
    &[
        ("チーム会議", "", "2024-06-17", "オンライン", "山口県理学療法士会役職者と検討し、介入承諾を得る\n7/8 事業協力会社へ説明および介入時期・頻度打合せ\n～7月中旬 アンケート実施（JLEQ、東大1項目版、転倒災害チェックシート）\n7/26 腰痛予防対策研修会"),
        ("チーム会議", "", "2024-07-16", "オンライン", "職場訪問と部署別の視察・意見交換の日程を決める"),
        ("研修会", "腰痛予防対策研修会 第1回（正職員／パート職員向け）", "2024-07-26", "対面", "職場見学をあわせて行う"),
        ("チーム会議", "", "2024-08-19", "オンライン", "アンケート結果から見た個人課題を上司へ報告する"),
        ("研修会", "腰痛予防対策研修会 第2回（正職員向け）", "2024-08-31", "対面", ""),
        ("研修会", "腰痛予防対策研修会 第2回（パート員向け）", "2024-09-06", "対面", ""),
        ("チーム会議", "", "2024-09-19", "オンライン", "10月中旬からアンケートを実施し、10月下旬に回収する（JLEQ、東大1項目版、転倒災害チェックシート・意識調査）"),
        ("チーム会議", "", "2024-11-25", "オンライン", "酒造会社への次年度4月の再度の職員への介入を計画する\n事業展開するための課題整理と検討を進める"),
    ],
    &[
        ("チーム会議", "", "2024-06-09", "対面", "事業開始。関連団体等の情報を収集する"),
        ("チーム会議", "", "2024-07-31", "オンライン", "事業の主軸を「メンタルヘルス不調」に焦点化する"),
        ("チーム会議", "", "2024-08-21", "オンライン", "事業計画や目標・ロードマップを作成する"),
        ("チーム会議", "", "2024-09-09", "オンライン", "OT士会内で調整し、理事会で報告・承認を得る"),
        ("チーム会議", "", "2024-09-27", "オンライン", "関係機関への説明・ヒアリングを行う\n令和7年度事業計画・予算へ計上する"),
        ("関係機関打ち合わせ", "産業保健総合支援センターとの打ち合わせ", "2024-10-16", "対面", "計画している事業内容に対する助言を得る"),
        ("チーム会議", "", "2024-10-30", "オンライン", "11月：事業実践対象へのヒアリング、理事会への報告\n単年度での取り組みとせず、数年かけた中長期計画へと計画を拡大する"),
    ],
];

/// Joint meetings of the program (both teams): (kind, title, date, decision).
const JOINT_MEETINGS: [(&str, &str, &str, &str); 3] = [
    (
        "オリエンテーション",
        "事業オリエンテーション",
        "2024-06-20",
        "伴走支援チームとの顔合わせ",
    ),
    (
        "進捗会議",
        "",
        "2024-09-05",
        "両チームの進捗と課題を共有する",
    ),
    (
        "進捗会議",
        "",
        "2024-12-05",
        "取り組みのスケジュールと次年度に向けた準備を報告する",
    ),
];

/// (team, title, due, status, phase, milestone, meeting date the decision came from)
const TASKS: [(usize, &str, &str, &str, u8, bool, &str); 11] = [
    (
        0,
        "事業協力会社へ説明および介入時期・頻度打合せ",
        "2024-07-08",
        "完了",
        1,
        false,
        "2024-06-17",
    ),
    (
        0,
        "アンケート実施（JLEQ、東大1項目版、転倒災害チェックシート）",
        "2024-07-15",
        "完了",
        3,
        false,
        "2024-06-17",
    ),
    (
        0,
        "腰痛予防対策研修会 第1回",
        "2024-07-26",
        "完了",
        3,
        true,
        "2024-06-17",
    ),
    (
        0,
        "介入後のアンケート実施・回収（意識調査を含む）",
        "2024-10-31",
        "完了",
        5,
        false,
        "2024-09-19",
    ),
    (
        0,
        "酒造会社への再度の職員への介入（次年度4月）",
        "2025-04-30",
        "未着手",
        5,
        true,
        "2024-11-25",
    ),
    (
        1,
        "事業計画や目標・ロードマップの作成",
        "2024-08-21",
        "完了",
        1,
        false,
        "2024-07-31",
    ),
    (
        1,
        "産業保健総合支援センターとの打ち合わせ",
        "2024-10-16",
        "完了",
        4,
        true,
        "2024-09-27",
    ),
    (
        1,
        "事業実践対象へのヒアリング",
        "2024-11-30",
        "完了",
        4,
        false,
        "2024-10-30",
    ),
    (
        1,
        "理事会への報告",
        "2024-11-30",
        "完了",
        4,
        false,
        "2024-10-30",
    ),
    (
        1,
        "事業実践対象との講座内容の協議",
        "2024-12-27",
        "進行中",
        3,
        false,
        "2024-10-30",
    ),
    (
        1,
        "次年度の事業実践の開始",
        "2025-04-01",
        "未着手",
        3,
        true,
        "",
    ),
];

/// The multi-year plans: 茨城's from 図18/図21, 山口's from its direction (図15).
const PLANS: [&[(i32, &str)]; 2] = [
    &[
        (2024, "酒造会社での実践と評価"),
        (2025, "次年度4月の再介入と県内他業種への展開の準備"),
    ],
    &[
        (2024, "事業計画"),
        (2025, "事業実施"),
        (2026, "継続実施"),
        (2027, "関連団体との協働実施"),
    ],
];

fn add_meetings_and_tasks(tx: &rusqlite::Transaction, ids: &[i64]) -> Result<()> {
    let participants = |pid: i64| -> Result<Vec<i64>> {
        let mut st = tx.prepare("SELECT id FROM members WHERE project_id = ?1 AND role IN ('リーダー', 'メンバー', '伴走支援者', '伴走支援リーダー')")?;
        let rows = st.query_map([pid], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let mut meeting_on = std::collections::HashMap::new();
    for (team, list) in MEETINGS.iter().enumerate() {
        for (kind, title, date, format, decisions) in list.iter() {
            let training = *kind == "研修会";
            let input = MeetingInput {
                kind: (*kind).into(),
                title: (*title).into(),
                held_on: (*date).into(),
                start_time: if training { "13:30" } else { "19:00" }.into(),
                end_time: if training { "15:00" } else { "20:30" }.into(),
                format: (*format).into(),
                project_ids: vec![ids[team]],
                participant_ids: if training {
                    Vec::new()
                } else {
                    participants(ids[team])?
                },
                decisions: (*decisions).into(),
                agenda: if training {
                    "腰痛予防のミニ講座\n業務上の工夫の紹介"
                } else {
                    "進捗報告\n課題の共有\n次回までの予定"
                }
                .into(),
                ..Default::default()
            };
            let mid = meeting::insert(tx, &input.validate()?)?;
            meeting_on.insert((team, *date), mid);
        }
    }
    for (kind, title, date, decision) in JOINT_MEETINGS {
        let mut people = participants(ids[0])?;
        people.extend(participants(ids[1])?);
        let input = MeetingInput {
            kind: kind.into(),
            title: title.into(),
            held_on: date.into(),
            start_time: "13:30".into(),
            end_time: "15:30".into(),
            format: "オンライン".into(),
            project_ids: ids.to_vec(),
            participant_ids: people,
            decisions: decision.into(),
            agenda: "各チームの報告\n伴走支援者からの情報提供".into(),
            ..Default::default()
        };
        meeting::insert(tx, &input.validate()?)?;
    }
    for (team, title, due, status, phase, milestone, from) in TASKS {
        let owner: Option<i64> = tx
            .query_row(
                "SELECT id FROM members WHERE project_id = ?1 AND role = 'リーダー'",
                [ids[team]],
                |r| r.get(0),
            )
            .optional()?;
        let input = TaskInput {
            title: title.into(),
            owner_id: owner,
            due_date: due.into(),
            status: status.into(),
            phase: Some(i32::from(phase)),
            meeting_id: meeting_on.get(&(team, from)).copied(),
            milestone,
            note: String::new(),
        };
        task::insert(tx, ids[team], &input.validate()?)?;
    }
    for (team, steps) in PLANS.iter().enumerate() {
        for (fy, title) in steps.iter() {
            tx.execute(
                "INSERT INTO plan_steps (project_id, fiscal_year, title) VALUES (?1, ?2, ?3)",
                rusqlite::params![ids[team], fy, title],
            )?;
        }
    }
    // Checklist items cite the meetings where they were settled.
    for (team, key, date) in [
        (0, "inner.1", "2024-06-17"),
        (0, "outer.5", "2024-06-17"),
        (0, "outer.7", "2024-09-19"),
        (1, "inner.2", "2024-10-30"),
        (1, "inner.3", "2024-09-09"),
        (1, "inner.6", "2024-08-21"),
    ] {
        tx.execute(
            "INSERT INTO checklist_meetings (item_id, meeting_id)
             SELECT id, ?3 FROM checklist_items WHERE project_id = ?1 AND template_key = ?2",
            rusqlite::params![ids[team], key, meeting_on[&(team, date)]],
        )?;
    }
    Ok(())
}

/// The program (第1章 第3節): who runs it, its people once each (the teams'
/// supporters and secretariat linked to them), and its own meetings with the
/// report's dates (the report's 令和7年 for these is the program's 令和6年度).
fn add_program(tx: &rusqlite::Transaction, ids: &[i64]) -> Result<()> {
    let program: i64 = tx.query_row(
        "SELECT program_id FROM projects WHERE id = ?1",
        [ids[0]],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE programs SET fiscal_year = 2024, organizer = '日本理学療法士協会・日本作業療法士協会',
            secretariat = '地域保健総合推進事業 事務局',
            note = '事業協力者会議（4回）、伴走支援班、研修会班。モデルチーム：山口（PT）・茨城（OT）'
         WHERE id = ?1",
        [program],
    )?;
    // The supporters and the secretariat, once each, linked from the teams.
    for &id in ids {
        crate::store::program::link_people(tx, id)?;
    }
    for (name, role, affiliation) in [
        ("早川 綾", "研修会班", "東海リハビリテーション学院"),
        ("岩田 慎吾", "研修会班", "四国地域リハビリテーション協議会"),
        ("西田 聡", "事業協力者", "近畿の保健所（例）"),
    ] {
        tx.execute(
            "INSERT INTO program_people (program_id, name, role, affiliation, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![program, name, role, affiliation, crate::store::now()],
        )?;
    }
    let people = |roles: &[&str]| -> Result<Vec<i64>> {
        let mut st = tx.prepare(
            "SELECT id FROM program_people WHERE program_id = ?1 AND role IN (SELECT value FROM json_each(?2)) ORDER BY id",
        )?;
        let roles = serde_json::to_string(roles).expect("strings");
        let rows = st.query_map(rusqlite::params![program, roles], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let support = people(&["伴走支援班リーダー", "伴走支援者", "事務局"])?;
    let training = people(&["研修会班", "事務局"])?;
    let everyone = people(&[
        "伴走支援班リーダー",
        "伴走支援者",
        "研修会班",
        "事業協力者",
        "事務局",
    ])?;
    // (kind, title, date, who, agenda, decisions)
    type ProgramMeeting<'a> = (&'a str, &'a str, &'a str, &'a Vec<i64>, &'a str, &'a str);
    let meetings: [ProgramMeeting; 15] = [
        (
            "事前レク",
            "伴走支援班 事前レク",
            "2024-05-23",
            &support,
            "事業実施に向けたチーム活動の支援と支援のあり方の検討",
            "",
        ),
        (
            "事業協力者会議",
            "",
            "2024-06-11",
            &everyone,
            "事業全体の進捗管理",
            "モデルチームの伴走支援と研修会の計画を進める",
        ),
        (
            "班会議",
            "伴走支援班 第1回班会議",
            "2024-06-11",
            &support,
            "伴走支援の方向性と会議体の構成・役割の整理",
            "",
        ),
        (
            "班会議",
            "研修会班 第1回班会議",
            "2024-06-11",
            &training,
            "研修会の企画",
            "",
        ),
        (
            "臨時会議",
            "",
            "2024-07-03",
            &support,
            "モデルチームの状況の共有",
            "",
        ),
        (
            "班会議",
            "研修会班 第2回班会議",
            "2024-07-22",
            &training,
            "研修会の講演とグループワークの準備",
            "",
        ),
        (
            "事業協力者会議",
            "",
            "2024-08-26",
            &everyone,
            "事業全体の進捗管理",
            "",
        ),
        (
            "班会議",
            "伴走支援班 第2回班会議",
            "2024-08-27",
            &support,
            "第1回進捗会議の準備",
            "",
        ),
        (
            "研修会",
            "研修会（オンライン）",
            "2024-10-05",
            &training,
            "午前：講演8題\n午後：グループワーク（3テーマ）",
            "",
        ),
        (
            "臨時会議",
            "",
            "2024-10-22",
            &support,
            "モデルチームの状況の共有",
            "",
        ),
        (
            "班会議",
            "研修会班 第3回班会議",
            "2024-11-18",
            &training,
            "研修会の振り返りとアンケートの集計",
            "",
        ),
        (
            "班会議",
            "伴走支援班 第3回班会議",
            "2024-11-21",
            &support,
            "第2回進捗会議の準備",
            "",
        ),
        (
            "事業協力者会議",
            "",
            "2024-12-18",
            &everyone,
            "事業全体の進捗管理、事業報告の取りまとめ",
            "事業報告を取りまとめる",
        ),
        (
            "班会議",
            "伴走支援班 第4回班会議",
            "2024-12-19",
            &support,
            "伴走支援のあり方の評価と考察",
            "",
        ),
        (
            "事業協力者会議",
            "",
            "2025-02-05",
            &everyone,
            "事業報告の取りまとめ",
            "",
        ),
    ];
    let mut report_meeting = None;
    for (kind, title, date, who, agenda, decisions) in meetings {
        let input = MeetingInput {
            kind: kind.into(),
            title: title.into(),
            held_on: date.into(),
            start_time: "18:30".into(),
            end_time: "20:00".into(),
            format: "オンライン".into(),
            program_id: Some(program),
            person_ids: who.clone(),
            agenda: agenda.into(),
            decisions: decisions.into(),
            ..Default::default()
        };
        let id = meeting::insert(tx, &input.validate()?)?;
        if date == "2024-12-18" {
            report_meeting = Some(id);
        }
    }
    let secretariat: Option<i64> = tx
        .query_row(
            "SELECT id FROM program_people WHERE program_id = ?1 AND role = '事務局'",
            [program],
            |r| r.get(0),
        )
        .optional()?;
    let task = TaskInput {
        title: "事業報告の取りまとめ".into(),
        owner_id: secretariat,
        due_date: "2025-02-05".into(),
        status: "完了".into(),
        phase: None,
        meeting_id: report_meeting,
        milestone: true,
        note: String::new(),
    };
    task::insert_program_task(tx, program, &task.validate()?)?;
    Ok(())
}

/// `n` answers spread over values: [(value, how many)], in a fixed mixed
/// order so that a cross-tabulation does not split them by position.
fn answers_of<T: Clone>(counts: &[(T, usize)], n: usize, step: usize) -> Vec<Option<T>> {
    let mut flat: Vec<Option<T>> = counts
        .iter()
        .flat_map(|(v, k)| std::iter::repeat_n(Some(v.clone()), *k))
        .collect();
    flat.resize(n, None);
    (0..n).map(|i| flat[(i * step) % n].clone()).collect()
}

/// The 研修会 of 10月5日 and its two surveys (第3章 第3節), their answers
/// invented to reproduce the report's published shares: 48 answers of 54
/// participants (PT 21 / OT 27; satisfaction 27・20・1 = 56.3% / 41.7% / 2.1%,
/// the talks 43.8/35.4/18.8/2.1%, 60.4/31.3/8.3%, 58.3/35.4/6.3%), and 38
/// societies (取り組めている 8 = 21%; ①ヒト 11, ②モノ 22, ③カネ 23, ④情報 25, ⑤その他
/// 10 of 38). Prefectures, the society survey's PT/OT split, the triggers' and
/// the matrix's counts are the app's examples.
fn add_surveys(tx: &rusqlite::Transaction, project: i64) -> Result<()> {
    use crate::model::survey::{templates, Answer, ResponseSource, SurveyInput, ValidResponse};
    use crate::store::survey::{insert_survey, put_response};
    let (program, training): (i64, i64) = tx.query_row(
        "SELECT g.id, m.id FROM projects p JOIN programs g ON g.id = p.program_id
         JOIN meetings m ON m.program_id = g.id AND m.kind = '研修会'
         WHERE p.id = ?1",
        [project],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let question_ids = |survey: i64| -> Result<Vec<i64>> {
        let mut st =
            tx.prepare("SELECT id FROM survey_questions WHERE survey_id = ?1 ORDER BY position")?;
        let rows = st.query_map([survey], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let survey = |key: &str, participants: &str| -> Result<i64> {
        let t = templates().iter().find(|t| t.key == key).expect("shipped");
        let d = SurveyInput {
            title: t.title.clone(),
            description: t.description.clone(),
            participants: participants.into(),
            meeting_id: Some(training),
        }
        .validate()?;
        insert_survey(tx, Some(program), None, &d, Some(t))
    };
    let sheet = |survey: i64, answers: Vec<(i64, Option<Answer>)>| -> Result<()> {
        let d = ValidResponse {
            source: ResponseSource::Paper,
            answered_on: chrono::NaiveDate::from_ymd_opt(2024, 10, 5),
            answers: answers
                .into_iter()
                .filter_map(|(q, a)| Some((q, a?)))
                .collect(),
        };
        put_response(tx, survey, None, &d)?;
        Ok(())
    };

    // 研修会アンケート: 48 sheets.
    let s = survey("training", "54")?;
    let q = question_ids(s)?;
    let n = 48;
    let job = answers_of(&[(0u32, 21), (1, 27)], n, 1);
    let satisfaction = answers_of(&[(5u8, 27), (4, 20), (3, 1)], n, 7);
    let ministry = answers_of(&[(5u8, 21), (4, 17), (3, 9), (2, 1)], n, 11);
    let nurse = answers_of(&[(5u8, 29), (4, 15), (3, 4)], n, 13);
    let teams = answers_of(&[(5u8, 28), (4, 17), (3, 3)], n, 17);
    // 自由記載: the report's list of what societies would take up first.
    let free = [
        "士会内での情報共有・情報収集",
        "県内リハ職向けの普及啓発と人材育成",
        "成人の健康づくりに対する事業担当部署設置検討、事業計画検討",
        "現在実施している事業（もしくは関連事業）継続と拡大",
        "エイジフレンドリー補助金等の助成制度活用の検討",
        "士会員が保健医療圏域で取り組んでいる産業リハへの継続支援",
        "メンタルヘルス対策への取り組み",
        "腰痛予防対策には取り組み",
        "事業啓発・人材確保に向けたリーフレット製作（士会会員への発信、関連団体への発信）",
        "経験豊かな会員（シニア会員）の事業への協力への意向調査",
        "事業展開にあたりフォーマットの検討",
        "産業保健領域での作業療法士の役割の検討",
        "現段階では困難",
    ];
    for i in 0..n {
        sheet(
            s,
            vec![
                (q[0], job[i].map(Answer::Choice)),
                (q[2], Some(Answer::Choice(((i * 19 + 5) % 47) as u32))),
                (q[3], satisfaction[i].map(Answer::Score)),
                (q[4], ministry[i].map(Answer::Score)),
                (q[5], nurse[i].map(Answer::Score)),
                (q[6], teams[i].map(Answer::Score)),
                (q[7], free.get(i).map(|t| Answer::Text(t.to_string()))),
            ],
        )?;
    }

    // 士会の取り組み状況アンケート: 38 societies.
    let s = survey("society", "")?;
    let q = question_ids(s)?;
    let n = 38;
    let kind = answers_of(&[(0u32, 20), (1, 18)], n, 1);
    let considering = answers_of(&[(0u32, 19), (1, 19)], n, 3);
    let working = answers_of(&[(0u32, 8), (1, 30)], n, 5);
    let yes = |k: usize, step: usize| answers_of(&[(true, k), (false, n - k)], n, step);
    let barriers = [yes(11, 3), yes(22, 5), yes(23, 7), yes(25, 9), yes(10, 11)];
    for i in 0..n {
        // きっかけ: 24 answer, one of them with two reasons (11・11・1・1・1).
        let triggers = match i {
            0 => Some(vec![0, 1]),
            1..=10 => Some(vec![0]),
            11..=20 => Some(vec![1]),
            21 => Some(vec![2]),
            22 => Some(vec![3]),
            23 => Some(vec![4]),
            _ => None,
        };
        let doing = working[i] == Some(0);
        // What the societies that work on it do (theme × method).
        let grid = doing.then(|| {
            vec![
                if i % 3 == 0 { vec![0] } else { vec![] },
                vec![2],
                if i % 2 == 0 { vec![0, 2] } else { vec![1] },
                if i % 4 == 0 { vec![1, 2] } else { vec![] },
            ]
        });
        sheet(
            s,
            vec![
                (q[0], kind[i].map(Answer::Choice)),
                (q[1], Some(Answer::Choice(((i * 5) % 47) as u32))),
                (q[2], considering[i].map(Answer::Choice)),
                (q[3], triggers.map(Answer::Choices)),
                (q[4], working[i].map(Answer::Choice)),
                (q[5], grid.map(Answer::Grid)),
                (
                    q[6],
                    Some(Answer::Rows(barriers.iter().map(|b| b[i]).collect())),
                ),
            ],
        )?;
    }
    Ok(())
}

/// 課題・今後の検討事項 in the report's words: 茨城's six 課題 and the three new
/// ones of 10月30日 (第3節), 山口's 図16 (今後の検討事項, with what was under way).
/// (team, kind, title, status, 対応, meeting date). The six were listed before
/// the last meeting; the app files them under 第5回 (9月27日) as an example.
const ISSUES: [(usize, &str, &str, &str, &str, &str); 15] = [
    (1, "課題", "人材確保（マンパワー）", "未対応", "", "2024-09-27"),
    (1, "課題", "事業のマネジメント（人材派遣、ヒント、回数の上限等）", "未対応", "", "2024-09-27"),
    (1, "課題", "出前講座の手法（対象者、支援の種類・方法、時間枠、派遣による現地支援か録画教材提供か資料提示）", "検討中", "", "2024-09-27"),
    (1, "課題", "全国健康保険協会、産業保健総合支援センター等との連携策の模索", "検討中", "多職種連携は、産業保健総合支援センター等との定期的なミーティング（アクションプラン）", "2024-09-27"),
    (1, "課題", "士会との連携検討（県士会員、茨城精神作業療法専門委員会、チーム員）", "未対応", "", "2024-09-27"),
    (1, "課題", "内部体制（人材育成、指導者養成、補助金等）", "検討中", "内部体制としての講師選定や研修計画、運営マニュアル、広報を実施（アクションプラン）", "2024-09-27"),
    (1, "課題", "実践に移行できていないこと（実施体制や人材育成が未整備である事）", "検討中", "単年度での取り組みとせず、数年かけた中長期計画へと計画を拡大", "2024-10-30"),
    (1, "課題", "メニューの多様性（現在の講座内容のみでは、地域のニーズに充分に応えられない可能性がある）", "検討中", "メニュー作成については、健康経営法人認定項目にあわせた内容（アクションプラン）", "2024-10-30"),
    (1, "課題", "多職種連携（地域の医療機関や福祉機関との連携体制が未整備）", "検討中", "多職種連携は、産業保健総合支援センター等との定期的なミーティング（アクションプラン）", "2024-10-30"),
    (0, "今後の検討事項", "本活動を行う上での山口県下における情報収集・分析（地域診断や企業情報など）", "未対応", "", "2024-11-25"),
    (0, "今後の検討事項", "本活動を行うにあたっての担当市町の保健師さんとの協働模索", "未対応", "", "2024-11-25"),
    (0, "今後の検討事項", "地域の新聞社などへの情報提供や広報活動", "未対応", "", "2024-11-25"),
    (0, "今後の検討事項", "協会けんぽや産保センターとの連携模索（本事業結果を持ってPRなどを行う）", "未対応", "", "2024-11-25"),
    (0, "今後の検討事項", "他士会（OT・ST士会）様との連携検討", "検討中", "OT士会様の担当者と調整中", "2024-11-25"),
    (0, "今後の検討事項", "山口県士会内部での体制づくり、人材確保・育成など", "検討中", "企画広報部で取り組みをPRして頂くように調整中。産業理学療法に関する研修会を今年度開始（人材発掘・興味のある人の取り込み）", "2024-11-25"),
];

fn add_issues(tx: &rusqlite::Transaction, ids: &[i64], today: chrono::NaiveDate) -> Result<()> {
    for (team, kind, title, status, response, date) in ISSUES {
        let meeting_id: i64 = tx.query_row(
            "SELECT m.id FROM meetings m JOIN meeting_projects mp ON mp.meeting_id = m.id
             WHERE mp.project_id = ?1 AND m.held_on = ?2 AND m.kind = 'チーム会議'",
            rusqlite::params![ids[team], date],
            |r| r.get(0),
        )?;
        let input = IssueInput {
            kind: kind.into(),
            title: title.into(),
            status: status.into(),
            response: response.into(),
            meeting_id: Some(meeting_id),
            ..Default::default()
        };
        issue::insert(tx, ids[team], &input.validate()?, today)?;
    }
    Ok(())
}

/// An evaluated meeting: who wrote, and the sums of their scores A–D, from
/// which each person's 1–4 is spread (means as the report's figures describe).
struct Evaluated {
    /// 0 山口, 1 茨城, 2 joint.
    team: usize,
    date: &'static str,
    /// 他者評価: sums A–D over the team's people who wrote one.
    other: [u32; 4],
    /// 自己評価: sums A–D over the supporters.
    own: [u32; 4],
    /// Comments A–D for 他者 and 自己; empty: none were written.
    comments: [[&'static str; 4]; 2],
}

/// 図23–25 as the report describes them: 他者 above 自己 at every meeting;
/// 茨城 (4 people, 4 supporters) A–C by 0.5–1.0 and D by 0.5–1.5, its C and D
/// 他者 rising, its 自己 D up and down; 山口 (3 people, 4 supporters) A–C by
/// about 0.6–1.5 and D by 1.0–2.5, the last meeting lower; the two joint
/// 進捗会議 (7 people, 6 supporters) by about 1.0. The comments are the app's
/// examples, written with the words the report's co-occurrence networks show.
const EVALUATED: [Evaluated; 9] = [
    Evaluated {
        team: 0,
        date: "2024-07-16",
        other: [12, 12, 12, 12],
        own: [10, 11, 10, 6],
        comments: [
            [
                "制度や補助金の相談に丁寧に応じていただいた",
                "地元の新聞への情報提供など、提供できる活動の広げ方を示してもらった",
                "補助制度の相談先について具体的な情報提供があった",
                "こちらの状況に合わせて相談の時間を取ってもらえた",
            ],
            [
                "意見を出しやすい場面づくりを意識したが、質問の設定が多すぎた",
                "事業の内容とスケジュールを確認し、進行を支えた",
                "提供する情報の量と内容を整理する必要がある",
                "会議の進行の中で状況に応じた設定の変更ができなかった",
            ],
        ],
    },
    Evaluated {
        team: 0,
        date: "2024-08-19",
        other: [12, 12, 12, 12],
        own: [12, 12, 11, 8],
        comments: [
            [
                "作業の分析結果の提示があり、チームの考えが整理された",
                "アンケートの分析について助言を受け、次の作業が明確になった",
                "分析結果の提示と助言が具体的で役立った",
                "作業の進み具合に合わせて提案してもらった",
            ],
            [
                "通信環境の不具合があり、内容の確認が十分でなかった",
                "評価項目ごとに機能を確認し、支援の焦点を絞った",
                "評価の内容と項目の整理を手伝った",
                "環境の変化への対応が遅れた",
            ],
        ],
    },
    Evaluated {
        team: 0,
        date: "2024-09-19",
        other: [12, 12, 12, 12],
        own: [12, 12, 11, 8],
        comments: [
            [
                "研修会のスライドの作成について助言をもらえた",
                "説明の仕方を一緒に考え、スライドの作成が進んだ",
                "研修会で説明する内容に必要な資料の提示があった",
                "スライドの修正に柔軟に応じてもらった",
            ],
            [
                "事業の目的と企業の現状を確認した",
                "効果の検証と課題の検討を提案した",
                "人材の確保について提案し、事業の検討を促した",
                "企業の効果や課題を踏まえた提供ができなかった",
            ],
        ],
    },
    Evaluated {
        // The report: comments of the fourth meeting were not compiled.
        team: 0,
        date: "2024-11-25",
        other: [11, 11, 10, 9],
        own: [12, 12, 11, 8],
        comments: [["", "", "", ""], ["", "", "", ""]],
    },
    Evaluated {
        team: 1,
        date: "2024-07-31",
        other: [15, 15, 13, 13],
        own: [12, 11, 11, 11],
        comments: [
            [
                "事業をさまざまな視点から考える情報をもらった",
                "チームの強みと専門職としての役割を意識できた",
                "団体の情報や事業の視点について情報提供があった",
                "専門の視点で柔軟に支援してもらった",
            ],
            [
                "チームの状況を確認しながら助言した",
                "活動の方向について提案し、チームで決めてもらうよう意識した",
                "状況に合った助言になるよう情報を選んだ",
                "活動の方向が変わった際の助言が遅れた",
            ],
        ],
    },
    Evaluated {
        team: 1,
        date: "2024-09-27",
        other: [16, 15, 14, 14],
        own: [12, 12, 11, 8],
        comments: [
            [
                "出前講座の提案と資料がとても参考になった",
                "産業保健や協会の支援について提案をもらった",
                "講座の資料や産業保険の情報提供が具体的だった",
                "出前講座の提案に柔軟に対応してもらった",
            ],
            [
                "作業療法の視点を確認しながら伝えることを意識した",
                "予防と健康づくりの重要性を伝えた",
                "健康と予防の作業について確認した",
                "伝える内容の確認が不十分だった",
            ],
        ],
    },
    Evaluated {
        team: 1,
        date: "2024-10-30",
        other: [16, 16, 16, 15],
        own: [14, 14, 12, 11],
        comments: [
            [
                "産業保健や保険の協会との連携の支援が心強かった",
                "中長期計画の作成を支えてもらった",
                "産業保健の協会の支援について有効な情報提供があった",
                "新たな課題の整理に柔軟に対応してもらった",
            ],
            [
                "チームの実践と伴走の関係を確認した",
                "チームの活動と資料づくりの実践を支えた",
                "伴走による資料の提供が活動にどう影響したか確認した",
                "チームの実践に合わせた伴走ができた",
            ],
        ],
    },
    Evaluated {
        team: 2,
        date: "2024-09-05",
        other: [26, 25, 24, 24],
        own: [16, 15, 15, 14],
        comments: [
            [
                "茨城と山口の活動の状況を知ることができた",
                "今後の情報の活用について考えるきっかけになった",
                "両チームの活動と情報を共有できた",
                "今後の状況に応じて情報を活用したい",
            ],
            [
                "支援の方向について助言が必要と感じた",
                "推進に必要な支援の方法を考えた",
                "健康経営と介入の課題について情報を示した",
                "企業の健康課題への方法を示しきれなかった",
            ],
        ],
    },
    Evaluated {
        team: 2,
        date: "2024-12-05",
        other: [25, 25, 23, 23],
        own: [16, 16, 15, 14],
        comments: [
            [
                "事業の実践と企画を振り返り、有益な情報を得た",
                "チームの強みと自律した展開を意識できた",
                "実践の成果を確認できた有益な会議だった",
                "チームの成果と今後の展開を意識できた",
            ],
            [
                "チームメンバーの意見や発言を大切にした",
                "メンバーからの提案を評価した",
                "チームの意見をまとめる発言を心がけた",
                "メンバーの発言に応じた支援が十分でなかった",
            ],
        ],
    },
];

/// Every comment sentence of the demo (its vocabulary, for benchmarks).
pub fn comment_sentences() -> Vec<&'static str> {
    EVALUATED
        .iter()
        .flat_map(|e| e.comments.iter().flatten())
        .copied()
        .filter(|c| !c.is_empty())
        .collect()
}

/// Spreads `sum` over `n` people as 1–4 scores: the first `sum % n` (turning
/// with the item, so no one always scores high) get one more than the rest.
fn spread(sum: u32, n: usize, item: usize) -> Vec<u8> {
    let n32 = n as u32;
    let (base, extra) = (sum / n32, (sum % n32) as usize);
    (0..n)
        .map(|k| {
            let high = (k + n - item % n) % n < extra;
            u8::try_from(base + u32::from(high)).expect("1–4")
        })
        .collect()
}

fn add_evaluations(tx: &rusqlite::Transaction, ids: &[i64]) -> Result<()> {
    for ev in &EVALUATED {
        let projects: Vec<i64> = if ev.team == 2 {
            ids.to_vec()
        } else {
            vec![ids[ev.team]]
        };
        let meeting: i64 = tx.query_row(
            "SELECT m.id FROM meetings m JOIN meeting_projects mp ON mp.meeting_id = m.id
             WHERE mp.project_id = ?1 AND m.held_on = ?2 AND (?3 = 0 OR m.kind = '進捗会議')",
            rusqlite::params![projects[0], ev.date, i64::from(ev.team == 2)],
            |r| r.get(0),
        )?;
        let people = |roles: &str| -> Result<Vec<i64>> {
            let mut out = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for p in &projects {
                let mut st = tx.prepare(&format!(
                    "SELECT id, name FROM members WHERE project_id = ?1 AND role IN ({roles}) ORDER BY id"
                ))?;
                let rows =
                    st.query_map([p], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
                for row in rows {
                    let (id, name) = row?;
                    // A supporter of both teams writes one 自己評価 of a joint meeting.
                    if seen.insert(name) {
                        out.push(id);
                    }
                }
            }
            Ok(out)
        };
        let written = (ev
            .date
            .parse::<chrono::NaiveDate>()
            .expect("demo dates are valid")
            + chrono::Days::new(4))
        .to_string();
        let forms = [
            ("他者評価", people("'リーダー', 'メンバー'")?, ev.other, 0),
            (
                "自己評価",
                people("'伴走支援者', '伴走支援リーダー'")?,
                ev.own,
                1,
            ),
        ];
        for (kind, evaluators, sums, c) in forms {
            let n = evaluators.len();
            let scores: Vec<Vec<u8>> = (0..4).map(|i| spread(sums[i], n, i)).collect();
            for (k, evaluator) in evaluators.into_iter().enumerate() {
                // Each item's comment comes from one person; the others
                // left that box empty, as most people do.
                let comments: Vec<String> = (0..4)
                    .map(|i| {
                        if i % n == k {
                            ev.comments[c][i].to_owned()
                        } else {
                            String::new()
                        }
                    })
                    .collect();
                let input = EvaluationInput {
                    meeting_id: meeting,
                    kind: kind.into(),
                    evaluator_id: Some(evaluator),
                    written_on: written.clone(),
                    scores: (0..4).map(|i| Some(i32::from(scores[i][k]))).collect(),
                    comments,
                };
                evaluation::insert(tx, &input.validate()?)?;
            }
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded { projects: usize, members: usize },
    AlreadyLoaded,
}

/// Loads the demo in one transaction. Loading twice changes nothing.
pub fn load(store: &mut Store) -> Result<DemoOutcome> {
    let demo = projects();
    let first = demo[0].project.name.clone();
    store.write(|tx| {
        let exists = tx
            .query_row("SELECT 1 FROM projects WHERE name = ?1", [&first], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        if exists {
            return Ok(DemoOutcome::AlreadyLoaded);
        }
        let mut members = 0;
        let mut ids = Vec::new();
        for d in &demo {
            let pid = project::insert(tx, &d.project.validate()?)?;
            ids.push(pid);
            for &(name, role, affiliation) in &d.members {
                let input = MemberInput {
                    name: name.into(),
                    role: role.into(),
                    affiliation: affiliation.into(),
                    email: String::new(),
                };
                member::insert(tx, pid, &input.validate()?)?;
                members += 1;
            }
            fill_project(tx, pid, d)?;
            rate_strengths(tx, pid, ids.len() - 1)?;
        }
        add_resources(tx, ids[0], ids[1])?;
        add_meetings_and_tasks(tx, &ids)?;
        add_program(tx, &ids)?;
        add_surveys(tx, ids[0])?;
        add_evaluations(tx, &ids)?;
        add_issues(tx, &ids, chrono::Local::now().date_naive())?;
        Ok(DemoOutcome::Loaded {
            projects: demo.len(),
            members,
        })
    })
}
