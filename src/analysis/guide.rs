//! 伴走ガイド: 次の一歩の候補 computed by rules from a project's state, and
//! 会議の準備 for one meeting. Deterministic: the same state and day give the
//! same list; nothing leaves the PC.

use crate::error::{Error, Result};
use crate::model::checklist::{ItemStatus, Side};
use crate::model::evaluation::{EvalItem, EvaluationFilter};
use crate::model::guide::{template, Condition, PracticeUsage, PracticeUse, Rule, Suggestion};
use crate::model::issue::circled;
use crate::model::meeting::{Meeting, MeetingKind};
use crate::model::phase::{phase, Phase};
use crate::model::resource::{Resource, NATIONWIDE};
use crate::model::task::{Task, TaskInput};
use crate::model::Project;
use crate::store::Store;
use crate::wareki::date_wareki;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// A meeting as a rule refers to it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingMark {
    pub id: i64,
    pub title: String,
    pub held_on: NaiveDate,
}

/// What the rules read: plain data, so each rule is tested on states built by
/// hand.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GuideState {
    pub today: NaiveDate,
    /// The team's current members (not 退任).
    pub members: usize,
    /// Meetings of the project, held or planned.
    pub meetings: usize,
    pub phase: Option<u8>,
    /// 外向き items: 「外向き③」 and status.
    pub outer: Vec<(String, ItemStatus)>,
    pub last_meeting: Option<MeetingMark>,
    pub next_meeting: Option<MeetingMark>,
    /// Strength rating sessions, oldest first: id and the axes with the lowest mean.
    pub sessions: Vec<(i64, Vec<String>)>,
    /// The latest meeting with both 他者 and 自己 means, and 他者−自己 per item.
    pub last_gaps: Option<(MeetingMark, Vec<(EvalItem, f64)>)>,
    pub trainings_without_survey: Vec<MeetingMark>,
    /// 外向き⑦ 「事業の評価・アンケート等による意見聴取」 is under way or done (or
    /// set aside): the team hears opinions by its own surveys (山口's 職員アンケート),
    /// so no 研修会 is called without one.
    pub opinions_heard: bool,
    /// Open tasks past their 期限: id and title.
    pub overdue_tasks: Vec<(i64, String)>,
}

/// Why a rule fired now, and the state it fired on.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    pub detail: String,
    pub fingerprint: String,
    /// For the weak-strength rule: the axis to find resources for.
    pub axis: Option<String>,
}

fn ids<T: ToString>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The rule's condition on this state, or None when it does not fire.
pub fn trigger(rule: &Rule, s: &GuideState) -> Option<Trigger> {
    let plain = |detail: String, fingerprint: String| Trigger {
        detail,
        fingerprint,
        axis: None,
    };
    match rule.condition {
        Condition::FewMembers => ((s.members as f64) < rule.value).then(|| {
            plain(
                format!("登録されたメンバーは{}人", s.members),
                format!("members={}", s.members),
            )
        }),
        Condition::NoFirstMeeting => (s.meetings == 0).then(|| {
            plain(
                "会議はまだ1回も登録されていません".into(),
                "meetings=0".into(),
            )
        }),
        Condition::OuterNotStarted => {
            if s.phase.is_some_and(|p| f64::from(p) > rule.value) {
                return None;
            }
            let idle: Vec<&str> = s
                .outer
                .iter()
                .filter(|(_, st)| *st == ItemStatus::NotStarted)
                .map(|(label, _)| label.as_str())
                .collect();
            if idle.is_empty() {
                return None;
            }
            let phase = s
                .phase
                .and_then(phase)
                .map(|p| format!("フェーズ{} {}", p.number, p.name))
                .unwrap_or_else(|| "フェーズ未設定".into());
            Some(plain(
                format!(
                    "{phase}で、外向き{}項目のうち{}項目が未着手（{}）",
                    s.outer.len(),
                    idle.len(),
                    idle.join("・")
                ),
                format!("phase={:?};idle={}", s.phase, idle.join(",")),
            ))
        }
        Condition::NoMeeting => {
            if s.next_meeting.is_some() {
                return None;
            }
            let last = s.last_meeting.as_ref()?;
            let days = (s.today - last.held_on).num_days();
            (days as f64 > rule.value).then(|| {
                plain(
                    format!(
                        "最後の会議（{}、{}）から{days}日、次の会議は未定",
                        last.title,
                        date_wareki(last.held_on)
                    ),
                    format!("last={}", last.id),
                )
            })
        }
        Condition::WeakestAxisRepeated => {
            let times = rule.value.max(1.0) as usize;
            if s.sessions.len() < times {
                return None;
            }
            let recent = &s.sessions[s.sessions.len() - times..];
            let axis = recent[0]
                .1
                .iter()
                .find(|a| recent.iter().all(|(_, low)| low.contains(a)))?;
            Some(Trigger {
                detail: format!("強み分析で{axis}が直近{times}回続けて最も低い"),
                fingerprint: format!("axis={axis};session={}", recent[times - 1].0),
                axis: Some(axis.clone()),
            })
        }
        Condition::GapAbove => {
            let item = rule.item.unwrap_or(EvalItem::D);
            let (meeting, gaps) = s.last_gaps.as_ref()?;
            let gap = gaps.iter().find(|(i, _)| *i == item)?.1;
            (gap > rule.value).then(|| {
                plain(
                    format!(
                        "{}（{}）で{}の他者評価と自己評価の差が{gap:.1}",
                        meeting.title,
                        date_wareki(meeting.held_on),
                        item.short()
                    ),
                    format!("meeting={};item={item};gap={gap:.1}", meeting.id),
                )
            })
        }
        Condition::TrainingWithoutSurvey => {
            let t = &s.trainings_without_survey;
            (!t.is_empty() && !s.opinions_heard).then(|| {
                plain(
                    format!(
                        "アンケートのない研修会：{}",
                        t.iter()
                            .map(|m| format!("{}（{}）", m.title, date_wareki(m.held_on)))
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    format!("meetings={}", ids(t.iter().map(|m| m.id))),
                )
            })
        }
        Condition::OverdueTasks => {
            let t = &s.overdue_tasks;
            (!t.is_empty() && t.len() as f64 >= rule.value).then(|| {
                plain(
                    format!(
                        "期限を過ぎたタスク{}件：{}",
                        t.len(),
                        t.iter()
                            .map(|(_, title)| title.as_str())
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    format!("tasks={}", ids(t.iter().map(|(id, _)| id))),
                )
            })
        }
    }
}

/// Resources of the library that fit `axis` (see guide.toml's fit), are about
/// the project's prefecture or the whole country, and are not yet given to it:
/// 茨城 is not offered 山口's 健康応援団.
pub fn fitting_resources(
    axis: &str,
    library: &[Resource],
    project_id: i64,
    prefecture: &str,
) -> Vec<Resource> {
    let Some(fit) = template().fit.iter().find(|f| f.axis == axis) else {
        return Vec::new();
    };
    library
        .iter()
        .filter(|r| !r.project_ids.contains(&project_id))
        .filter(|r| r.prefecture == NATIONWIDE || r.prefecture == prefecture)
        .filter(|r| fit.categories.iter().any(|c| c == r.category.label()))
        .cloned()
        .collect()
}

fn mark(m: &Meeting) -> MeetingMark {
    MeetingMark {
        id: m.id,
        title: m.title.clone(),
        held_on: m.held_on,
    }
}

/// The state the rules read, from the store.
pub fn state(store: &Store, project_id: i64, today: NaiveDate) -> Result<GuideState> {
    let project = store.project(project_id)?;
    let checklist = store.checklist(project_id, today)?;
    let outer = checklist
        .items
        .iter()
        .filter(|i| i.side == Side::Outer)
        .map(|i| (format!("外向き{}", circled(i.number)), i.status))
        .collect();
    let meetings = store.meetings(project_id, &Default::default())?;
    let last_meeting = meetings.iter().rev().find(|m| m.held_on <= today).map(mark);
    let next_meeting = meetings.iter().find(|m| m.held_on > today).map(mark);
    let strengths = super::strength::strengths(store, project_id)?;
    let sessions = strengths
        .sessions
        .iter()
        .filter_map(|s| {
            let low = s
                .axes
                .iter()
                .filter_map(|a| a.mean)
                .fold(f64::INFINITY, f64::min);
            let lowest: Vec<String> = s
                .axes
                .iter()
                .filter(|a| a.mean.is_some_and(|m| (m - low).abs() < 1e-9))
                .map(|a| a.name.clone())
                .collect();
            (!lowest.is_empty()).then_some((s.id, lowest))
        })
        .collect();
    let evals = store.evaluations(
        Some(project_id),
        &EvaluationFilter {
            meetings: "all".into(),
            ..Default::default()
        },
    )?;
    let summary = super::evaluation::summarize(&evals);
    let last_gaps = summary
        .meetings
        .iter()
        .enumerate()
        .rev()
        .find_map(|(k, m)| {
            let gaps: Vec<(EvalItem, f64)> = summary
                .gaps
                .iter()
                .filter_map(|g| g.per_meeting.get(k).copied().flatten().map(|v| (g.item, v)))
                .collect();
            (!gaps.is_empty()).then(|| {
                (
                    MeetingMark {
                        id: m.id,
                        title: m.title.clone(),
                        held_on: m.held_on,
                    },
                    gaps,
                )
            })
        });
    let surveyed: Vec<i64> = store
        .surveys()?
        .iter()
        .filter_map(|s| s.meeting_id)
        .collect();
    let trainings_without_survey = meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::Training && !surveyed.contains(&m.id))
        .map(mark)
        .collect();
    let opinions_heard = checklist
        .items
        .iter()
        .find(|i| i.template_key.as_deref() == Some("outer.7"))
        .is_some_and(|i| i.status != ItemStatus::NotStarted);
    let overdue_tasks = store
        .tasks(project_id, today)?
        .into_iter()
        .filter(|t| t.overdue)
        .map(|t| (t.id, t.title))
        .collect();
    let members = store
        .members(project_id)?
        .iter()
        .filter(|m| !m.retired)
        .count();
    Ok(GuideState {
        today,
        members,
        meetings: meetings.len(),
        phase: project.phase.map(|p| p.number),
        outer,
        last_meeting,
        next_meeting,
        sessions,
        last_gaps,
        trainings_without_survey,
        opinions_heard,
        overdue_tasks,
    })
}

/// 次の一歩の候補: every enabled rule that fires, minus those the team set
/// aside (or took) for the same trigger state.
pub fn suggestions(store: &Store, project_id: i64, today: NaiveDate) -> Result<Vec<Suggestion>> {
    let s = state(store, project_id, today)?;
    suggest(store, project_id, &s, &store.resource_library()?)
}

/// The suggestions for a state already read (会議の準備 reads it once for both).
fn suggest(
    store: &Store,
    project_id: i64,
    s: &GuideState,
    library: &[Resource],
) -> Result<Vec<Suggestion>> {
    let dismissed = store.dismissals(project_id)?;
    let prefecture = store.project(project_id)?.prefecture;
    Ok(store
        .rules()?
        .iter()
        .filter(|r| r.enabled)
        .filter_map(|r| trigger(r, s).map(|t| (r, t)))
        .filter(|(r, t)| {
            !dismissed
                .iter()
                .any(|d| d.rule_key == r.key && d.fingerprint == t.fingerprint)
        })
        .map(|(r, t)| Suggestion {
            rule_key: r.key.clone(),
            title: r.title.clone(),
            trigger: t.detail,
            reason: r.reason.clone(),
            source: r.source.clone(),
            task: r.task.clone(),
            fingerprint: t.fingerprint,
            resources: t
                .axis
                .map(|a| fitting_resources(&a, library, project_id, &prefecture))
                .unwrap_or_default(),
        })
        .collect())
}

/// Turns a suggestion into a task of the project: its title is the rule's
/// task, its note says why. Refused when the state changed since it was shown.
pub fn take(
    store: &mut Store,
    project_id: i64,
    rule_key: &str,
    fingerprint: &str,
    today: NaiveDate,
) -> Result<Task> {
    let found = suggestions(store, project_id, today)?
        .into_iter()
        .find(|s| s.rule_key == rule_key && s.fingerprint == fingerprint)
        .ok_or_else(|| {
            Error::Validation(vec![crate::FieldError::new(
                "rule_key",
                "この提案は今の状況では出ていません。画面を開き直してください",
            )])
        })?;
    let phase = store
        .project(project_id)?
        .phase
        .map(|p| i32::from(p.number));
    let input = TaskInput {
        title: found.task.clone(),
        status: "未着手".into(),
        phase,
        note: format!(
            "次の一歩の候補から：{}\nきっかけ：{}\n出典：{}",
            found.title, found.trigger, found.source
        ),
        ..Default::default()
    };
    store.take_suggestion(project_id, rule_key, fingerprint, &input, today)
}

/// Over a project's meetings (oldest first): how often each practice was used.
pub fn practice_usage(store: &Store, project_id: i64) -> Result<Vec<PracticeUsage>> {
    let practices = store.practices()?;
    let meetings = store.meetings(project_id, &Default::default())?;
    let mut out: Vec<PracticeUsage> = practices
        .iter()
        .filter(|p| p.active)
        .map(|p| PracticeUsage {
            practice_key: p.key.clone(),
            mark: p.mark.clone(),
            text: p.text.clone(),
            timing: p.timing,
            done: 0,
            partly: 0,
            not_this_time: 0,
            meetings: Vec::new(),
        })
        .collect();
    for m in &meetings {
        for r in store.reflections(m.id)? {
            for e in &r.entries {
                let Some(u) = out.iter_mut().find(|u| u.practice_key == e.practice_key) else {
                    continue;
                };
                let Some(state) = PracticeUse::parse(&e.state) else {
                    continue;
                };
                match state {
                    PracticeUse::Done => u.done += 1,
                    PracticeUse::Partly => u.partly += 1,
                    PracticeUse::NotThisTime => u.not_this_time += 1,
                }
                if state != PracticeUse::NotThisTime && !u.meetings.contains(&m.title) {
                    u.meetings.push(m.title.clone());
                }
            }
        }
    }
    Ok(out)
}

/// A resource offered for the meeting, with why it fits.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ResourceFit {
    pub resource: Resource,
    pub why: String,
}

/// 会議の準備: what a supporter reads before a meeting (one A4 page).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Preparation {
    pub project: Project,
    pub meeting: Meeting,
    /// The project's meeting before this one, the start of 「前回から」.
    pub previous: Option<String>,
    /// 議題の案: open tasks and 課題.
    pub agenda: Vec<String>,
    /// What changed since the previous meeting.
    pub changes: Vec<String>,
    pub overdue: Vec<String>,
    pub phase: Option<Phase>,
    pub resources: Vec<ResourceFit>,
    pub suggestions: Vec<Suggestion>,
}

/// 会議の準備 for `meeting_id`, for its (first) project: a joint meeting is
/// prepared for the project asked for, or its first one.
pub fn prepare(
    store: &Store,
    meeting_id: i64,
    project_id: Option<i64>,
    today: NaiveDate,
) -> Result<Preparation> {
    let meeting = store.meeting(meeting_id)?;
    let project_id = match project_id {
        Some(p) if meeting.project_ids.contains(&p) => p,
        Some(_) => {
            return Err(Error::Validation(vec![crate::FieldError::new(
                "project_id",
                "この会議はその事業の会議ではありません",
            )]))
        }
        None => *meeting.project_ids.first().ok_or_else(|| {
            Error::Validation(vec![crate::FieldError::new(
                "meeting_id",
                "事業全体の会議は準備シートの対象ではありません（チームの会議を選んでください）",
            )])
        })?,
    };
    let project = store.project(project_id)?;
    let meetings = store.meetings(project_id, &Default::default())?;
    let previous = meetings
        .iter()
        .rev()
        .find(|m| m.held_on < meeting.held_on && m.id != meeting.id);
    let since = previous.map(|m| m.held_on);
    // The handout looks at the state on the meeting's day (or today, for one
    // still ahead), so preparing a past meeting shows what was open then.
    let as_of = meeting.held_on.min(today);
    let tasks = store.tasks(project_id, as_of)?;
    let mut agenda: Vec<String> = tasks
        .iter()
        .filter(|t| t.status.is_open())
        .map(|t| {
            let mut s = format!("タスク：{}", t.title);
            let extra: Vec<String> = [
                t.owner_name.as_ref().map(|o| format!("担当 {o}")),
                t.due_label.as_ref().map(|d| format!("期限 {d}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !extra.is_empty() {
                s.push_str(&format!("（{}）", extra.join("・")));
            }
            s
        })
        .collect();
    agenda.extend(
        store
            .issues(project_id)?
            .into_iter()
            .filter(|i| i.status.is_open() && i.raised_on <= meeting.held_on)
            .map(|i| format!("{}{}：{}", i.kind, i.number_label, i.title)),
    );

    let in_window = |d: NaiveDate| since.is_none_or(|s| d > s) && d <= meeting.held_on;
    let checklist = store.checklist(project_id, as_of)?;
    let mut changes: Vec<String> = Vec::new();
    for item in &checklist.items {
        for h in item
            .history
            .iter()
            .rev()
            .filter(|h| in_window(h.changed_on))
        {
            changes.push(format!(
                "準備チェック {}{}：{}（{}）",
                item.side,
                circled(item.number),
                h.to,
                h.changed_on_label
            ));
        }
    }
    for (title, day) in store.tasks_closed_between(project_id, since, meeting.held_on)? {
        changes.push(format!("タスク完了：{title}（{}）", date_wareki(day)));
    }
    for s in store.stakeholders(project_id)? {
        for l in s.log.iter().rev().filter(|l| in_window(l.contacted_on)) {
            changes.push(format!(
                "連絡：{}（{}）{}",
                s.name, l.contacted_on_label, l.summary
            ));
        }
    }
    let overdue = tasks
        .iter()
        .filter(|t| t.overdue)
        .map(|t| {
            format!(
                "タスク：{}（期限 {}）",
                t.title,
                t.due_label.clone().unwrap_or_default()
            )
        })
        .chain(checklist.items.iter().filter(|i| i.overdue).map(|i| {
            format!(
                "準備チェック {}{}：{}（期限 {}）",
                i.side,
                circled(i.number),
                i.text,
                i.due_label.clone().unwrap_or_default()
            )
        }))
        .collect();

    let s = state(store, project_id, as_of)?;
    let library = store.resource_library()?;
    // The weakest 強み first, then what open 外向き items call for; each resource once.
    let mut wanted: Vec<(&str, String)> = s
        .sessions
        .last()
        .map(|(_, lowest)| {
            lowest
                .iter()
                .map(|axis| (axis.as_str(), format!("強み分析で{axis}が最も低い")))
                .collect()
        })
        .unwrap_or_default();
    if s.outer.iter().any(|(_, st)| st.is_open()) {
        wanted.push(("外向き", "外向きの項目に未完了がある".into()));
    }
    let mut resources: Vec<ResourceFit> = Vec::new();
    for (fit, why) in wanted {
        for r in fitting_resources(fit, &library, project_id, &project.prefecture) {
            if !resources.iter().any(|f| f.resource.id == r.id) {
                resources.push(ResourceFit {
                    why: why.clone(),
                    resource: r,
                });
            }
        }
    }
    Ok(Preparation {
        phase: project.phase.clone(),
        suggestions: suggest(store, project_id, &s, &library)?,
        project,
        previous: previous.map(|m| format!("{}（{}）", m.title, m.held_on_label)),
        meeting,
        agenda,
        changes,
        overdue,
        resources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(key: &str) -> Rule {
        template()
            .rule
            .iter()
            .find(|r| r.key == key)
            .unwrap()
            .clone()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn meeting(id: i64, held_on: &str) -> MeetingMark {
        MeetingMark {
            id,
            title: format!("第{id}回チーム会議"),
            held_on: day(held_on),
        }
    }

    fn base() -> GuideState {
        GuideState {
            today: day("2024-11-01"),
            ..Default::default()
        }
    }

    #[test]
    fn outer_items_not_started_early_in_the_project() {
        let r = rule("outer-not-started");
        let mut s = base();
        s.phase = Some(2);
        s.outer = vec![
            ("外向き①".into(), ItemStatus::Done),
            ("外向き②".into(), ItemStatus::NotStarted),
            ("外向き③".into(), ItemStatus::InProgress),
            ("外向き④".into(), ItemStatus::NotStarted),
        ];
        let t = trigger(&r, &s).unwrap();
        assert_eq!(
            t.detail,
            "フェーズ2 チーム構成で、外向き4項目のうち2項目が未着手（外向き②・外向き④）"
        );
        // Later in the project, or with everything started, it stays quiet.
        assert!(trigger(
            &r,
            &GuideState {
                phase: Some(3),
                ..s.clone()
            }
        )
        .is_none());
        let mut started = s.clone();
        started.outer[1].1 = ItemStatus::InProgress;
        started.outer[3].1 = ItemStatus::NotApplicable;
        assert!(trigger(&r, &started).is_none());
        // One more item started: a new state, a new fingerprint.
        let mut one = s.clone();
        one.outer[1].1 = ItemStatus::Done;
        assert_ne!(trigger(&r, &one).unwrap().fingerprint, t.fingerprint);
    }

    #[test]
    fn no_meeting_for_longer_than_the_rule_s_days() {
        let r = rule("no-meeting");
        let mut s = base();
        s.last_meeting = Some(meeting(4, "2024-09-27"));
        let t = trigger(&r, &s).unwrap();
        assert!(
            t.detail
                .starts_with("最後の会議（第4回チーム会議、令和6年9月27日）から35日"),
            "{}",
            t.detail
        );
        s.today = day("2024-10-27");
        assert!(trigger(&r, &s).is_none(), "30 days is not more than 30");
        s.today = day("2024-12-01");
        s.next_meeting = Some(meeting(5, "2024-12-05"));
        assert!(trigger(&r, &s).is_none(), "a meeting is planned");
        assert!(
            trigger(&r, &base()).is_none(),
            "no meeting yet: nothing to count from"
        );
    }

    #[test]
    fn the_same_strength_lowest_twice() {
        let r = rule("weakest-axis");
        let mut s = base();
        s.sessions = vec![
            (1, vec!["財力".into()]),
            (2, vec!["人力".into(), "財力".into()]),
        ];
        let t = trigger(&r, &s).unwrap();
        assert_eq!(
            (t.detail.as_str(), t.axis.as_deref()),
            ("強み分析で財力が直近2回続けて最も低い", Some("財力"))
        );
        s.sessions[0].1 = vec!["創造力".into()];
        assert!(trigger(&r, &s).is_none(), "a different axis each time");
        s.sessions.truncate(1);
        assert!(trigger(&r, &s).is_none(), "one session is not twice");
    }

    #[test]
    fn a_large_gap_on_d_at_the_last_meeting() {
        let r = rule("gap-d");
        let mut s = base();
        s.last_gaps = Some((
            meeting(3, "2024-09-06"),
            vec![(EvalItem::A, 0.5), (EvalItem::D, 2.0)],
        ));
        let t = trigger(&r, &s).unwrap();
        assert_eq!(
            t.detail,
            "第3回チーム会議（令和6年9月6日）で臨機応変な支援の他者評価と自己評価の差が2.0"
        );
        s.last_gaps = Some((
            meeting(3, "2024-09-06"),
            vec![(EvalItem::A, 2.5), (EvalItem::D, 1.5)],
        ));
        assert!(
            trigger(&r, &s).is_none(),
            "1.5 is not above 1.5, and A is not D"
        );
    }

    #[test]
    fn a_training_without_a_survey_and_overdue_tasks() {
        let mut s = base();
        assert!(trigger(&rule("training-survey"), &s).is_none());
        assert!(trigger(&rule("overdue-tasks"), &s).is_none());
        s.trainings_without_survey = vec![meeting(7, "2024-07-26")];
        s.overdue_tasks = vec![(3, "事業所へのアンケート".into())];
        assert!(trigger(&rule("training-survey"), &s)
            .unwrap()
            .detail
            .contains("令和6年7月26日"));
        // A team that already hears opinions by its own surveys (外向き⑦ under
        // way) is not told its 研修会 lack one.
        s.opinions_heard = true;
        assert!(trigger(&rule("training-survey"), &s).is_none());
        assert_eq!(
            trigger(&rule("overdue-tasks"), &s).unwrap().detail,
            "期限を過ぎたタスク1件：事業所へのアンケート"
        );
        let mut three = rule("overdue-tasks");
        three.value = 3.0;
        assert!(
            trigger(&three, &s).is_none(),
            "the society asked for 3 or more"
        );
    }

    #[test]
    fn a_new_team_is_first_asked_for_its_members_and_a_first_meeting() {
        let mut s = base();
        let few = rule("few-members");
        let first = rule("first-meeting");
        assert_eq!(trigger(&few, &s).unwrap().detail, "登録されたメンバーは0人");
        assert!(trigger(&first, &s).is_some());
        s.members = 1;
        assert_eq!(
            trigger(&few, &s).unwrap().fingerprint,
            "members=1",
            "one person is not yet a team (the example value 2)"
        );
        s.members = 2;
        s.meetings = 1;
        assert!(trigger(&few, &s).is_none());
        assert!(trigger(&first, &s).is_none(), "a planned meeting counts");
        let mut five = rule("few-members");
        five.value = 5.0;
        assert!(trigger(&five, &s).is_some(), "a society asking for 5");
        // They come first in the template, the order suggestions are offered in.
        let keys: Vec<&str> = template().rule.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys[..2], ["few-members", "first-meeting"]);
    }

    #[test]
    fn the_same_state_gives_the_same_triggers() {
        let mut s = base();
        s.members = 5;
        s.meetings = 3;
        s.phase = Some(1);
        s.outer = vec![("外向き①".into(), ItemStatus::NotStarted)];
        s.overdue_tasks = vec![(1, "a".into()), (2, "b".into())];
        let run = || {
            template()
                .rule
                .iter()
                .filter_map(|r| trigger(r, &s))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
        assert_eq!(run().len(), 2);
    }
}
