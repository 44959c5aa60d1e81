//! 準備チェック, 活動フェーズ, 関係機関 and 提供資料 against real SQLite files.

mod common;

use bansou::model::checklist::{parse_template, ItemStatus, Side};
use bansou::model::{
    ContactLogInput, ItemUpdateInput, NewItemInput, Relation, ResourceInput, StakeholderInput,
};
use bansou::{demo, Store};
use chrono::NaiveDate;
use common::{member_input, project_input, store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn update(status: &str, by: &str, on: &str) -> ItemUpdateInput {
    ItemUpdateInput {
        status: status.into(),
        changed_by: by.into(),
        changed_on: on.into(),
        ..Default::default()
    }
}

fn org(name: &str) -> StakeholderInput {
    StakeholderInput {
        name: name.into(),
        kind: "産業保健総合支援センター".into(),
        state: "未接触".into(),
        contacts: vec![],
        note: String::new(),
    }
}

#[test]
fn a_new_project_gets_both_checklists_from_the_template() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let c = s.checklist(p.id, d("2024-07-01")).unwrap();
    assert_eq!(c.items.len(), 16);
    assert_eq!(c.items[0].text, "組織内での担当部門の明確化");
    assert_eq!(c.items[8].side, Side::Outer);
    assert_eq!(c.items[8].number, 1);
    assert!(c.items.iter().all(|i| i.status == ItemStatus::NotStarted));
    assert_eq!(c.completion[0].label(), "内向き 0/8");
    assert_eq!(c.completion[1].label(), "外向き 0/8");
    let suggested: Vec<u32> = c
        .items
        .iter()
        .filter(|i| i.suggests_stakeholders)
        .map(|i| i.number)
        .collect();
    assert_eq!(suggested, [2, 3, 4, 5]);
}

#[test]
fn every_status_change_is_in_the_history_and_survives_reopening() {
    let (_dir, path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let m = s
        .add_member(p.id, &member_input("今井", "リーダー"))
        .unwrap();
    let o = s
        .create_stakeholder(p.id, &org("山口産業保健総合支援センター"))
        .unwrap();
    let item = s.checklist(p.id, d("2024-07-01")).unwrap().items[9].clone(); // 外向き②

    let mut u = update("進行中", "今井", "2024-07-16");
    u.owner_id = Some(m.id);
    u.due_date = "2024-09-30".into();
    u.stakeholder_ids = vec![o.id];
    s.update_checklist_item(item.id, &u, d("2024-07-16"))
        .unwrap();
    // Same status again: a note edit is not a status change.
    u.note = "産保センターに連絡".into();
    s.update_checklist_item(item.id, &u, d("2024-07-20"))
        .unwrap();
    u.status = "完了".into();
    u.changed_on = "2024-09-19".into();
    s.update_checklist_item(item.id, &u, d("2024-09-19"))
        .unwrap();
    drop(s);

    let s = Store::open(&path).unwrap();
    let it = s.checklist_item(item.id, d("2024-10-01")).unwrap();
    assert_eq!(it.status, ItemStatus::Done);
    assert_eq!(it.owner_name.as_deref(), Some("今井"));
    assert_eq!(it.note, "産保センターに連絡");
    assert_eq!(it.stakeholder_ids, [o.id]);
    let h: Vec<(String, Option<ItemStatus>, ItemStatus, String)> = it
        .history
        .iter()
        .map(|c| (c.changed_on.to_string(), c.from, c.to, c.changed_by.clone()))
        .collect();
    assert_eq!(
        h,
        [
            (
                "2024-09-19".into(),
                Some(ItemStatus::InProgress),
                ItemStatus::Done,
                "今井".into()
            ),
            (
                "2024-07-16".into(),
                Some(ItemStatus::NotStarted),
                ItemStatus::InProgress,
                "今井".into()
            ),
        ]
    );
    assert_eq!(
        s.stakeholder(o.id).unwrap().linked_items,
        ["外向き・都道府県内の関係機関・部署などの把握"]
    );
}

#[test]
fn completion_excludes_not_applicable_and_counts_overdue() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let items = s.checklist(p.id, d("2024-07-01")).unwrap().items;
    let today = d("2024-10-01");
    s.update_checklist_item(items[0].id, &update("完了", "a", "2024-07-01"), today)
        .unwrap();
    s.update_checklist_item(items[1].id, &update("該当なし", "a", "2024-07-01"), today)
        .unwrap();
    let mut late = update("進行中", "a", "2024-07-01");
    late.due_date = "2024-09-30".into();
    s.update_checklist_item(items[2].id, &late, today).unwrap();
    let mut done_late = update("完了", "a", "2024-07-01");
    done_late.due_date = "2024-08-01".into();
    s.update_checklist_item(items[3].id, &done_late, today)
        .unwrap();

    let c = s.checklist(p.id, today).unwrap();
    assert_eq!(c.completion[0].label(), "内向き 2/7");
    assert_eq!(c.completion[0].overdue, 1);
    assert!(c.items[2].overdue && !c.items[3].overdue);
    let o = s.overview(p.id, today).unwrap();
    assert_eq!(o.overdue.len(), 1);
    assert_eq!(
        o.overdue[0].label,
        "内向き3：組織内での事業に対する周知・合意形成"
    );
}

#[test]
fn bad_updates_change_nothing() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let other = s.create_project(&project_input("他の事業")).unwrap();
    let stranger = s
        .add_member(other.id, &member_input("他人", "メンバー"))
        .unwrap();
    let item = s.checklist(p.id, d("2024-07-01")).unwrap().items[0].clone();
    let today = d("2024-07-01");

    let e = s
        .update_checklist_item(item.id, &update("済み", "a", "2024-07-01"), today)
        .unwrap_err();
    assert!(e.fields()[0].message.contains("状況「済み」は選べません"));
    let mut old = update("完了", "a", "2024-07-01");
    old.due_date = "1900-01-01".into();
    assert_eq!(
        s.update_checklist_item(item.id, &old, today)
            .unwrap_err()
            .fields()[0]
            .field,
        "due_date"
    );
    let mut gone = update("完了", "a", "2024-07-01");
    gone.stakeholder_ids = vec![9999];
    gone.owner_id = Some(stranger.id);
    let e = s.update_checklist_item(item.id, &gone, today).unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["owner_id", "stakeholder_ids"]);
    assert!(e.fields()[1]
        .message
        .contains("関係機関（ID 9999）が見つかりません"));
    let mut no_resource = update("完了", "a", "2024-07-01");
    no_resource.resource_ids = vec![4242];
    assert_eq!(
        s.update_checklist_item(item.id, &no_resource, today)
            .unwrap_err()
            .fields()[0]
            .field,
        "resource_ids"
    );

    let after = s.checklist_item(item.id, today).unwrap();
    assert_eq!(after.status, ItemStatus::NotStarted);
    assert!(after.history.is_empty());
}

#[test]
fn project_items_can_be_added_and_removed_but_template_items_stay() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let today = d("2024-07-01");
    let mine = s
        .add_checklist_item(
            p.id,
            &NewItemInput {
                side: "内向き".into(),
                text: "会員向け説明会の開催".into(),
            },
            today,
        )
        .unwrap();
    assert_eq!(mine.number, 9);
    assert_eq!(
        s.checklist(p.id, today).unwrap().completion[0].applicable,
        9
    );
    let template_item = s.checklist(p.id, today).unwrap().items[0].id;
    assert_eq!(
        s.delete_checklist_item(template_item).unwrap_err().code(),
        "validation"
    );
    s.delete_checklist_item(mine.id).unwrap();
    assert_eq!(s.checklist(p.id, today).unwrap().items.len(), 16);
    let e = s
        .add_checklist_item(
            p.id,
            &NewItemInput {
                side: "横向き".into(),
                text: " ".into(),
            },
            today,
        )
        .unwrap_err();
    assert_eq!(e.fields().len(), 2);
}

#[test]
fn a_template_update_adds_items_and_keeps_recorded_state() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let today = d("2024-07-01");
    let first = s.checklist(p.id, today).unwrap().items[0].clone();
    s.update_checklist_item(first.id, &update("完了", "今井", "2024-06-17"), today)
        .unwrap();

    // Version 2 rewords inner.1, drops inner.8 and adds inner.9.
    let mut v2 = String::from(
        "[[item]]\nkey = \"inner.1\"\nside = \"内向き\"\ntext = \"担当部門の明確化（改訂）\"\n",
    );
    v2.push_str(
        "[[item]]\nkey = \"inner.9\"\nside = \"内向き\"\ntext = \"事業評価の方法の決定\"\n",
    );
    let added = s
        .apply_checklist_template(&parse_template(&v2).unwrap())
        .unwrap();
    assert_eq!(added, 1);
    let c = s.checklist(p.id, today).unwrap();
    let inner: Vec<_> = c.items.iter().filter(|i| i.side == Side::Inner).collect();
    assert_eq!(inner.len(), 9);
    assert_eq!(inner[0].id, first.id);
    assert_eq!(inner[0].status, ItemStatus::Done);
    assert_eq!(
        inner[0].text, "組織内での担当部門の明確化",
        "recorded text is kept"
    );
    assert_eq!(inner[0].history.len(), 1);
    assert_eq!(
        inner[7].template_key.as_deref(),
        Some("inner.8"),
        "dropped items stay"
    );
    assert_eq!(inner[8].text, "事業評価の方法の決定");
    // Applying again adds nothing.
    assert_eq!(
        s.apply_checklist_template(&parse_template(&v2).unwrap())
            .unwrap(),
        0
    );
}

#[test]
fn contact_log_moves_the_relationship_and_deleting_removes_links() {
    let (_dir, path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let o = s
        .create_stakeholder(p.id, &org("茨城産業保健総合支援センター"))
        .unwrap();
    assert_eq!(o.state, Relation::Untouched);
    let o = s
        .add_contact_log(
            o.id,
            &ContactLogInput {
                contacted_on: "2024-10-16".into(),
                summary: "打ち合わせ（対面）".into(),
                new_state: "協議中".into(),
            },
        )
        .unwrap();
    assert_eq!(o.state, Relation::Discussing);
    let o = s
        .add_contact_log(
            o.id,
            &ContactLogInput {
                contacted_on: "2024-11-01".into(),
                summary: "資料送付".into(),
                new_state: "".into(),
            },
        )
        .unwrap();
    assert_eq!(
        o.state,
        Relation::Discussing,
        "a log entry without a state keeps it"
    );
    assert_eq!(o.log[0].summary, "資料送付");
    let ov = s.overview(p.id, d("2024-11-02")).unwrap();
    assert_eq!(ov.stakeholders[0].state, Relation::Discussing);
    assert_eq!(ov.stakeholders[0].last_contact, Some(d("2024-11-01")));

    let bad = s.add_contact_log(
        o.id,
        &ContactLogInput {
            contacted_on: "".into(),
            summary: "".into(),
            new_state: "".into(),
        },
    );
    assert_eq!(bad.unwrap_err().fields().len(), 2);
    assert_eq!(s.stakeholder(o.id).unwrap().log.len(), 2);

    let item = s.checklist(p.id, d("2024-11-02")).unwrap().items[9].clone();
    let mut u = update("進行中", "a", "2024-11-02");
    u.stakeholder_ids = vec![o.id];
    s.update_checklist_item(item.id, &u, d("2024-11-02"))
        .unwrap();
    s.delete_stakeholder(o.id).unwrap();
    assert!(s
        .checklist_item(item.id, d("2024-11-02"))
        .unwrap()
        .stakeholder_ids
        .is_empty());
    drop(s);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for table in [
        "checklist_stakeholders",
        "contact_log",
        "stakeholder_contacts",
    ] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
}

#[test]
fn resources_belong_to_projects_and_only_web_urls_pass() {
    let (_dir, _path, mut s) = store();
    let a = s.create_project(&project_input("A")).unwrap();
    let b = s.create_project(&project_input("B")).unwrap();
    let input = ResourceInput {
        title: "エイジフレンドリー補助金".into(),
        url: "https://www.mhlw.go.jp/stf/newpage_09940.html".into(),
        category: "補助金".into(),
        provided_by: "北村".into(),
        provided_on: "2024-06-20".into(),
        project_ids: vec![a.id, b.id],
        ..Default::default()
    };
    let r = s.create_resource(&input).unwrap();
    assert_eq!(s.resources(a.id).unwrap()[0].id, r.id);
    assert_eq!(s.resources(b.id).unwrap().len(), 1);
    let hostile = ResourceInput {
        url: "javascript:alert(1)".into(),
        ..input.clone()
    };
    assert_eq!(
        s.create_resource(&hostile).unwrap_err().fields()[0].field,
        "url"
    );
    let missing = ResourceInput {
        project_ids: vec![777],
        ..input.clone()
    };
    assert_eq!(
        s.create_resource(&missing).unwrap_err().fields()[0].field,
        "project_ids"
    );
    assert_eq!(
        s.resources(a.id).unwrap().len(),
        1,
        "failed saves wrote nothing"
    );
    let moved = s
        .update_resource(
            r.id,
            &ResourceInput {
                project_ids: vec![b.id],
                ..input
            },
        )
        .unwrap();
    assert_eq!(moved.project_ids, [b.id]);
    assert!(s.resources(a.id).unwrap().is_empty());
    s.delete_resource(r.id).unwrap();
    assert!(s.resources(b.id).unwrap().is_empty());
}

#[test]
fn phase_is_set_and_checked() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    assert!(p.phase.is_none());
    let p = s.set_phase(p.id, Some(3)).unwrap();
    assert_eq!(p.phase.unwrap().name, "タスク実行・進捗管理");
    assert_eq!(
        s.set_phase(p.id, Some(6)).unwrap_err().fields()[0].field,
        "phase"
    );
    assert_eq!(s.project(p.id).unwrap().phase.unwrap().number, 3);
}

#[test]
fn the_demo_fills_readiness_for_both_teams() {
    let (_dir, _path, mut s) = store();
    demo::load(&mut s).unwrap();
    let today = d("2024-12-10");
    let y = s.resolve_project("山口").unwrap();
    let i = s.resolve_project("茨城").unwrap();
    let yc = s.checklist(y.id, today).unwrap();
    let ic = s.checklist(i.id, today).unwrap();
    let done = |c: &bansou::model::Checklist| c.completion.iter().map(|x| x.done).sum::<u32>();
    assert!(
        done(&yc) > done(&ic),
        "山口 is further along (its practice is done; 茨城's is next year)"
    );
    assert_eq!(
        ic.completion[1].applicable, 8,
        "茨城 put 外向き6 off to the next year: it still counts"
    );
    assert!(yc
        .items
        .iter()
        .all(|it| it.status == ItemStatus::NotStarted || !it.history.is_empty()));
    let yo = s.stakeholders(y.id).unwrap();
    assert!(yo
        .iter()
        .any(|o| o.state == Relation::Partnered && o.name.contains("酒造")));
    let io = s.stakeholders(i.id).unwrap();
    assert!(io
        .iter()
        .any(|o| o.kind.label() == "産業保健総合支援センター" && o.log.len() == 2));
    assert!(io.iter().any(|o| o.kind.label() == "協会けんぽ"));
    assert!(s
        .resources(y.id)
        .unwrap()
        .iter()
        .any(|r| r.title.contains("エイジフレンドリー")));
    assert!(s
        .resources(i.id)
        .unwrap()
        .iter()
        .any(|r| r.category.label() == "統計"));
    assert_eq!(y.phase.unwrap().number, 5);
    let linked = yc
        .items
        .iter()
        .find(|it| it.template_key.as_deref() == Some("outer.5"))
        .unwrap();
    assert_eq!(linked.stakeholder_ids.len(), 1);
}
