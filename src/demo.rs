//! The demo: the two model teams of the FY2024 (令和6年度) report, with invented
//! personal names (the report names real people; societies and dates are kept).

use crate::error::Result;
use crate::model::evaluation::EvaluationInput;
use crate::model::meeting::MeetingInput;
use crate::model::task::TaskInput;
use crate::model::{
    ContactLogInput, ContactPerson, MemberInput, ProjectInput, ResourceInput, StakeholderInput,
};
use crate::store::{evaluation, meeting, member, project, resource, stakeholder, task, Store};
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

const SUPPORTERS_YAMAGUCHI: [(&str, &str, &str); 3] = [
    (
        "北村 浩一",
        "伴走支援リーダー",
        "関東リハビリテーション病院",
    ),
    ("中川 智也", "伴走支援者", "九州健康づくり研究所"),
    ("上野 明子", "伴走支援者", "中部訪問リハビリステーション"),
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

fn projects() -> Vec<DemoProject> {
    let secretariat = ("高橋 由紀", "事務局", "地域保健総合推進事業 事務局");
    let yamaguchi: Vec<_> = [
        ("山本 健一", "リーダー", "山口県理学療法士会 職能推進部"),
        ("井上 拓海", "メンバー", "山口県理学療法士会"),
        ("小川 陸", "メンバー", "山口県理学療法士会"),
    ]
    .into_iter()
    .chain(SUPPORTERS_YAMAGUCHI)
    .chain([secretariat])
    .collect();
    let ibaraki: Vec<_> = [
        ("斎藤 真由美", "リーダー", "茨城県作業療法士会 地域局"),
        ("加藤 剛", "メンバー", "茨城県作業療法士会"),
        ("清水 誠", "メンバー", "茨城県作業療法士会"),
        ("佐野 健", "メンバー", "茨城県作業療法士会"),
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
                goal: "酒造会社の職員を対象に、職場訪問・事業部署別インタビュー・職員アンケート・ミニ講座による腰痛予防の介入を行い、評価まで実施する。その経験をもとに、県内の他業種へ展開できる士会の事業として形にする。".into(),
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
                goal: "従業員50人以下の事業所で働く人のメンタルヘルス不調を予防するため、県内のリハビリテーション専門職4団体と産業保健総合支援センターとの連携のもと、介入体制と中長期の事業計画を整える。".into(),
            },
            members: ibaraki,
            phase: 3,
            items: ibaraki_items(),
            stakeholders: ibaraki_stakeholders(),
        },
    ]
}

const Y_LEADER: &str = "山本 健一";
const I_LEADER: &str = "斎藤 真由美";

fn yamaguchi_items() -> Vec<DemoItem> {
    let done = |date, by| vec![(date, by, "進行中"), (date, by, "完了")];
    vec![
        (
            "inner.1",
            "完了",
            Y_LEADER,
            "",
            "職能推進部が担当。理事会で担当部門として承認",
            done("2024-06-17", Y_LEADER),
            vec![],
        ),
        (
            "inner.2",
            "進行中",
            Y_LEADER,
            "2025-03-31",
            "次年度予算への計上を理事会に提案する",
            vec![("2024-09-19", Y_LEADER, "進行中")],
            vec![],
        ),
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
            "2025-02-28",
            "協力会員向けの勉強会を計画中",
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
            "小川 陸",
            "",
            "職場訪問・事業部署別インタビュー・職員アンケート・ミニ講座",
            done("2024-08-19", "小川 陸"),
            vec![],
        ),
        (
            "inner.8",
            "進行中",
            "小川 陸",
            "2025-01-31",
            "他業種向けリーフレットを作成中",
            vec![("2024-11-25", "小川 陸", "進行中")],
            vec![],
        ),
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
            "",
            done("2024-09-19", Y_LEADER),
            vec!["山口産業保健総合支援センター", "全国健康保険協会 山口支部"],
        ),
        (
            "outer.3",
            "完了",
            "井上 拓海",
            "",
            "",
            done("2024-11-25", "井上 拓海"),
            vec!["山口県SAFE協議会"],
        ),
        (
            "outer.4",
            "進行中",
            Y_LEADER,
            "",
            "県の健康増進課への説明を準備中",
            vec![("2024-11-25", Y_LEADER, "進行中")],
            vec!["山口県 健康増進課"],
        ),
        (
            "outer.5",
            "完了",
            Y_LEADER,
            "",
            "幹部職員とのつながりを活用して合意",
            done("2024-07-08", Y_LEADER),
            vec!["酒造会社（県内）"],
        ),
        (
            "outer.6",
            "完了",
            "小川 陸",
            "",
            "職員へのミニ講座と個別フィードバック",
            done("2024-07-26", "小川 陸"),
            vec![],
        ),
        (
            "outer.7",
            "完了",
            "井上 拓海",
            "",
            "JLEQ・東大1項目版・転倒災害チェックシートによるアンケート",
            done("2024-08-19", "井上 拓海"),
            vec![],
        ),
        (
            "outer.8",
            "進行中",
            Y_LEADER,
            "",
            "介入終了後のアンケートを上司へ報告",
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
                    "事業協力会社へ説明。職場訪問とアンケートの実施に合意",
                    "協議中",
                ),
                ("2024-07-26", "腰痛予防対策研修会を実施", "連携"),
            ],
        ),
        (
            "山口産業保健総合支援センター",
            "産業保健総合支援センター",
            ("産業保健相談員", "相談窓口"),
            vec![("2024-10-02", "事業の紹介と連携の打診", "打診")],
        ),
        (
            "全国健康保険協会 山口支部",
            "協会けんぽ",
            ("保健グループ", "保健グループ"),
            vec![(
                "2024-11-11",
                "健康づくりパンフレットの提供を受け、連携を打診",
                "打診",
            )],
        ),
        (
            "山口県SAFE協議会",
            "労働局",
            ("事務局", "山口労働局 健康安全課"),
            vec![(
                "2024-12-05",
                "次年度の協働（腰痛予防の出前講座）について協議",
                "協議中",
            )],
        ),
        ("山口県 健康増進課", "自治体", ("", ""), vec![]),
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
        ("inner.2", "未着手", I_LEADER, "", "", vec![], vec![]),
        (
            "inner.3",
            "進行中",
            I_LEADER,
            "",
            "理事会への報告を重ねている",
            vec![("2024-08-21", I_LEADER, "進行中")],
            vec![],
        ),
        (
            "inner.4",
            "完了",
            "加藤 剛",
            "",
            "県内リハ専門職4団体での体制",
            done("2024-08-21", "加藤 剛"),
            vec![],
        ),
        ("inner.5", "未着手", "加藤 剛", "", "", vec![], vec![]),
        (
            "inner.6",
            "完了",
            I_LEADER,
            "",
            "令和6年度から中長期目標に向けたステップを作成",
            done("2024-08-21", I_LEADER),
            vec![],
        ),
        (
            "inner.7",
            "進行中",
            "清水 誠",
            "",
            "メンタルヘルスケアと余暇活動のプログラム案",
            vec![("2024-09-27", "清水 誠", "進行中")],
            vec![],
        ),
        ("inner.8", "未着手", "佐野 健", "", "", vec![], vec![]),
        (
            "outer.1",
            "完了",
            "清水 誠",
            "",
            "産業保健・精神保健の制度を調査",
            done("2024-09-09", "清水 誠"),
            vec![],
        ),
        (
            "outer.2",
            "完了",
            I_LEADER,
            "",
            "",
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
            "加藤 剛",
            "",
            "",
            vec![("2024-08-21", "加藤 剛", "進行中")],
            vec!["茨城県理学療法士会・言語聴覚士会ほか"],
        ),
        (
            "outer.4",
            "進行中",
            I_LEADER,
            "",
            "産保センターと連携の窓口を確認",
            vec![("2024-10-16", I_LEADER, "進行中")],
            vec!["茨城産業保健総合支援センター"],
        ),
        (
            "outer.5",
            "未着手",
            "佐野 健",
            "",
            "従業員50人以下の事業所を候補に",
            vec![],
            vec![],
        ),
        (
            "outer.6",
            "該当なし",
            I_LEADER,
            "",
            "今年度は個人への働きかけを行わず、次年度以降に実施",
            vec![("2024-10-30", I_LEADER, "該当なし")],
            vec![],
        ),
        ("outer.7", "未着手", "清水 誠", "", "", vec![], vec![]),
        ("outer.8", "未着手", "清水 誠", "", "", vec![], vec![]),
    ]
}

fn ibaraki_stakeholders() -> Vec<DemoStakeholder> {
    vec![
        (
            "茨城産業保健総合支援センター",
            "産業保健総合支援センター",
            ("メンタルヘルス対策促進員", "事業課"),
            vec![
                (
                    "2024-09-09",
                    "50人以下の事業所の状況について情報提供を依頼",
                    "打診",
                ),
                (
                    "2024-10-16",
                    "産保センター打ち合わせ（対面）。連携の窓口と進め方を協議",
                    "協議中",
                ),
            ],
        ),
        (
            "全国健康保険協会 茨城支部",
            "協会けんぽ",
            ("企画総務グループ", "企画総務グループ"),
            vec![(
                "2024-09-27",
                "覚書締結の状況を確認し、連携の窓口を打診",
                "打診",
            )],
        ),
        (
            "茨城県理学療法士会・言語聴覚士会ほか",
            "他士会",
            ("事業担当理事", "各士会"),
            vec![("2024-08-21", "県内4団体での事業体制に合意", "連携")],
        ),
        ("茨城県精神保健福祉センター", "その他", ("", ""), vec![]),
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
        "上野 明子",
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

/// (kind, title or "", date, format, decisions) per team, from 表3.
type DemoMeeting = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const MEETINGS: [&[DemoMeeting]; 2] = [
    &[
        ("チーム会議", "", "2024-06-17", "オンライン", "7/8 事業協力会社へ説明\n～7月中旬 アンケート実施（JLEQ・東大1項目版・転倒災害チェックシート）\n7/26 腰痛予防対策研修会"),
        ("チーム会議", "", "2024-07-16", "オンライン", "職場訪問と事業部署別インタビューの日程を決める"),
        ("チーム会議", "", "2024-08-19", "オンライン", "アンケート結果を個人ごとにまとめ、上司へ報告する"),
        ("チーム会議", "", "2024-09-19", "オンライン", "介入終了後のアンケートを11月に実施する"),
        ("チーム会議", "", "2024-11-25", "オンライン", "次年度予算案を理事会に提案する\n県内他業種向けのリーフレットを作る"),
    ],
    &[
        ("チーム会議", "", "2024-06-09", "対面", "事業の軸をメンタルヘルス不調に置く"),
        ("チーム会議", "", "2024-07-31", "オンライン", "県内4団体での体制づくりを進める"),
        ("チーム会議", "", "2024-08-21", "オンライン", "事業計画・目標・ロードマップを作成する"),
        ("チーム会議", "", "2024-09-09", "オンライン", "産業保健総合支援センターへ情報提供を依頼する"),
        ("チーム会議", "", "2024-09-27", "オンライン", "協会けんぽ支部の連携窓口を確認する"),
        ("関係機関打ち合わせ", "産業保健総合支援センター打ち合わせ", "2024-10-16", "対面", "50人以下の事業所への案内方法を一緒に考える"),
        ("チーム会議", "", "2024-10-30", "オンライン", "対象事業所の候補リストを作る\n介入計画書を作成する"),
    ],
];

/// Joint meetings of the program (both teams): (kind, date).
const JOINT_MEETINGS: [(&str, &str, &str); 3] = [
    (
        "オリエンテーション",
        "2024-06-20",
        "各チームの事業の概要と伴走支援の進め方を共有する",
    ),
    ("進捗会議", "2024-09-05", "両チームの進捗と課題を共有する"),
    ("進捗会議", "2024-12-05", "成果と次年度の計画を共有する"),
];

/// (team, title, due, status, phase, milestone, meeting date the decision came from)
const TASKS: [(usize, &str, &str, &str, u8, bool, &str); 10] = [
    (
        0,
        "事業協力会社へ説明",
        "2024-07-08",
        "完了",
        1,
        false,
        "2024-06-17",
    ),
    (
        0,
        "アンケート実施（JLEQ・東大1項目版・転倒災害チェックシート）",
        "2024-07-19",
        "完了",
        3,
        false,
        "2024-06-17",
    ),
    (
        0,
        "腰痛予防対策研修会",
        "2024-07-26",
        "完了",
        3,
        true,
        "2024-06-17",
    ),
    (
        0,
        "介入終了後のアンケート",
        "2024-11-15",
        "完了",
        5,
        false,
        "2024-09-19",
    ),
    (
        0,
        "次年度予算案を理事会に提案",
        "2025-03-15",
        "進行中",
        5,
        false,
        "2024-11-25",
    ),
    (
        1,
        "事業計画・目標・ロードマップの作成",
        "2024-08-21",
        "完了",
        1,
        false,
        "2024-07-31",
    ),
    (
        1,
        "産業保健総合支援センター打ち合わせ",
        "2024-10-16",
        "完了",
        4,
        true,
        "2024-09-09",
    ),
    (
        1,
        "対象事業所の候補リスト作成",
        "2024-12-20",
        "進行中",
        3,
        false,
        "2024-10-30",
    ),
    (
        1,
        "介入計画書の作成",
        "2025-01-31",
        "未着手",
        3,
        false,
        "2024-10-30",
    ),
    (
        1,
        "次年度 事業実施の開始",
        "2025-04-01",
        "未着手",
        3,
        true,
        "",
    ),
];

const PLANS: [&[(i32, &str)]; 2] = [
    &[
        (2024, "酒造会社での実践"),
        (2025, "県内他業種への展開"),
        (2026, "SAFE協議会との協働実施"),
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
            let input = MeetingInput {
                kind: (*kind).into(),
                title: (*title).into(),
                held_on: (*date).into(),
                start_time: "19:00".into(),
                end_time: "20:30".into(),
                format: (*format).into(),
                project_ids: vec![ids[team]],
                participant_ids: participants(ids[team])?,
                decisions: (*decisions).into(),
                agenda: "進捗報告\n課題の共有\n次回までの予定".into(),
                ..Default::default()
            };
            let mid = meeting::insert(tx, &input.validate()?)?;
            meeting_on.insert((team, *date), mid);
        }
    }
    for (kind, date, decision) in JOINT_MEETINGS {
        let mut people = participants(ids[0])?;
        people.extend(participants(ids[1])?);
        let input = MeetingInput {
            kind: kind.into(),
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
    Ok(())
}

/// Evaluated meetings: (team 0 山口 / 1 茨城 / 2 joint, meeting date).
const EVALUATED: [(usize, &str); 8] = [
    (0, "2024-07-16"),
    (0, "2024-08-19"),
    (0, "2024-09-19"),
    (0, "2024-11-25"),
    (1, "2024-07-31"),
    (1, "2024-09-27"),
    (1, "2024-10-30"),
    (2, "2024-12-05"),
];

/// Comments in the report's vocabulary, A–D, for 他者評価 and 自己評価.
const OTHER_COMMENTS: [[&str; 4]; 2] = [
    [
        "毎回の会議で丁寧に傾聴していただき、安心して相談できた",
        "チームの強みを活かす視点で助言をもらい、活動の動機づけになった",
        "補助金や関係機関について有効な情報提供があった",
        "状況の変化に合わせて柔軟に支援していただいた",
    ],
    [
        "メンバー全員の意見を公平に聞いてくれた",
        "自分たちで考える時間を大切にしてくれた",
        "実現可能な進め方を一緒に考えてくれた",
        "こちらの気づきや発案を活かしてくれた",
    ],
];

const SELF_COMMENTS: [[&str; 4]; 2] = [
    [
        "傾聴を心がけ、チームとの信頼関係の構築に努めた",
        "解決方法を安易に提示しないよう、自律性の尊重を意識した",
        "情報提供が多くなりすぎ、振り返りの時間が十分に取れなかった",
        "状況の変化への対応が後手になった",
    ],
    [
        "リーダーを後方から支える関わりを意識した",
        "強みの同定が十分でなかった",
        "実現可能性に沿った情報提供を心がけた",
        "気づきや発案を活かしきれなかった",
    ],
];

/// (kind, evaluators, scores per evaluator, comments per evaluator).
type DemoForms<'a> = (
    &'a str,
    Vec<Option<i64>>,
    &'a [[u8; 4]],
    &'a [[&'a str; 4]; 2],
);

/// 他者評価 above 自己評価 by 0.5–1.0 on A–C and by more on D, as in 図23–25.
fn add_evaluations(tx: &rusqlite::Transaction, ids: &[i64]) -> Result<()> {
    for (n, (team, date)) in EVALUATED.iter().enumerate() {
        let project = ids[if *team == 2 { 0 } else { *team }];
        let meeting: i64 = tx.query_row(
            "SELECT m.id FROM meetings m JOIN meeting_projects mp ON mp.meeting_id = m.id
             WHERE mp.project_id = ?1 AND m.held_on = ?2 AND (?3 = 0 OR m.kind = '進捗会議')",
            rusqlite::params![project, date, i64::from(*team == 2)],
            |r| r.get(0),
        )?;
        let people = |roles: &str| -> Result<Vec<i64>> {
            let mut st = tx.prepare(&format!(
                "SELECT id FROM members WHERE project_id = ?1 AND role IN ({roles}) ORDER BY id LIMIT 2"
            ))?;
            let rows = st.query_map([project], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let written = (date
            .parse::<chrono::NaiveDate>()
            .expect("demo dates are valid")
            + chrono::Days::new(4))
        .to_string();
        // Per evaluator (in order) the scores A–D: 他者 means about 3.7/3.7/3.3/4.0,
        // 自己 about 3.0/3.0/2.5/2.0 (D 2.5 at every third meeting).
        let lift = u8::from(n % 3 == 1);
        let other: [[u8; 4]; 3] = [[4, 4, 4, 4], [4, 3, 3, 4], [3, 4, 3, 4]];
        let own: [[u8; 4]; 2] = [[3, 3, 3, 2 + lift], [3, 3, 2, 2]];
        let forms: [DemoForms; 2] = [
            (
                "他者評価",
                people("'リーダー', 'メンバー'")?
                    .into_iter()
                    .map(Some)
                    .chain([None])
                    .collect(),
                &other,
                &OTHER_COMMENTS,
            ),
            (
                "自己評価",
                people("'伴走支援者', '伴走支援リーダー'")?
                    .into_iter()
                    .map(Some)
                    .collect(),
                &own,
                &SELF_COMMENTS,
            ),
        ];
        for (kind, evaluators, scores, comments) in forms {
            for (k, evaluator) in evaluators.into_iter().enumerate() {
                let input = EvaluationInput {
                    meeting_id: meeting,
                    kind: kind.into(),
                    evaluator_id: evaluator,
                    written_on: written.clone(),
                    scores: scores[k % scores.len()]
                        .map(|s| Some(i32::from(s)))
                        .to_vec(),
                    comments: comments[k % 2].iter().map(|c| c.to_string()).collect(),
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
        add_evaluations(tx, &ids)?;
        Ok(DemoOutcome::Loaded {
            projects: demo.len(),
            members,
        })
    })
}
