//! The longest text each form field accepts. Validation uses these constants
//! and the window's `maxlength` comes from the same list (`Catalog.limits`),
//! so a field can never take more than its message allows.

macro_rules! limits {
    ($($name:ident = $key:literal : $n:expr,)*) => {
        $(pub const $name: usize = $n;)*

        /// (form.field, characters) for the window.
        pub fn all() -> std::collections::BTreeMap<String, u32> {
            [$(($key, $n as u32)),*].into_iter().map(|(k, n)| (k.to_owned(), n)).collect()
        }
    };
}

limits! {
    PROJECT_NAME = "project.name": 100,
    PROGRAM = "project.program": 100,
    GOAL = "project.goal": 4000,
    MEMBER_NAME = "member.name": 60,
    AFFILIATION = "member.affiliation": 100,
    EMAIL = "member.email": 254,
    STAKEHOLDER_NAME = "stakeholder.name": 100,
    CONTACT_NAME = "stakeholder.contact_name": 60,
    CONTACT_TITLE = "stakeholder.contact_title": 100,
    CONTACT = "stakeholder.contact": 200,
    CONTACT_SUMMARY = "contact_log.summary": 4000,
    NOTE = "note": 4000,
    GUIDE_TITLE = "guide.title": 100,
    GUIDE_TEXT = "guide.text": 1000,
    SHORT_NOTE = "short_note": 1000,
    RECORDER = "checklist.changed_by": 60,
    ITEM_TEXT = "item.text": 200,
    MEETING_TITLE = "meeting.title": 100,
    AGENDA = "meeting.agenda": 4000,
    MINUTES = "meeting.minutes": 100_000,
    GUEST = "meeting.guest": 60,
    DECISION = "meeting.decision": 200,
    SESSION_LABEL = "strength.label": 40,
    TASK_TITLE = "task.title": 200,
    ISSUE_TITLE = "issue.title": 200,
    SCALE_LABEL = "strength.scale_label": 30,
    PLAN_TITLE = "plan.title": 100,
    RESOURCE_TITLE = "resource.title": 200,
    URL = "resource.url": 2000,
    FILE_PATH = "resource.file_path": 1000,
    PROVIDED_BY = "resource.provided_by": 100,
    COMMENT = "evaluation.comment": 2000,
    AUTHOR = "report.author": 60,
}
