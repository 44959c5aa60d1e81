//! 和暦 (Japanese era) and 年度 (fiscal year, April–March) formatting.
//! Japanese offices print dates this way; every date a user sees goes through here.

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Serialize;
use ts_rs::TS;

/// Era names with their first day, newest first.
const ERAS: [(&str, i32, u32, u32); 5] = [
    ("令和", 2019, 5, 1),
    ("平成", 1989, 1, 8),
    ("昭和", 1926, 12, 25),
    ("大正", 1912, 7, 30),
    ("明治", 1868, 10, 23),
];

/// The era and the year within it (1 = 元年) for a date, or None before 明治.
pub fn era_of(date: NaiveDate) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|&(name, y, m, d)| {
        let start = NaiveDate::from_ymd_opt(y, m, d).expect("era table holds valid dates");
        (date >= start).then(|| (name, date.year() - y + 1))
    })
}

fn era_year_text(name: &str, year: i32) -> String {
    if year == 1 {
        format!("{name}元年")
    } else {
        format!("{name}{year}年")
    }
}

/// 2024-07-16 → 「令和6年7月16日」; 2019-05-01 → 「令和元年5月1日」.
pub fn date_wareki(date: NaiveDate) -> String {
    match era_of(date) {
        Some((name, y)) => format!(
            "{}{}月{}日",
            era_year_text(name, y),
            date.month(),
            date.day()
        ),
        None => date_seireki(date),
    }
}

/// 2024-07-16 → 「2024年7月16日」.
pub fn date_seireki(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// The fiscal year (年度) a date belongs to: April–March, named by the April year.
pub fn fiscal_year(date: NaiveDate) -> i32 {
    if date.month() >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// 2024 → 「令和6年度」. A fiscal year takes the name of the era in force at its
/// end (31 March), which is how FY2019 became 「令和元年度」 rather than 平成31年度;
/// an era that began after 1 April of that year (平成, January 1989) leaves
/// FY1988 with the era of its start: 昭和63年度.
pub fn fiscal_year_wareki(fy: i32) -> String {
    let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).and_then(era_of);
    match (at(fy + 1, 3, 31), at(fy, 4, 1)) {
        // The end date lies one calendar year after the 年度's own year.
        (Some((name, y)), _) if y > 1 => format!("{}度", era_year_text(name, y - 1)),
        (_, Some((name, y))) => format!("{}度", era_year_text(name, y)),
        _ => format!("{fy}年度"),
    }
}

/// A period as users read it: 「令和6年6月1日〜令和7年3月31日」.
pub fn period_wareki(start: NaiveDate, end: NaiveDate) -> String {
    format!("{}〜{}", date_wareki(start), date_wareki(end))
}

/// First day of each era, by the names and letters offices write.
const ERA_NAMES: [(&str, &str, i32); 5] = [
    ("令和", "R", 2019),
    ("平成", "H", 1989),
    ("昭和", "S", 1926),
    ("大正", "T", 1912),
    ("明治", "M", 1868),
];

/// Full-width digits, letters and separators as their ASCII twins (what a
/// Japanese keyboard in 全角 mode types).
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '／' => '/',
            '－' | '―' | '‐' | 'ー' => '-',
            '．' | '。' => '.',
            '　' => ' ',
            _ => c,
        })
        .collect()
}

/// Reads a time of day as people type it: 13:30, １３：３０, 13時30分, 13時.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = half_width(text.trim()).replace('：', ":");
    let t = t.trim();
    if let Some(rest) = t.strip_suffix('分') {
        let (h, m) = rest.split_once('時')?;
        return NaiveTime::from_hms_opt(h.trim().parse().ok()?, m.trim().parse().ok()?, 0);
    }
    if let Some(h) = t.strip_suffix('時') {
        return NaiveTime::from_hms_opt(h.trim().parse().ok()?, 0, 0);
    }
    let (h, m) = t.split_once(':')?;
    if m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// Reads a date the way Japanese offices write it: 2024/7/16, 2024-07-16,
/// 2024.7.16, 2024年7月16日, 令和6年7月16日, 令和元年5月1日, R6.7.16, R6/7/16,
/// 令6.7.16, H31.4.30, in full-width digits too; 7/16 or 7月16日 is this
/// year's. A time after the date (a spreadsheet's 2024/12/09 10:15:00) is
/// ignored. None when it is not a real date, or an era year the era did not
/// have (平成32年, 令和元年4月30日).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_date_in(text, chrono::Local::now().year())
}

/// [`parse_date`], with `this_year` for a date typed without its year.
///
/// An era's last year goes on until that year's end, as forms printed before
/// a change of era are still filled in: H31.5.1 is 2019-05-01 (令和元年5月1日),
/// and so is 昭和64年1月8日 for 1989-01-08; 平成32年 is refused.
pub fn parse_date_in(text: &str, this_year: i32) -> Option<NaiveDate> {
    parse(text, Some(this_year))
}

/// [`parse_date`] for a file's dates (a CSV from another tool), where a date
/// without its year is refused rather than put in this year.
pub fn parse_date_with_year(text: &str) -> Option<NaiveDate> {
    parse(text, None)
}

fn parse(text: &str, this_year: Option<i32>) -> Option<NaiveDate> {
    let t = half_width(text.trim());
    let t = t.split_whitespace().next()?;
    let mut era = None;
    let mut rest = t.to_owned();
    'eras: for &(name, letter, first) in &ERA_NAMES {
        let short: String = name.chars().take(1).collect();
        for prefix in [
            name.to_owned(),
            letter.to_owned(),
            letter.to_ascii_lowercase(),
            short,
        ] {
            if let Some(r) = t.strip_prefix(prefix.as_str()) {
                era = Some((name, first));
                rest = r.to_owned();
                break 'eras;
            }
        }
    }
    let rest = rest.replacen("元", "1", 1);
    let mut parts: Vec<&str> = rest
        .split(['/', '-', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    // 7/16, 7月16日: this year's (not with an era, whose year is needed).
    let year_text = this_year.map(|y| y.to_string());
    if let Some(y) = &year_text {
        if parts.len() == 2 && era.is_none() && !rest.contains('年') {
            parts.insert(0, y);
        }
    }
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 4)
    {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let year = match era {
        Some((_, first)) => first + n[0] as i32 - 1,
        None => n[0] as i32,
    };
    let date = NaiveDate::from_ymd_opt(year, n[1], n[2])?;
    match era {
        // The era must have begun that day, and 0年 does not exist; a date
        // after its end is read only in the calendar year it ended in.
        Some((name, _)) if n[0] == 0 || !era_covers(name, date) => None,
        _ => Some(date),
    }
}

/// True when `date` is in era `name`, or after its end in the same calendar
/// year (平成31年5月1日), but never before it began (令和元年4月30日).
fn era_covers(name: &str, date: NaiveDate) -> bool {
    let Some(i) = ERAS.iter().position(|e| e.0 == name) else {
        return false;
    };
    let (_, y, m, d) = ERAS[i];
    let start = NaiveDate::from_ymd_opt(y, m, d).expect("era table holds valid dates");
    if date < start {
        return false;
    }
    match i.checked_sub(1).map(|next| ERAS[next]) {
        // The next era began on (ny, nm, nd): this one runs to the end of ny.
        Some((_, ny, _, _)) => date.year() <= ny,
        None => true,
    }
}

/// What a date field reads in what was typed, shown beside it as the user types.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DateReading {
    /// YYYY-MM-DD, when the text is a date.
    pub iso: Option<NaiveDate>,
    /// 「令和6年7月16日（火）」, or why it is not a date.
    pub text: String,
    /// 「令和6年7月16日」: what the field shows for a date it was given as
    /// YYYY-MM-DD (a stored record, today's date); empty when not a date.
    pub wareki: String,
    pub ok: bool,
}

const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// Reads a typed date for the field's hint: the 和暦 with the weekday, or a
/// Japanese note on why it is not a date. Empty text reads as nothing.
pub fn reading(text: &str) -> DateReading {
    if text.trim().is_empty() {
        return DateReading {
            iso: None,
            text: String::new(),
            wareki: String::new(),
            ok: true,
        };
    }
    match parse_date(text) {
        Some(d) => DateReading {
            iso: Some(d),
            text: format!(
                "{}（{}）",
                date_wareki(d),
                WEEKDAYS[d.weekday().num_days_from_monday() as usize]
            ),
            wareki: date_wareki(d),
            ok: true,
        },
        None => DateReading {
            iso: None,
            text: "日付として読めません（例：2024/7/16、令和6年7月16日、R6.7.16）".into(),
            wareki: String::new(),
            ok: false,
        },
    }
}

/// A 年度 with its name, for lists the window offers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FiscalYear {
    pub year: i32,
    /// 令和6年度.
    pub label: String,
}

/// The years a form accepts, as 年度 or in a date: others are almost always
/// typing slips (1900, 20245 …).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// Every 年度 a form accepts ([`YEARS`]), named.
pub fn fiscal_years() -> Vec<FiscalYear> {
    YEARS
        .map(|year| FiscalYear {
            year,
            label: fiscal_year_wareki(year),
        })
        .collect()
}

/// Today as the forms use it: the default date, and the 年度 it falls in.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Today {
    pub date: NaiveDate,
    /// 令和8年11月26日.
    pub label: String,
    pub fiscal_year: i32,
    pub fiscal_year_label: String,
    /// 4月1日 and 3月31日 of that 年度.
    pub fiscal_year_start: NaiveDate,
    pub fiscal_year_end: NaiveDate,
}

pub fn today_info(date: NaiveDate) -> Today {
    let fy = fiscal_year(date);
    Today {
        date,
        label: date_wareki(date),
        fiscal_year: fy,
        fiscal_year_label: fiscal_year_wareki(fy),
        fiscal_year_start: NaiveDate::from_ymd_opt(fy, 4, 1).expect("1 April exists"),
        fiscal_year_end: NaiveDate::from_ymd_opt(fy + 1, 3, 31).expect("31 March exists"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn times_as_typed() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time("13:30"), t(13, 30));
        assert_eq!(parse_time("9:05"), t(9, 5));
        assert_eq!(parse_time("１３：３０"), t(13, 30));
        assert_eq!(parse_time("13時30分"), t(13, 30));
        assert_eq!(parse_time("１９時"), t(19, 0));
        for bad in ["", "25:00", "13:5", "13:60", "午後", "13"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn heisei_ends_on_30_april_2019() {
        assert_eq!(date_wareki(d(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(date_wareki(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(date_wareki(d(2020, 1, 1)), "令和2年1月1日");
    }

    #[test]
    fn showa_heisei_boundary() {
        assert_eq!(date_wareki(d(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(date_wareki(d(1989, 1, 8)), "平成元年1月8日");
    }

    #[test]
    fn report_dates() {
        assert_eq!(date_wareki(d(2024, 7, 16)), "令和6年7月16日");
        assert_eq!(date_seireki(d(2024, 12, 5)), "2024年12月5日");
    }

    #[test]
    fn fiscal_year_runs_april_to_march() {
        assert_eq!(fiscal_year(d(2024, 4, 1)), 2024);
        assert_eq!(fiscal_year(d(2025, 3, 31)), 2024);
        assert_eq!(fiscal_year(d(2024, 3, 31)), 2023);
        assert_eq!(fiscal_year_wareki(2024), "令和6年度");
        assert_eq!(fiscal_year_wareki(2019), "令和元年度");
        assert_eq!(fiscal_year_wareki(2018), "平成30年度");
        assert_eq!(fiscal_year_wareki(1988), "昭和63年度");
        assert_eq!(fiscal_year_wareki(1989), "平成元年度");
    }

    #[test]
    fn today_knows_its_fiscal_year() {
        let t = today_info(d(2025, 3, 31));
        assert_eq!(
            (t.fiscal_year, t.fiscal_year_label.as_str()),
            (2024, "令和6年度")
        );
        assert_eq!(
            (t.fiscal_year_start, t.fiscal_year_end),
            (d(2024, 4, 1), d(2025, 3, 31))
        );
        assert_eq!(today_info(d(2026, 11, 26)).label, "令和8年11月26日");
        let years = fiscal_years();
        assert_eq!(years.len(), 100);
        assert_eq!(years[19].label, "令和元年度");
    }

    #[test]
    fn dates_are_read_as_offices_write_them() {
        let want = d(2024, 7, 16);
        for text in [
            "2024/7/16",
            "2024-07-16",
            "2024.7.16",
            "2024年7月16日",
            "令和6年7月16日",
            "R6.7.16",
            "r6/7/16",
            "令6.7.16",
            "２０２４／７／１６",
            "令和６年７月１６日",
            "Ｒ６．７．１６",
            " 2024/07/16 10:15:00 ",
        ] {
            assert_eq!(parse_date(text), Some(want), "{text}");
        }
        assert_eq!(parse_date("令和元年5月1日"), Some(d(2019, 5, 1)));
        assert_eq!(parse_date("H31.4.30"), Some(d(2019, 4, 30)));
        assert_eq!(parse_date("平成元年1月8日"), Some(d(1989, 1, 8)));
        assert_eq!(parse_date("S64.1.7"), Some(d(1989, 1, 7)));
        // An era's last year runs to its end on forms printed before the change.
        assert_eq!(parse_date("H31.5.1"), Some(d(2019, 5, 1)));
        assert_eq!(parse_date("平成31年12月31日"), Some(d(2019, 12, 31)));
        assert_eq!(parse_date("昭和64年1月8日"), Some(d(1989, 1, 8)));
        // Without a year: this year's.
        assert_eq!(parse_date_in("7/16", 2026), Some(d(2026, 7, 16)));
        assert_eq!(parse_date_in("７月１６日", 2026), Some(d(2026, 7, 16)));
        assert_eq!(parse_date_in("2/29", 2025), None);
        assert_eq!(
            parse_date_with_year("7/16"),
            None,
            "a file's date needs its year"
        );
        assert_eq!(parse_date_with_year("2024/7/16"), Some(d(2024, 7, 16)));
        for bad in [
            "令和元年4月30日",
            "平成32年1月1日",
            "R0.5.1",
            "H7.16",
            "2024/2/30",
            "2024/13/1",
            "16",
            "来週",
            "",
        ] {
            assert_eq!(parse_date_in(bad, 2026), None, "{bad}");
        }
    }

    #[test]
    fn a_typed_date_reads_back_with_its_weekday_or_says_why_not() {
        let r = reading("R6.7.16");
        assert_eq!(
            (r.iso, r.text.as_str(), r.ok),
            (Some(d(2024, 7, 16)), "令和6年7月16日（火）", true)
        );
        // A stored date, shown in the field as 和暦, reads back as the same day.
        let stored = reading("2019-05-01");
        assert_eq!(stored.wareki, "令和元年5月1日");
        assert_eq!(reading(&stored.wareki).iso, Some(d(2019, 5, 1)));
        assert_eq!(reading("7/").wareki, "");
        let this_year = chrono::Local::now().year();
        assert_eq!(
            reading("7/16").iso,
            NaiveDate::from_ymd_opt(this_year, 7, 16)
        );
        assert!(!reading("7/").ok);
        assert_eq!(reading("  ").text, "");
    }

    #[test]
    fn before_meiji_falls_back_to_seireki() {
        assert_eq!(date_wareki(d(1800, 1, 2)), "1800年1月2日");
    }
}
