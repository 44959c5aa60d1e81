//! The demo: the two model teams of the FY2024 (令和6年度) report, with invented
//! personal names (the report names real people; societies and dates are kept).

use crate::error::Result;
use crate::model::{MemberInput, ProjectInput};
use crate::store::{member, project, Store};
use rusqlite::OptionalExtension;

pub const PROGRAM: &str = "令和6年度 地域保健総合推進事業";

struct DemoProject {
    project: ProjectInput,
    members: Vec<(&'static str, &'static str, &'static str)>,
}

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
        },
    ]
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
        for d in &demo {
            let pid = project::insert(tx, &d.project.validate()?)?;
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
        }
        Ok(DemoOutcome::Loaded {
            projects: demo.len(),
            members,
        })
    })
}
