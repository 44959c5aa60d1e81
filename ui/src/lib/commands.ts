// Generated from src-tauri/src/commands/ by `cargo test -p bansou-app --test commands_ts`.
// Do not edit: change the Rust command and run the tests again.
import type { AppStatus } from './bindings/AppStatus';
import type { BackupInfo } from './bindings/BackupInfo';
import type { BackupStatus } from './bindings/BackupStatus';
import type { Catalog } from './bindings/Catalog';
import type { Checklist } from './bindings/Checklist';
import type { ChecklistItem } from './bindings/ChecklistItem';
import type { Choices } from './bindings/Choices';
import type { ColumnMap } from './bindings/ColumnMap';
import type { CommentDocument } from './bindings/CommentDocument';
import type { ContactLogInput } from './bindings/ContactLogInput';
import type { CsvPreview } from './bindings/CsvPreview';
import type { DateReading } from './bindings/DateReading';
import type { DismissInput } from './bindings/DismissInput';
import type { Evaluation } from './bindings/Evaluation';
import type { EvaluationFilter } from './bindings/EvaluationFilter';
import type { EvaluationInput } from './bindings/EvaluationInput';
import type { EvaluationView } from './bindings/EvaluationView';
import type { ExportKind } from './bindings/ExportKind';
import type { ExportResult } from './bindings/ExportResult';
import type { ExportTarget } from './bindings/ExportTarget';
import type { FormImport } from './bindings/FormImport';
import type { ImportSource } from './bindings/ImportSource';
import type { ImportSummary } from './bindings/ImportSummary';
import type { Issue } from './bindings/Issue';
import type { IssueInput } from './bindings/IssueInput';
import type { ItemUpdateInput } from './bindings/ItemUpdateInput';
import type { List } from './bindings/List';
import type { Mapping } from './bindings/Mapping';
import type { Meeting } from './bindings/Meeting';
import type { MeetingFilter } from './bindings/MeetingFilter';
import type { MeetingInput } from './bindings/MeetingInput';
import type { Member } from './bindings/Member';
import type { MemberInput } from './bindings/MemberInput';
import type { MemberRecords } from './bindings/MemberRecords';
import type { MemberRemoval } from './bindings/MemberRemoval';
import type { NewItemInput } from './bindings/NewItemInput';
import type { Overview } from './bindings/Overview';
import type { Person } from './bindings/Person';
import type { PersonInput } from './bindings/PersonInput';
import type { PlanStep } from './bindings/PlanStep';
import type { PlanStepInput } from './bindings/PlanStepInput';
import type { Practice } from './bindings/Practice';
import type { PracticeInput } from './bindings/PracticeInput';
import type { PracticeUsage } from './bindings/PracticeUsage';
import type { Preparation } from './bindings/Preparation';
import type { Program } from './bindings/Program';
import type { ProgramDocument } from './bindings/ProgramDocument';
import type { ProgramInput } from './bindings/ProgramInput';
import type { ProgramView } from './bindings/ProgramView';
import type { Project } from './bindings/Project';
import type { ProjectDeletion } from './bindings/ProjectDeletion';
import type { ProjectInput } from './bindings/ProjectInput';
import type { QuestionInput } from './bindings/QuestionInput';
import type { RatingInput } from './bindings/RatingInput';
import type { Reflection } from './bindings/Reflection';
import type { ReflectionInput } from './bindings/ReflectionInput';
import type { ReportInput } from './bindings/ReportInput';
import type { Resource } from './bindings/Resource';
import type { ResourceInput } from './bindings/ResourceInput';
import type { Response } from './bindings/Response';
import type { ResponseInput } from './bindings/ResponseInput';
import type { Rule } from './bindings/Rule';
import type { RuleInput } from './bindings/RuleInput';
import type { ServerStatus } from './bindings/ServerStatus';
import type { SessionInput } from './bindings/SessionInput';
import type { Stakeholder } from './bindings/Stakeholder';
import type { StakeholderInput } from './bindings/StakeholderInput';
import type { StrengthItemInput } from './bindings/StrengthItemInput';
import type { Strengths } from './bindings/Strengths';
import type { Suggestion } from './bindings/Suggestion';
import type { Survey } from './bindings/Survey';
import type { SurveyCsvPreview } from './bindings/SurveyCsvPreview';
import type { SurveyDocument } from './bindings/SurveyDocument';
import type { SurveyInput } from './bindings/SurveyInput';
import type { SurveyView } from './bindings/SurveyView';
import type { SyncReport } from './bindings/SyncReport';
import type { Task } from './bindings/Task';
import type { TaskInput } from './bindings/TaskInput';
import type { TextFilter } from './bindings/TextFilter';
import type { TextView } from './bindings/TextView';
import type { Today } from './bindings/Today';
import type { WordClass } from './bindings/WordClass';

/** How a command is sent (api.ts passes `invoke` with Japanese error handling). */
export type Call = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;

export function commands(call: Call) {
  return {
    appStatus: () => call<AppStatus>('app_status'),
    catalog: () => call<Catalog>('catalog'),
    readDate: (text: string) => call<DateReading>('read_date', { text }),
    memberWarnings: (projectId: number, memberId: number | null, input: MemberInput) => call<string[]>('member_warnings', { projectId, memberId, input }),
    meetingWarnings: (input: MeetingInput, meetingId: number | null) => call<string[]>('meeting_warnings', { input, meetingId }),
    reportFailure: (command: string, code: string) => call<void>('report_failure', { command, code }),
    today: () => call<Today>('today'),
    finishWelcome: (loadDemo: boolean) => call<boolean>('finish_welcome', { loadDemo }),
    loadDemo: () => call<boolean>('load_demo'),
    backupStatus: () => call<BackupStatus>('backup_status'),
    backupNow: () => call<BackupInfo>('backup_now'),
    setBackupKeep: (keep: number) => call<number>('set_backup_keep', { keep }),
    restoreBackup: (fileName: string) => call<void>('restore_backup', { fileName }),
    exportDatabase: (target: string) => call<ExportResult>('export_database', { target }),
    restoreFromFile: (source: string) => call<void>('restore_from_file', { source }),
    openBackupFolder: () => call<void>('open_backup_folder'),
    openLastExport: () => call<void>('open_last_export'),
    appReady: () => call<void>('app_ready'),
    exportBundle: (projectId: number, target: string) => call<ExportResult>('export_bundle', { projectId, target }),
    exportEvaluationRequest: (projectId: number, meetingId: number, target: string) => call<ExportResult>('export_evaluation_request', { projectId, meetingId, target }),
    exportEvaluationResponse: (projectId: number, meetingId: number, target: string) => call<ExportResult>('export_evaluation_response', { projectId, meetingId, target }),
    exportListCsv: (projectId: number, list: List, target: string) => call<ExportResult>('export_list_csv', { projectId, list, target }),
    exportListXlsx: (projectId: number, list: List, target: string) => call<ExportResult>('export_list_xlsx', { projectId, list, target }),
    exportListsXlsx: (projectId: number, target: string) => call<ExportResult>('export_lists_xlsx', { projectId, target }),
    previewBundle: (source: string) => call<ImportSummary>('preview_bundle', { source }),
    importBundle: (source: string, choices: Choices) => call<ImportSummary>('import_bundle', { source, choices }),
    evaluationView: (projectId: number | null, filter: EvaluationFilter) => call<EvaluationView>('evaluation_view', { projectId, filter }),
    meetingEvaluations: (meetingId: number) => call<Evaluation[]>('meeting_evaluations', { meetingId }),
    createEvaluation: (input: EvaluationInput) => call<Evaluation>('create_evaluation', { input }),
    evaluationInput: (id: number) => call<EvaluationInput>('evaluation_input', { id }),
    updateEvaluation: (id: number, input: EvaluationInput) => call<Evaluation>('update_evaluation', { id, input }),
    deleteEvaluation: (id: number) => call<void>('delete_evaluation', { id }),
    exportEvaluationsCsv: (projectId: number | null, filter: EvaluationFilter, target: string) => call<ExportResult>('export_evaluations_csv', { projectId, filter, target }),
    exportEvaluationsXlsx: (projectId: number | null, filter: EvaluationFilter, target: string) => call<ExportResult>('export_evaluations_xlsx', { projectId, filter, target }),
    previewEvaluationCsv: (source: string, projectId: number, mapping: Mapping | null) => call<CsvPreview>('preview_evaluation_csv', { source, projectId, mapping }),
    importEvaluationCsv: (source: string, projectId: number, mapping: Mapping) => call<CsvPreview>('import_evaluation_csv', { source, projectId, mapping }),
    exportEvaluationFormXlsx: (projectId: number, meetingId: number, target: string) => call<ExportResult>('export_evaluation_form_xlsx', { projectId, meetingId, target }),
    previewEvaluationXlsx: (sources: string[], projectId: number, meetingId: number | null) => call<FormImport>('preview_evaluation_xlsx', { sources, projectId, meetingId }),
    importEvaluationXlsx: (sources: string[], projectId: number, meetingId: number | null) => call<FormImport>('import_evaluation_xlsx', { sources, projectId, meetingId }),
    chooseExport: (kind: ExportKind, defaultName: string) => call<ExportTarget | null>('choose_export', { kind, defaultName }),
    chooseImport: (kind: ExportKind) => call<ImportSource | null>('choose_import', { kind }),
    chooseImports: (kind: ExportKind) => call<ImportSource[]>('choose_imports', { kind }),
    guideSuggestions: (projectId: number) => call<Suggestion[]>('guide_suggestions', { projectId }),
    takeSuggestion: (projectId: number, ruleKey: string, fingerprint: string) => call<Task>('take_suggestion', { projectId, ruleKey, fingerprint }),
    dismissSuggestion: (projectId: number, input: DismissInput) => call<void>('dismiss_suggestion', { projectId, input }),
    guideRules: () => call<Rule[]>('guide_rules'),
    saveRule: (input: RuleInput) => call<Rule[]>('save_rule', { input }),
    resetRule: (key: string) => call<Rule[]>('reset_rule', { key }),
    guidePractices: () => call<Practice[]>('guide_practices'),
    savePractice: (input: PracticeInput) => call<Practice[]>('save_practice', { input }),
    resetPractice: (key: string) => call<Practice[]>('reset_practice', { key }),
    meetingReflections: (meetingId: number) => call<Reflection[]>('meeting_reflections', { meetingId }),
    saveReflection: (input: ReflectionInput) => call<Reflection[]>('save_reflection', { input }),
    practiceUsage: (projectId: number) => call<PracticeUsage[]>('practice_usage', { projectId }),
    prepareMeeting: (meetingId: number, projectId: number | null) => call<Preparation>('prepare_meeting', { meetingId, projectId }),
    exportPreparation: (meetingId: number, projectId: number | null, target: string) => call<ExportResult>('export_preparation', { meetingId, projectId, target }),
    listMeetings: (projectId: number, filter: MeetingFilter) => call<Meeting[]>('list_meetings', { projectId, filter }),
    createMeeting: (input: MeetingInput) => call<Meeting>('create_meeting', { input }),
    meetingInput: (id: number) => call<MeetingInput>('meeting_input', { id }),
    updateMeeting: (id: number, input: MeetingInput) => call<Meeting>('update_meeting', { id, input }),
    deleteMeeting: (id: number) => call<void>('delete_meeting', { id }),
    listTasks: (projectId: number) => call<Task[]>('list_tasks', { projectId }),
    createTask: (projectId: number, input: TaskInput) => call<Task>('create_task', { projectId, input }),
    taskInput: (id: number) => call<TaskInput>('task_input', { id }),
    updateTask: (id: number, input: TaskInput) => call<Task>('update_task', { id, input }),
    deleteTask: (id: number) => call<void>('delete_task', { id }),
    listIssues: (projectId: number) => call<Issue[]>('list_issues', { projectId }),
    createIssue: (projectId: number, input: IssueInput) => call<Issue>('create_issue', { projectId, input }),
    raiseIssue: (projectId: number, meetingId: number, text: string) => call<Issue>('raise_issue', { projectId, meetingId, text }),
    issueInput: (id: number) => call<IssueInput>('issue_input', { id }),
    updateIssue: (id: number, input: IssueInput) => call<Issue>('update_issue', { id, input }),
    deleteIssue: (id: number) => call<void>('delete_issue', { id }),
    plan: (projectId: number) => call<PlanStep[]>('plan', { projectId }),
    setPlanStep: (projectId: number, input: PlanStepInput) => call<void>('set_plan_step', { projectId, input }),
    deletePlanStep: (id: number) => call<void>('delete_plan_step', { id }),
    planCharts: (projectId: number, fiscalYear: number) => call<[string, string]>('plan_charts', { projectId, fiscalYear }),
    listPrograms: () => call<Program[]>('list_programs'),
    createProgram: (input: ProgramInput) => call<Program>('create_program', { input }),
    updateProgram: (id: number, input: ProgramInput) => call<Program>('update_program', { id, input }),
    programView: (programId: number) => call<ProgramView>('program_view', { programId }),
    programPeople: (programId: number) => call<Person[]>('program_people', { programId }),
    addPerson: (programId: number, input: PersonInput) => call<Person>('add_person', { programId, input }),
    updatePerson: (id: number, input: PersonInput) => call<Person>('update_person', { id, input }),
    assignPerson: (personId: number, projectId: number) => call<Person>('assign_person', { personId, projectId }),
    unassignPerson: (personId: number, projectId: number) => call<Person>('unassign_person', { personId, projectId }),
    listProgramMeetings: (programId: number) => call<Meeting[]>('list_program_meetings', { programId }),
    listProgramTasks: (programId: number) => call<Task[]>('list_program_tasks', { programId }),
    createProgramTask: (programId: number, input: TaskInput) => call<Task>('create_program_task', { programId, input }),
    exportProgram: (programId: number, document: ProgramDocument, target: string) => call<ExportResult>('export_program', { programId, document, target }),
    listProjects: () => call<Project[]>('list_projects'),
    createProject: (input: ProjectInput) => call<Project>('create_project', { input }),
    updateProject: (id: number, input: ProjectInput) => call<Project>('update_project', { id, input }),
    archiveProject: (id: number) => call<Project>('archive_project', { id }),
    unarchiveProject: (id: number) => call<Project>('unarchive_project', { id }),
    archivedProjects: () => call<Project[]>('archived_projects'),
    projectDeletion: (id: number) => call<ProjectDeletion>('project_deletion', { id }),
    deleteProject: (id: number) => call<ProjectDeletion>('delete_project', { id }),
    listMembers: (projectId: number) => call<Member[]>('list_members', { projectId }),
    addMember: (projectId: number, input: MemberInput) => call<Member>('add_member', { projectId, input }),
    updateMember: (id: number, input: MemberInput) => call<Member>('update_member', { id, input }),
    memberRecords: (id: number) => call<MemberRecords>('member_records', { id }),
    removeMember: (id: number) => call<MemberRemoval>('remove_member', { id }),
    reinstateMember: (id: number) => call<Member>('reinstate_member', { id }),
    overview: (projectId: number) => call<Overview>('overview', { projectId }),
    setPhase: (projectId: number, phase: number | null) => call<Project>('set_phase', { projectId, phase }),
    checklist: (projectId: number) => call<Checklist>('checklist', { projectId }),
    updateChecklistItem: (itemId: number, input: ItemUpdateInput) => call<ChecklistItem>('update_checklist_item', { itemId, input }),
    addChecklistItem: (projectId: number, input: NewItemInput) => call<ChecklistItem>('add_checklist_item', { projectId, input }),
    deleteChecklistItem: (itemId: number) => call<void>('delete_checklist_item', { itemId }),
    listStakeholders: (projectId: number) => call<Stakeholder[]>('list_stakeholders', { projectId }),
    createStakeholder: (projectId: number, input: StakeholderInput) => call<Stakeholder>('create_stakeholder', { projectId, input }),
    updateStakeholder: (id: number, input: StakeholderInput) => call<Stakeholder>('update_stakeholder', { id, input }),
    deleteStakeholder: (id: number) => call<void>('delete_stakeholder', { id }),
    addContactLog: (stakeholderId: number, input: ContactLogInput) => call<Stakeholder>('add_contact_log', { stakeholderId, input }),
    listResources: (projectId: number) => call<Resource[]>('list_resources', { projectId }),
    createResource: (input: ResourceInput) => call<Resource>('create_resource', { input }),
    updateResource: (id: number, input: ResourceInput) => call<Resource>('update_resource', { id, input }),
    deleteResource: (id: number) => call<void>('delete_resource', { id }),
    openResource: (id: number) => call<void>('open_resource', { id }),
    exportReport: (projectId: number, input: ReportInput, target: string) => call<ExportResult>('export_report', { projectId, input, target }),
    exportForm: (evaluationId: number | null, target: string) => call<ExportResult>('export_form', { evaluationId, target }),
    serverStatus: () => call<ServerStatus>('server_status'),
    serverConnect: (token: string) => call<ServerStatus>('server_connect', { token }),
    serverDisconnect: () => call<ServerStatus>('server_disconnect'),
    serverSync: (choice: string | null) => call<SyncReport>('server_sync', { choice }),
    serverPendingSource: (index: number) => call<ImportSource>('server_pending_source', { index }),
    strengths: (projectId: number) => call<Strengths>('strengths', { projectId }),
    strengthChart: (projectId: number, byBarrier: boolean) => call<string>('strength_chart', { projectId, byBarrier }),
    createStrengthSession: (projectId: number, input: SessionInput) => call<number>('create_strength_session', { projectId, input }),
    deleteStrengthSession: (sessionId: number) => call<void>('delete_strength_session', { sessionId }),
    rateStrength: (sessionId: number, itemId: number, input: RatingInput) => call<void>('rate_strength', { sessionId, itemId, input }),
    addStrengthItem: (projectId: number, input: StrengthItemInput) => call<number>('add_strength_item', { projectId, input }),
    renameStrengthItem: (itemId: number, text: string) => call<void>('rename_strength_item', { itemId, text }),
    setStrengthItemHidden: (itemId: number, hidden: boolean) => call<void>('set_strength_item_hidden', { itemId, hidden }),
    setStrengthScale: (projectId: number, labels: string[] | null) => call<void>('set_strength_scale', { projectId, labels }),
    listSurveys: () => call<Survey[]>('list_surveys'),
    surveyView: (surveyId: number, by: number | null) => call<SurveyView>('survey_view', { surveyId, by }),
    createSurvey: (programId: number | null, projectId: number | null, input: SurveyInput, template: string | null) => call<Survey>('create_survey', { programId, projectId, input, template }),
    updateSurvey: (id: number, input: SurveyInput) => call<Survey>('update_survey', { id, input }),
    deleteSurvey: (id: number) => call<void>('delete_survey', { id }),
    addQuestion: (surveyId: number, input: QuestionInput) => call<Survey>('add_question', { surveyId, input }),
    updateQuestion: (id: number, input: QuestionInput) => call<Survey>('update_question', { id, input }),
    deleteQuestion: (id: number) => call<Survey>('delete_question', { id }),
    moveQuestion: (id: number, up: boolean) => call<Survey>('move_question', { id, up }),
    listResponses: (surveyId: number) => call<Response[]>('list_responses', { surveyId }),
    addResponse: (surveyId: number, input: ResponseInput) => call<Response>('add_response', { surveyId, input }),
    updateResponse: (id: number, input: ResponseInput) => call<Response>('update_response', { id, input }),
    deleteResponse: (id: number) => call<void>('delete_response', { id }),
    previewSurveyCsv: (source: string, surveyId: number, mapping: ColumnMap[] | null) => call<SurveyCsvPreview>('preview_survey_csv', { source, surveyId, mapping }),
    importSurveyCsv: (source: string, surveyId: number, mapping: ColumnMap[]) => call<SurveyCsvPreview>('import_survey_csv', { source, surveyId, mapping }),
    exportSurvey: (surveyId: number, document: SurveyDocument, by: number | null, target: string) => call<ExportResult>('export_survey', { surveyId, document, by, target }),
    textView: (projectId: number | null, filter: TextFilter) => call<TextView>('text_view', { projectId, filter }),
    textComments: (projectId: number | null, filter: TextFilter, word: string) => call<CommentDocument[]>('text_comments', { projectId, filter, word }),
    setStopWords: (words: string[] | null) => call<string[]>('set_stop_words', { words }),
    setWordClasses: (classes: WordClass[]) => call<void>('set_word_classes', { classes }),
    exportNetwork: (projectId: number | null, filter: TextFilter, format: string, target: string) => call<ExportResult>('export_network', { projectId, filter, format, target }),
  };
}

/** Every command the shell registers, in the order of src/commands/. */
export const COMMAND_NAMES = [
  'app_status',
  'catalog',
  'read_date',
  'member_warnings',
  'meeting_warnings',
  'report_failure',
  'today',
  'finish_welcome',
  'load_demo',
  'backup_status',
  'backup_now',
  'set_backup_keep',
  'restore_backup',
  'export_database',
  'restore_from_file',
  'open_backup_folder',
  'open_last_export',
  'app_ready',
  'export_bundle',
  'export_evaluation_request',
  'export_evaluation_response',
  'export_list_csv',
  'export_list_xlsx',
  'export_lists_xlsx',
  'preview_bundle',
  'import_bundle',
  'evaluation_view',
  'meeting_evaluations',
  'create_evaluation',
  'evaluation_input',
  'update_evaluation',
  'delete_evaluation',
  'export_evaluations_csv',
  'export_evaluations_xlsx',
  'preview_evaluation_csv',
  'import_evaluation_csv',
  'export_evaluation_form_xlsx',
  'preview_evaluation_xlsx',
  'import_evaluation_xlsx',
  'choose_export',
  'choose_import',
  'choose_imports',
  'guide_suggestions',
  'take_suggestion',
  'dismiss_suggestion',
  'guide_rules',
  'save_rule',
  'reset_rule',
  'guide_practices',
  'save_practice',
  'reset_practice',
  'meeting_reflections',
  'save_reflection',
  'practice_usage',
  'prepare_meeting',
  'export_preparation',
  'list_meetings',
  'create_meeting',
  'meeting_input',
  'update_meeting',
  'delete_meeting',
  'list_tasks',
  'create_task',
  'task_input',
  'update_task',
  'delete_task',
  'list_issues',
  'create_issue',
  'raise_issue',
  'issue_input',
  'update_issue',
  'delete_issue',
  'plan',
  'set_plan_step',
  'delete_plan_step',
  'plan_charts',
  'list_programs',
  'create_program',
  'update_program',
  'program_view',
  'program_people',
  'add_person',
  'update_person',
  'assign_person',
  'unassign_person',
  'list_program_meetings',
  'list_program_tasks',
  'create_program_task',
  'export_program',
  'list_projects',
  'create_project',
  'update_project',
  'archive_project',
  'unarchive_project',
  'archived_projects',
  'project_deletion',
  'delete_project',
  'list_members',
  'add_member',
  'update_member',
  'member_records',
  'remove_member',
  'reinstate_member',
  'overview',
  'set_phase',
  'checklist',
  'update_checklist_item',
  'add_checklist_item',
  'delete_checklist_item',
  'list_stakeholders',
  'create_stakeholder',
  'update_stakeholder',
  'delete_stakeholder',
  'add_contact_log',
  'list_resources',
  'create_resource',
  'update_resource',
  'delete_resource',
  'open_resource',
  'export_report',
  'export_form',
  'server_status',
  'server_connect',
  'server_disconnect',
  'server_sync',
  'server_pending_source',
  'strengths',
  'strength_chart',
  'create_strength_session',
  'delete_strength_session',
  'rate_strength',
  'add_strength_item',
  'rename_strength_item',
  'set_strength_item_hidden',
  'set_strength_scale',
  'list_surveys',
  'survey_view',
  'create_survey',
  'update_survey',
  'delete_survey',
  'add_question',
  'update_question',
  'delete_question',
  'move_question',
  'list_responses',
  'add_response',
  'update_response',
  'delete_response',
  'preview_survey_csv',
  'import_survey_csv',
  'export_survey',
  'text_view',
  'text_comments',
  'set_stop_words',
  'set_word_classes',
  'export_network',
] as const;
