//! The 年度 timeline (tasks and milestones on a month axis, April–March) and the
//! multi-year plan (one box per 年度, arrows between).

use super::{Anchor, Color, Fill, Marker, Point, Scene, Shape, Stroke};
use crate::model::task::{PlanStep, Task, TaskStatus};
use chrono::{Datelike, Months, NaiveDate};

pub struct Row<'a> {
    pub label: &'a str,
    pub date: NaiveDate,
    pub milestone: bool,
    pub done: bool,
    pub overdue: bool,
}

const LEFT: f64 = 230.0;
const WIDTH: f64 = 600.0;
const TOP: f64 = 56.0;
const ROW: f64 = 26.0;
const OPEN: Color = Color(0x00, 0x17, 0xc1);
const DONE: Color = Color(0x1f, 0x8a, 0x4c);
const LATE: Color = Color(0xce, 0x00, 0x00);

/// Shortens a label to `max` characters with an ellipsis.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

/// A dated line across the timeline: 「今日」, or in a report of a past 年度 its 「報告日」.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayMarker {
    pub date: NaiveDate,
    pub label: &'static str,
}

impl DayMarker {
    /// 「今日」 when today lies inside the plotted 年度; else, for a report, its
    /// end date as 「報告日」 when that does (a past 年度); else nothing.
    pub fn for_year(
        fiscal_year: i32,
        today: NaiveDate,
        report_end: Option<NaiveDate>,
    ) -> Option<Self> {
        let inside = |d: NaiveDate| crate::wareki::fiscal_year(d) == fiscal_year;
        if inside(today) {
            Some(DayMarker {
                date: today,
                label: "今日",
            })
        } else {
            report_end.filter(|&d| inside(d)).map(|date| DayMarker {
                date,
                label: "報告日",
            })
        }
    }
}

/// Rows outside the 年度 are left out; `marker` draws a dated line when it falls inside.
pub fn timeline(title: &str, fiscal_year: i32, rows: &[Row], marker: Option<DayMarker>) -> Scene {
    let start = NaiveDate::from_ymd_opt(fiscal_year, 4, 1).expect("valid");
    let end = NaiveDate::from_ymd_opt(fiscal_year + 1, 4, 1).expect("valid");
    let span = (end - start).num_days() as f64;
    let x_of = |d: NaiveDate| LEFT + WIDTH * (d - start).num_days() as f64 / span;
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|r| r.date >= start && r.date < end)
        .collect();
    let bottom = TOP + ROW * rows.len().max(1) as f64 + 8.0;
    let mut shapes = Vec::new();

    // Month columns with their labels (4月 … 3月).
    let months: Vec<NaiveDate> = (0..=12)
        .map(|i| {
            start
                .checked_add_months(Months::new(i))
                .expect("within the calendar")
        })
        .collect();
    for (i, &m) in months.iter().enumerate() {
        let x = x_of(m);
        shapes.push(Shape::Line {
            from: Point::new(x, TOP - 6.0),
            to: Point::new(x, bottom),
            stroke: Stroke::solid(Color::GRID, 0.8),
        });
        if let Some(&next) = months.get(i + 1) {
            shapes.push(Shape::Text {
                at: Point::new((x + x_of(next)) / 2.0, TOP - 12.0),
                text: format!("{}月", m.month()),
                size: 12.0,
                anchor: Anchor::Middle,
                bold: false,
                color: Color::TEXT_SUB,
            });
        }
    }
    shapes.push(Shape::Text {
        at: Point::new(LEFT, 20.0),
        text: title.to_owned(),
        size: 14.0,
        anchor: Anchor::Start,
        bold: true,
        color: Color::BLACK,
    });

    for (i, r) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64 + ROW / 2.0;
        if i % 2 == 0 {
            shapes.push(Shape::Polygon {
                points: vec![
                    Point::new(10.0, y - ROW / 2.0),
                    Point::new(LEFT + WIDTH, y - ROW / 2.0),
                    Point::new(LEFT + WIDTH, y + ROW / 2.0),
                    Point::new(10.0, y + ROW / 2.0),
                ],
                stroke: Stroke::solid(Color(0xf2, 0xf2, 0xf2), 0.1),
                fill: Some(Fill {
                    color: Color(0xf2, 0xf2, 0xf2),
                    opacity: 1.0,
                }),
                role: Some("band".into()),
            });
        }
        let color = if r.done {
            DONE
        } else if r.overdue {
            LATE
        } else {
            OPEN
        };
        shapes.push(Shape::Text {
            at: Point::new(16.0, y + 4.5),
            text: format!("{}/{} {}", r.date.month(), r.date.day(), clip(r.label, 16)),
            size: 12.0,
            anchor: Anchor::Start,
            bold: r.milestone,
            color: Color::BLACK,
        });
        shapes.push(Shape::Marker {
            at: Point::new(x_of(r.date), y),
            size: if r.milestone { 6.5 } else { 5.0 },
            kind: if r.milestone {
                Marker::Diamond
            } else if r.done {
                Marker::Circle
            } else {
                Marker::Square
            },
            color,
        });
    }
    if let Some(m) = marker.filter(|m| m.date >= start && m.date < end) {
        let x = x_of(m.date);
        shapes.push(Shape::Line {
            from: Point::new(x, TOP - 6.0),
            to: Point::new(x, bottom),
            stroke: Stroke {
                color: LATE,
                width: 1.2,
                dash: Some(vec![4.0, 3.0]),
            },
        });
        shapes.push(Shape::Text {
            at: Point::new(x, bottom + 14.0),
            text: m.label.into(),
            size: 11.0,
            anchor: Anchor::Middle,
            bold: false,
            color: LATE,
        });
    }
    // Legend: shape tells the kind and state even in greyscale.
    let ly = bottom + 34.0;
    for (k, (kind, color, text)) in [
        (Marker::Square, OPEN, "未完了のタスク"),
        (Marker::Circle, DONE, "完了したタスク"),
        (Marker::Diamond, OPEN, "マイルストーン"),
    ]
    .into_iter()
    .enumerate()
    {
        let x = LEFT + 170.0 * k as f64;
        shapes.push(Shape::Marker {
            at: Point::new(x, ly),
            size: 5.0,
            kind,
            color,
        });
        shapes.push(Shape::Text {
            at: Point::new(x + 12.0, ly + 4.5),
            text: text.into(),
            size: 12.0,
            anchor: Anchor::Start,
            bold: false,
            color: Color::BLACK,
        });
    }
    Scene {
        width: LEFT + WIDTH + 20.0,
        height: ly + 20.0,
        title: title.to_owned(),
        shapes,
    }
}

/// 中長期計画: a box per 年度 with an arrow to the next.
pub fn plan(title: &str, steps: &[(String, String, String)]) -> Scene {
    let (w, h, gap) = (190.0, 70.0, 40.0);
    let mut shapes = Vec::new();
    let mut note_lines = 0;
    for (i, (year, text, note)) in steps.iter().enumerate() {
        let x = 10.0 + (w + gap) * i as f64;
        let y = 30.0;
        shapes.push(Shape::Polygon {
            points: vec![
                Point::new(x, y),
                Point::new(x + w, y),
                Point::new(x + w, y + h),
                Point::new(x, y + h),
            ],
            stroke: Stroke::solid(OPEN, 1.5),
            fill: Some(Fill {
                color: OPEN,
                opacity: 0.06,
            }),
            role: Some("step".into()),
        });
        shapes.push(Shape::Text {
            at: Point::new(x + w / 2.0, y + 26.0),
            text: year.clone(),
            size: 13.0,
            anchor: Anchor::Middle,
            bold: true,
            color: OPEN,
        });
        shapes.push(Shape::Text {
            at: Point::new(x + w / 2.0, y + 50.0),
            text: clip(text, 13),
            size: 13.0,
            anchor: Anchor::Middle,
            bold: false,
            color: Color::BLACK,
        });
        // A step's note under its box, so that what follows without a 年度
        // (「その後：継続実施 → …」) shows on the roadmap too.
        let lines: Vec<String> = note
            .chars()
            .collect::<Vec<_>>()
            .chunks(16)
            .take(3)
            .map(|c| c.iter().collect())
            .collect();
        note_lines = note_lines.max(lines.len());
        for (k, line) in lines.iter().enumerate() {
            shapes.push(Shape::Text {
                at: Point::new(x + 4.0, y + h + 18.0 + 15.0 * k as f64),
                text: line.clone(),
                size: 11.0,
                anchor: Anchor::Start,
                bold: false,
                color: Color::TEXT_SUB,
            });
        }
        if i + 1 < steps.len() {
            let (ax, ay) = (x + w + 6.0, y + h / 2.0);
            shapes.push(Shape::Line {
                from: Point::new(ax, ay),
                to: Point::new(ax + gap - 12.0, ay),
                stroke: Stroke::solid(Color::TEXT_SUB, 2.0),
            });
            shapes.push(Shape::Polygon {
                points: vec![
                    Point::new(ax + gap - 12.0, ay - 6.0),
                    Point::new(ax + gap - 4.0, ay),
                    Point::new(ax + gap - 12.0, ay + 6.0),
                ],
                stroke: Stroke::solid(Color::TEXT_SUB, 1.0),
                fill: Some(Fill {
                    color: Color::TEXT_SUB,
                    opacity: 1.0,
                }),
                role: Some("arrow".into()),
            });
        }
    }
    Scene {
        width: 20.0 + (w + gap) * steps.len().max(1) as f64 - gap,
        height: 120.0 + 15.0 * note_lines as f64,
        title: title.to_owned(),
        shapes,
    }
}

/// The 年度 timeline of a project's dated tasks and milestones.
pub fn timeline_scene(fiscal_year: i32, tasks: &[Task], marker: Option<DayMarker>) -> Scene {
    let rows: Vec<Row> = tasks
        .iter()
        .filter_map(|t| {
            Some(Row {
                label: &t.title,
                date: t.due_date?,
                milestone: t.milestone,
                done: t.status == TaskStatus::Done,
                overdue: t.overdue,
            })
        })
        .collect();
    let title = format!(
        "{}の予定（タスク・マイルストーン）",
        crate::wareki::fiscal_year_wareki(fiscal_year)
    );
    timeline(&title, fiscal_year, &rows, marker)
}

/// The multi-year plan as boxes per 年度.
pub fn plan_scene(steps: &[PlanStep]) -> Scene {
    let steps: Vec<(String, String, String)> = steps
        .iter()
        .map(|s| (s.fiscal_year_label.clone(), s.title.clone(), s.note.clone()))
        .collect();
    plan("中長期計画", &steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn only_rows_of_the_fiscal_year_are_drawn_in_date_position() {
        let rows = [
            Row {
                label: "事業協力会社へ説明",
                date: d("2024-07-08"),
                milestone: false,
                done: true,
                overdue: false,
            },
            Row {
                label: "腰痛予防対策研修会",
                date: d("2024-07-26"),
                milestone: true,
                done: true,
                overdue: false,
            },
            Row {
                label: "翌年度の作業",
                date: d("2025-04-02"),
                milestone: false,
                done: false,
                overdue: false,
            },
        ];
        let s = timeline(
            "令和6年度の予定",
            2024,
            &rows,
            DayMarker::for_year(2024, d("2024-10-01"), None),
        );
        let texts: Vec<&str> = s
            .shapes
            .iter()
            .filter_map(|x| match x {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"4月") && texts.contains(&"3月") && texts.contains(&"今日"));
        assert!(texts.contains(&"7/8 事業協力会社へ説明"));
        assert!(!texts.iter().any(|t| t.contains("翌年度")));
        let markers: Vec<(f64, Marker)> = s
            .shapes
            .iter()
            .filter_map(|x| match x {
                Shape::Marker { at, kind, .. } if at.y < 120.0 => Some((at.x, *kind)),
                _ => None,
            })
            .collect();
        assert_eq!(markers.len(), 2);
        assert!(markers[0].0 < markers[1].0, "7/8 is left of 7/26");
        assert_eq!(markers[1].1, Marker::Diamond);
        // 1 October lies half-way through the 年度 (183 of 365 days).
        let today_x = s
            .shapes
            .iter()
            .find_map(|x| match x {
                Shape::Line { from, stroke, .. } if stroke.dash.is_some() => Some(from.x),
                _ => None,
            })
            .unwrap();
        assert!((today_x - (LEFT + WIDTH * 183.0 / 365.0)).abs() < 0.01);
    }

    #[test]
    fn today_only_inside_the_year_and_a_past_years_report_marks_its_date() {
        let on = |fy, today, end: Option<&str>| DayMarker::for_year(fy, d(today), end.map(d));
        assert_eq!(on(2024, "2024-10-01", None).unwrap().label, "今日");
        // Today is in 令和8年度: the 令和6年度 chart has no 今日 …
        assert_eq!(on(2024, "2026-11-26", None), None);
        // … and a report of that year marks its end date instead.
        let m = on(2024, "2026-11-26", Some("2025-03-31")).unwrap();
        assert_eq!((m.label, m.date), ("報告日", d("2025-03-31")));
        let texts = |s: &Scene| -> Vec<String> {
            s.shapes
                .iter()
                .filter_map(|x| match x {
                    Shape::Text { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .collect()
        };
        let s = timeline_scene(2024, &[], on(2024, "2026-11-26", Some("2025-03-31")));
        assert!(texts(&s).contains(&"報告日".to_string()));
        assert!(!texts(&s).contains(&"今日".to_string()));
    }

    #[test]
    fn plan_has_a_box_per_year_and_arrows_between() {
        let steps = vec![
            (
                "令和6年度".to_string(),
                "事業計画".to_string(),
                String::new(),
            ),
            ("令和7年度".into(), "事業実施".into(), String::new()),
            (
                "令和8年度".into(),
                "継続実施".into(),
                "その後：関連団体との協働実施へ".into(),
            ),
        ];
        let s = plan("中長期計画", &steps);
        let drawn: Vec<&str> = s
            .shapes
            .iter()
            .filter_map(|x| match x {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            drawn.contains(&"その後：関連団体との協働実施へ"),
            "{drawn:?}"
        );
        assert!(s.height > 120.0, "room for the note");
        let count = |role: &str| {
            s.shapes
                .iter()
                .filter(|x| matches!(x, Shape::Polygon { role: Some(r), .. } if r == role))
                .count()
        };
        assert_eq!((count("step"), count("arrow")), (3, 2));
    }
}
