//! 会議 (表3): meetings of a team, or joint meetings (合同会議) of several
//! projects of one program, with participants, agenda, minutes and decisions.

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

choice_enum! {
    MeetingKind {
        Briefing => "事前レク",
        Group => "班会議",
        Extra => "臨時会議",
        Orientation => "オリエンテーション",
        Team => "チーム会議",
        Progress => "進捗会議",
        Stakeholder => "関係機関打ち合わせ",
        Training => "研修会",
        Partners => "事業協力者会議",
        Other => "その他",
    }
}

impl MeetingKind {
    /// Kinds that run as a numbered series (第3回チーム会議).
    pub fn is_numbered(self) -> bool {
        matches!(
            self,
            MeetingKind::Group
                | MeetingKind::Extra
                | MeetingKind::Team
                | MeetingKind::Progress
                | MeetingKind::Partners
        )
    }

    /// The name a meeting gets when the user gives none. 臨時会議 is written as
    /// the report does: the first plain, then 「臨時会議 第2回」.
    pub fn default_title(self, number: Option<i64>) -> String {
        match number {
            Some(n) if self == MeetingKind::Extra && n >= 2 => format!("{self} 第{n}回"),
            Some(n) if self.is_numbered() && self != MeetingKind::Extra => {
                format!("第{n}回{self}")
            }
            _ => self.label().to_owned(),
        }
    }
}

choice_enum! {
    MeetingFormat { Online => "オンライン", InPerson => "対面", Hybrid => "ハイブリッド" }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingInput {
    pub kind: String,
    /// Empty: 「第N回{種類}」 is given automatically.
    pub title: String,
    pub held_on: String,
    /// HH:MM, optional.
    pub start_time: String,
    pub end_time: String,
    pub format: String,
    /// One project, or several of the same program for a joint meeting.
    #[ts(type = "number[]")]
    pub project_ids: Vec<i64>,
    #[ts(type = "number[]")]
    pub participant_ids: Vec<i64>,
    /// Guests by name, one per line.
    pub guests: String,
    pub agenda: String,
    pub minutes: String,
    /// One decision per line.
    pub decisions: String,
    #[ts(type = "number[]")]
    pub resource_ids: Vec<i64>,
    /// A meeting of the program rather than of a team (事業協力者会議, 班会議):
    /// then `project_ids` is empty and the participants are the program's people.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub program_id: Option<i64>,
    #[serde(default)]
    #[ts(type = "number[]")]
    pub person_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidMeeting {
    pub kind: MeetingKind,
    pub title: String,
    pub held_on: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub end_time: Option<NaiveTime>,
    pub format: MeetingFormat,
    pub project_ids: Vec<i64>,
    pub participant_ids: Vec<i64>,
    pub guests: Vec<String>,
    pub agenda: String,
    pub minutes: String,
    pub decisions: Vec<String>,
    pub resource_ids: Vec<i64>,
    pub program_id: Option<i64>,
    pub person_ids: Vec<i64>,
}

fn sorted(ids: &[i64]) -> Vec<i64> {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

impl MeetingInput {
    pub fn validate(&self) -> Result<ValidMeeting> {
        let mut c = Checker::new();
        let kind = c.choice(
            "kind",
            "会議の種類",
            &self.kind,
            MeetingKind::parse,
            &MeetingKind::labels(),
        );
        let title = c.optional_text("title", "会議名", &self.title, super::limits::MEETING_TITLE);
        let held_on = c.date("held_on", "開催日", &self.held_on);
        let mut time = |field: &str, label: &str, v: &str| {
            let v = v.trim();
            if v.is_empty() {
                return None;
            }
            let t = crate::wareki::parse_time(v);
            if t.is_none() {
                c.push(field, format!("{label}は「13:30」の形式で入力してください"));
            }
            t
        };
        let start_time = time("start_time", "開始時刻", &self.start_time);
        let end_time = time("end_time", "終了時刻", &self.end_time);
        if let (Some(s), Some(e)) = (start_time, end_time) {
            if e <= s {
                c.push("end_time", "終了時刻は開始時刻より後にしてください");
            }
        }
        let format = c.choice(
            "format",
            "開催方式",
            &self.format,
            MeetingFormat::parse,
            &MeetingFormat::labels(),
        );
        let project_ids = sorted(&self.project_ids);
        match (project_ids.is_empty(), self.program_id) {
            (true, None) => c.push("project_ids", "会議を記録する事業を選んでください"),
            (false, Some(_)) => c.push(
                "project_ids",
                "事業全体の会議には、チームの事業は選べません（チームが集まる会議は合同会議として記録します）",
            ),
            _ => {}
        }
        let guests = c.lines("guests", "ゲスト", &self.guests);
        if guests
            .iter()
            .any(|g| g.chars().count() > super::limits::GUEST)
        {
            c.push(
                "guests",
                "ゲストの名前は1行に1人、60文字以内で入力してください",
            );
        }
        let agenda = c.long_text("agenda", "議題", &self.agenda, super::limits::AGENDA);
        let minutes = c.long_text("minutes", "議事録", &self.minutes, super::limits::MINUTES);
        let decisions = c.lines("decisions", "決定事項", &self.decisions);
        if decisions
            .iter()
            .any(|d| d.chars().count() > super::limits::DECISION)
        {
            c.push(
                "decisions",
                "決定事項は1行に1件、200文字以内で入力してください",
            );
        }
        c.finish(|| ValidMeeting {
            kind: kind.expect("checked"),
            title,
            held_on: held_on.expect("checked"),
            start_time,
            end_time,
            format: format.expect("checked"),
            project_ids,
            participant_ids: sorted(&self.participant_ids),
            guests,
            agenda,
            minutes,
            decisions,
            resource_ids: sorted(&self.resource_ids),
            program_id: self.program_id,
            person_ids: sorted(&self.person_ids),
        })
        .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Participant {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub role: super::Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Meeting {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: MeetingKind,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub held_on: NaiveDate,
    /// 令和6年7月16日.
    pub held_on_label: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub format: MeetingFormat,
    #[ts(type = "number[]")]
    pub project_ids: Vec<i64>,
    /// True for a meeting of several projects (合同会議).
    pub joint: bool,
    pub participants: Vec<Participant>,
    pub guests: Vec<String>,
    pub agenda: String,
    pub minutes: String,
    pub decisions: Vec<String>,
    #[ts(type = "number[]")]
    pub resource_ids: Vec<i64>,
    /// Tasks made from this meeting's decisions.
    #[ts(type = "number")]
    pub task_count: i64,
    /// 課題 raised in this meeting.
    #[ts(type = "number")]
    pub issue_count: i64,
    /// Arrived with an evaluation request (評価依頼): the team keeps the
    /// original; this copy is only evaluated here.
    pub read_only: bool,
    /// Set for a meeting of the program (no team).
    #[ts(type = "number | null")]
    pub program_id: Option<i64>,
    /// The program's people who took part (program meetings).
    pub people: Vec<super::program::PersonRef>,
}

/// Which meetings a list shows.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingFilter {
    /// Empty for every kind.
    pub kind: String,
    /// YYYY-MM-DD or empty.
    pub from: String,
    pub to: String,
}

/// Slips worth a word before saving, never a refusal: a meeting dated outside
/// the period of one of its projects.
pub fn warnings(projects: &[super::Project], input: &MeetingInput) -> Vec<String> {
    let Some(on) = crate::wareki::parse_date(&input.held_on) else {
        return Vec::new();
    };
    projects
        .iter()
        .filter(|p| input.project_ids.contains(&p.id))
        .filter(|p| on < p.start_date || on > p.end_date)
        .map(|p| {
            format!(
                "開催日（{}）が「{}」の期間（{}）の外です。日付をもう一度確かめてください",
                crate::wareki::date_wareki(on),
                p.name,
                p.period_label
            )
        })
        .collect()
}

/// A checked [`MeetingFilter`]; None means no limit.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingScope {
    pub kind: Option<MeetingKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl MeetingFilter {
    pub fn validate(&self) -> Result<MeetingScope> {
        let mut c = Checker::new();
        let kind = if self.kind.trim().is_empty() {
            None
        } else {
            c.choice(
                "kind",
                "会議の種類",
                &self.kind,
                MeetingKind::parse,
                &MeetingKind::labels(),
            )
        };
        let from = c.optional_date("from", "期間の始まり", &self.from);
        let to = c.optional_date("to", "期間の終わり", &self.to);
        c.finish(|| MeetingScope { kind, from, to })
            .map_err(Error::Validation)
    }
}

impl Meeting {
    /// The form's content for editing this meeting (the window's 編集 opens on
    /// it): one conversion, next to the form it fills.
    pub fn to_input(&self) -> MeetingInput {
        MeetingInput {
            kind: self.kind.label().into(),
            title: self.title.clone(),
            held_on: self.held_on.to_string(),
            start_time: self.start_time.clone().unwrap_or_default(),
            end_time: self.end_time.clone().unwrap_or_default(),
            format: self.format.label().into(),
            project_ids: self.project_ids.clone(),
            participant_ids: self.participants.iter().map(|p| p.member_id).collect(),
            guests: self.guests.join("\n"),
            agenda: self.agenda.clone(),
            minutes: self.minutes.clone(),
            decisions: self.decisions.join("\n"),
            resource_ids: self.resource_ids.clone(),
            program_id: self.program_id,
            person_ids: self.people.iter().map(|p| p.person_id).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MeetingInput {
        MeetingInput {
            kind: "チーム会議".into(),
            held_on: "2024-07-16".into(),
            start_time: "19:00".into(),
            end_time: "20:30".into(),
            format: "オンライン".into(),
            project_ids: vec![1],
            decisions: "7/8 事業協力会社へ説明\n\n ～7月中旬 アンケート実施 ".into(),
            guests: "酒造会社 総務課長\n".into(),
            ..Default::default()
        }
    }

    #[test]
    fn decisions_and_guests_are_one_per_line() {
        let d = input().validate().unwrap();
        assert_eq!(
            d.decisions,
            ["7/8 事業協力会社へ説明", "～7月中旬 アンケート実施"]
        );
        assert_eq!(d.guests, ["酒造会社 総務課長"]);
        assert_eq!(d.start_time.unwrap().to_string(), "19:00:00");
    }

    #[test]
    fn missing_date_kind_and_project_are_reported() {
        let mut i = input();
        i.kind = "".into();
        i.held_on = "".into();
        i.project_ids.clear();
        i.end_time = "18:00".into();
        let e = i.validate().unwrap_err();
        let f: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(f, ["kind", "held_on", "end_time", "project_ids"]);
        assert_eq!(e.fields()[0].message, "会議の種類を選んでください");
    }

    #[test]
    fn numbered_kinds_get_a_series_title() {
        assert_eq!(MeetingKind::Team.default_title(Some(3)), "第3回チーム会議");
        assert_eq!(MeetingKind::Extra.default_title(Some(1)), "臨時会議");
        assert_eq!(MeetingKind::Extra.default_title(Some(2)), "臨時会議 第2回");
        assert_eq!(
            MeetingKind::Orientation.default_title(Some(1)),
            "オリエンテーション"
        );
        assert_eq!(
            MeetingKind::Stakeholder.default_title(None),
            "関係機関打ち合わせ"
        );
    }
}
