//! The fixed lists the forms offer, sent to the UI once so labels live only here.
//! It gathers from every layer (the report's sections too), so it sits above them.

use crate::model::evaluation::{
    item_infos, EvalItemInfo, EvaluatorKind, MeetingGroup, RATING_LABELS,
};
use crate::model::issue::{IssueKind, IssueStatus};
use crate::model::meeting::{MeetingFormat, MeetingKind};
use crate::model::strength::{Axis, Barrier, StrengthGroup, SCORE_LABELS};
use crate::model::task::TaskStatus;
use crate::model::{
    ItemStatus, Phase, Profession, Relation, ResourceCategory, Role, Side, StakeholderKind, Target,
    Theme,
};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Catalog {
    pub prefectures: Vec<String>,
    pub professions: Vec<Profession>,
    pub themes: Vec<Theme>,
    pub targets: Vec<Target>,
    pub roles: Vec<Role>,
    /// 事業全体's people: 事務局, 伴走支援班リーダー, 伴走支援者, 研修会班, 事業協力者.
    pub program_roles: Vec<crate::model::program::ProgramRole>,
    pub question_kinds: Vec<crate::model::survey::QuestionKind>,
    /// 「研修会アンケート」 (its questions are copied when a survey is made).
    pub survey_templates: Vec<crate::model::survey::SurveyTemplate>,
    /// 伴走ガイド: what a rule can watch, when a practice belongs, how far it was used.
    pub guide_conditions: Vec<crate::model::guide::ConditionChoice>,
    pub timings: Vec<crate::model::guide::Timing>,
    pub practice_uses: Vec<crate::model::guide::PracticeUse>,
    pub sides: Vec<Side>,
    pub item_statuses: Vec<ItemStatus>,
    pub phases: Vec<Phase>,
    pub stakeholder_kinds: Vec<StakeholderKind>,
    pub relations: Vec<Relation>,
    pub resource_categories: Vec<ResourceCategory>,
    pub axes: Vec<Axis>,
    pub strength_groups: Vec<StrengthGroup>,
    /// The headings of the two groups, aligned with `strength_groups` (「…の例（図8を参考）」).
    pub strength_group_titles: Vec<String>,
    /// Whose the strength items, scale and mapping are (the app's examples).
    pub strength_note: String,
    pub barriers: Vec<Barrier>,
    pub meeting_kinds: Vec<MeetingKind>,
    pub meeting_formats: Vec<MeetingFormat>,
    pub task_statuses: Vec<TaskStatus>,
    pub evaluator_kinds: Vec<EvaluatorKind>,
    /// 表1's four items with their 〇 points.
    pub eval_items: Vec<EvalItemInfo>,
    /// 1:未対応 … 4:十分に満足できる対応ができた (index 0 is 1).
    pub eval_rating_labels: Vec<String>,
    /// The report's sections: (number, name).
    pub report_sections: Vec<ReportSection>,
    /// The app's example words for 1–4 (index 0 is 1); a project may word its own.
    pub score_labels: Vec<String>,
    /// 課題・今後の検討事項: its two lists and the states of an issue.
    pub issue_kinds: Vec<IssueKind>,
    pub issue_statuses: Vec<IssueStatus>,
    /// Meeting groups of the evaluation views (チーム会議など・合同の進捗会議・すべて).
    pub meeting_groups: Vec<MeetingGroupInfo>,
    /// Parts of speech テキスト分析 can count (KH Coder's names).
    pub word_classes: Vec<crate::tokenizer::WordClass>,
    /// Sections of the sidebar, in order.
    pub sections: Vec<Section>,
    /// 2000–2099 with their 和暦 names, for 年度 lists.
    pub fiscal_years: Vec<crate::wareki::FiscalYear>,
    /// The longest text each field accepts (its `maxlength`), by form.field.
    pub limits: std::collections::BTreeMap<String, u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MeetingGroupInfo {
    pub group: MeetingGroup,
    /// What the filter and the CLI take: team, joint, all.
    pub key: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReportSection {
    pub number: u8,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Section {
    pub key: String,
    pub label: String,
    /// False for sections later work fills; the window says so plainly.
    pub available: bool,
    /// For a section not yet built: what it will hold, in the user's words.
    pub coming: Option<String>,
}

impl Catalog {
    pub fn get() -> Self {
        let sections = [
            // Above the teams: the sidebar shows it apart from the project's sections.
            ("program", "事業全体", None),
            ("surveys", "アンケート", None),
            ("overview", "概要", None),
            ("checklist", "準備チェック", None),
            ("strengths", "強み分析", None),
            ("stakeholders", "関係機関・資料", None),
            ("meetings", "会議", None),
            ("evaluations", "評価", None),
            ("text", "テキスト分析", None),
            ("plan", "計画", None),
            ("guide", "伴走ガイド", None),
            ("issues", "課題・検討事項", None),
            ("report", "報告書", None),
            ("exchange", "データの受け渡し", None),
            ("settings", "設定", None),
        ];
        Catalog {
            prefectures: crate::model::project::PREFECTURES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            professions: Profession::ALL.to_vec(),
            themes: Theme::ALL.to_vec(),
            targets: Target::ALL.to_vec(),
            roles: Role::ALL.to_vec(),
            program_roles: crate::model::program::ProgramRole::ALL.to_vec(),
            question_kinds: crate::model::survey::QuestionKind::ALL.to_vec(),
            survey_templates: crate::model::survey::templates().to_vec(),
            guide_conditions: crate::model::guide::Condition::choices(),
            timings: crate::model::guide::Timing::ALL.to_vec(),
            practice_uses: crate::model::guide::PracticeUse::ALL.to_vec(),
            sides: Side::ALL.to_vec(),
            item_statuses: ItemStatus::ALL.to_vec(),
            phases: crate::model::phase::phases().to_vec(),
            stakeholder_kinds: StakeholderKind::ALL.to_vec(),
            relations: Relation::ALL.to_vec(),
            resource_categories: ResourceCategory::ALL.to_vec(),
            axes: Axis::ALL.to_vec(),
            meeting_kinds: MeetingKind::ALL.to_vec(),
            meeting_formats: MeetingFormat::ALL.to_vec(),
            task_statuses: TaskStatus::ALL.to_vec(),
            evaluator_kinds: EvaluatorKind::ALL.to_vec(),
            eval_items: item_infos(),
            eval_rating_labels: RATING_LABELS.iter().map(|s| s.to_string()).collect(),
            report_sections: crate::report::progress::SECTIONS
                .iter()
                .map(|s| ReportSection {
                    number: s.number,
                    name: s.name.into(),
                })
                .collect(),
            strength_groups: StrengthGroup::ALL.to_vec(),
            strength_group_titles: StrengthGroup::ALL
                .iter()
                .map(|g| g.example_title().to_string())
                .collect(),
            strength_note: crate::model::strength::EXAMPLE_NOTE.into(),
            issue_kinds: IssueKind::ALL.to_vec(),
            issue_statuses: IssueStatus::ALL.to_vec(),
            word_classes: crate::tokenizer::WordClass::ALL.to_vec(),
            meeting_groups: MeetingGroup::ALL
                .iter()
                .map(|&g| MeetingGroupInfo {
                    group: g,
                    key: g.key().into(),
                })
                .collect(),
            barriers: Barrier::ALL.to_vec(),
            score_labels: SCORE_LABELS.iter().map(|s| s.to_string()).collect(),
            fiscal_years: crate::wareki::fiscal_years(),
            limits: crate::model::limits::all(),
            sections: sections
                .iter()
                .map(|&(key, label, coming)| Section {
                    key: key.into(),
                    label: label.into(),
                    available: coming.is_none(),
                    coming: coming.map(str::to_string),
                })
                .collect(),
        }
    }
}
