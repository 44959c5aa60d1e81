// The shell's commands for the window. Both the commands and their types are
// generated from Rust (commands.ts from src-tauri/src/commands.rs, bindings/
// by ts-rs), so a change on one side that the other does not follow fails
// `npm run check`. Components take their types from here, never from
// bindings/ directly (only src/lib does).
import { invoke } from '@tauri-apps/api/core';
import { commands } from './commands';
import type { AppStatus } from './bindings/AppStatus';
import type { Catalog } from './bindings/Catalog';
import type { Section } from './bindings/Section';
import type { CommandError } from './bindings/CommandError';
import type { Member } from './bindings/Member';
import type { MemberInput } from './bindings/MemberInput';
import type { Project } from './bindings/Project';
import type { ProjectInput } from './bindings/ProjectInput';
import type { Overview } from './bindings/Overview';
import type { Checklist } from './bindings/Checklist';
import type { ChecklistItem } from './bindings/ChecklistItem';
import type { ItemUpdateInput } from './bindings/ItemUpdateInput';
import type { NewItemInput } from './bindings/NewItemInput';
import type { Stakeholder } from './bindings/Stakeholder';
import type { StakeholderInput } from './bindings/StakeholderInput';
import type { ContactLogInput } from './bindings/ContactLogInput';
import type { Resource } from './bindings/Resource';
import type { ResourceInput } from './bindings/ResourceInput';
import type { Strengths } from './bindings/Strengths';
import type { SessionInput } from './bindings/SessionInput';
import type { RatingInput } from './bindings/RatingInput';
import type { StrengthItemInput } from './bindings/StrengthItemInput';
import type { Meeting } from './bindings/Meeting';
import type { MeetingInput } from './bindings/MeetingInput';
import type { MeetingFilter } from './bindings/MeetingFilter';
import type { Task } from './bindings/Task';
import type { TaskInput } from './bindings/TaskInput';
import type { PlanStep } from './bindings/PlanStep';
import type { PlanStepInput } from './bindings/PlanStepInput';
import type { Evaluation } from './bindings/Evaluation';
import type { EvaluationInput } from './bindings/EvaluationInput';
import type { EvaluationFilter } from './bindings/EvaluationFilter';
import type { EvaluationView } from './bindings/EvaluationView';
import type { ReportInput } from './bindings/ReportInput';
import type { ExportResult } from './bindings/ExportResult';
import type { Today } from './bindings/Today';
import type { ExportTarget } from './bindings/ExportTarget';
import type { MemberRemoval } from './bindings/MemberRemoval';
import type { MemberRecords } from './bindings/MemberRecords';
import type { ProjectDeletion } from './bindings/ProjectDeletion';
import type { BackupStatus } from './bindings/BackupStatus';
import type { BackupInfo } from './bindings/BackupInfo';
import type { Issue } from './bindings/Issue';
import type { IssueInput } from './bindings/IssueInput';
import type { AnswerInput } from './bindings/AnswerInput';
import type { Choice } from './bindings/Choice';
import type { CommentDocument } from './bindings/CommentDocument';
import type { CsvPreview } from './bindings/CsvPreview';
import type { DateReading } from './bindings/DateReading';
import type { FormImport } from './bindings/FormImport';
import type { ImportSource } from './bindings/ImportSource';
import type { ImportSummary } from './bindings/ImportSummary';
import type { List } from './bindings/List';
import type { Mapping } from './bindings/Mapping';
import type { Person } from './bindings/Person';
import type { PersonInput } from './bindings/PersonInput';
import type { Practice } from './bindings/Practice';
import type { PracticeInput } from './bindings/PracticeInput';
import type { PracticeUsage } from './bindings/PracticeUsage';
import type { Preparation } from './bindings/Preparation';
import type { Program } from './bindings/Program';
import type { ProgramDocument } from './bindings/ProgramDocument';
import type { ProgramInput } from './bindings/ProgramInput';
import type { ProgramView } from './bindings/ProgramView';
import type { Question } from './bindings/Question';
import type { QuestionInput } from './bindings/QuestionInput';
import type { Reflection } from './bindings/Reflection';
import type { ReflectionEntry } from './bindings/ReflectionEntry';
import type { Response } from './bindings/Response';
import type { Rule } from './bindings/Rule';
import type { RuleInput } from './bindings/RuleInput';
import type { ServerStatus } from './bindings/ServerStatus';
import type { Suggestion } from './bindings/Suggestion';
import type { SupporterWork } from './bindings/SupporterWork';
import type { Survey } from './bindings/Survey';
import type { SurveyCsvPreview } from './bindings/SurveyCsvPreview';
import type { SurveyDocument } from './bindings/SurveyDocument';
import type { SurveyInput } from './bindings/SurveyInput';
import type { SurveyView } from './bindings/SurveyView';
import type { TeamRow } from './bindings/TeamRow';
import type { TextFilter } from './bindings/TextFilter';
import type { TextView } from './bindings/TextView';
import type { WordClass } from './bindings/WordClass';

export type {
  AppStatus,
  Catalog,
  Section,
  Checklist,
  ChecklistItem,
  CommandError,
  ContactLogInput,
  ItemUpdateInput,
  Member,
  MemberInput,
  NewItemInput,
  Overview,
  Project,
  ProjectInput,
  Resource,
  ResourceInput,
  Stakeholder,
  StakeholderInput,
  Strengths,
  SessionInput,
  RatingInput,
  StrengthItemInput,
  Meeting,
  MeetingInput,
  MeetingFilter,
  Task,
  TaskInput,
  PlanStep,
  PlanStepInput,
  Evaluation,
  EvaluationInput,
  EvaluationFilter,
  EvaluationView,
  ReportInput,
  ExportResult,
  Today,
  BackupInfo,
  BackupStatus,
  ExportTarget,
  MemberRecords,
  MemberRemoval,
  ProjectDeletion,
  Issue,
  IssueInput,
  AnswerInput,
  Choice,
  CommentDocument,
  CsvPreview,
  DateReading,
  FormImport,
  ImportSource,
  ImportSummary,
  List,
  Mapping,
  Person,
  PersonInput,
  Practice,
  PracticeInput,
  PracticeUsage,
  Preparation,
  Program,
  ProgramDocument,
  ProgramInput,
  ProgramView,
  Question,
  QuestionInput,
  Reflection,
  ReflectionEntry,
  Response,
  Rule,
  RuleInput,
  ServerStatus,
  Suggestion,
  SupporterWork,
  Survey,
  SurveyCsvPreview,
  SurveyDocument,
  SurveyInput,
  SurveyView,
  TeamRow,
  TextFilter,
  TextView,
  WordClass,
};

/** Whatever a command threw, as `{ code, message, fields }` with a Japanese message. */
export function toCommandError(e: unknown): CommandError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const c = e as Partial<CommandError>;
    return {
      code: String(c.code),
      message: String(c.message),
      fields: Array.isArray(c.fields) ? c.fields : [],
    };
  }
  return {
    code: 'internal',
    message: `予期しないエラーが発生しました：${e instanceof Error ? e.message : String(e)}`,
    fields: [],
  };
}

/** The library's own words for an error: its per-record reasons when it gave
 *  some (「この会議には評価が…件あります」), else the summary message. */
export function errorText(e: CommandError): string {
  const reasons = e.fields.map((f) => f.message);
  return reasons.length ? reasons.join('\n') : e.message;
}

/** Field key → message, for showing each error beside its input. */
export function fieldErrors(e: CommandError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of e?.fields ?? []) {
    out[f.field] ??= f.message;
  }
  return out;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    const error = toCommandError(e);
    // The shell's diagnostic log gets the command's name (it decides what is
    // worth a line); a failure to report is not the user's concern.
    if (cmd !== 'report_failure') {
      invoke('report_failure', { command: cmd, code: error.code }).catch(() => {});
    }
    throw error;
  }
}

/** Every IPC command, typed from Rust (see commands.ts, generated), failing
 *  with `{ code, message, fields }`. */
export const api = commands(call);
