-- Indexes on the columns that point at another record and had none. SQLite
-- follows each of these when the record pointed at is deleted (a meeting, a
-- member, a resource…), and the store reads some for every row it lists: the
-- task count of each meeting read every task of every team, once per meeting
-- (a team's overview on 94 teams: 0.57 ms of its 0.78 ms).
CREATE INDEX tasks_by_meeting ON tasks(meeting_id);
CREATE INDEX tasks_by_owner ON tasks(owner_id);
CREATE INDEX tasks_by_owner_person ON tasks(owner_person_id);
CREATE INDEX evaluations_by_evaluator ON evaluations(evaluator_id);
CREATE INDEX meeting_participants_by_member ON meeting_participants(member_id);
CREATE INDEX meeting_people_by_person ON meeting_people(person_id);
CREATE INDEX meeting_resources_by_resource ON meeting_resources(resource_id);
CREATE INDEX checklist_items_by_owner ON checklist_items(owner_id);
CREATE INDEX checklist_stakeholders_by_stakeholder ON checklist_stakeholders(stakeholder_id);
CREATE INDEX checklist_resources_by_resource ON checklist_resources(resource_id);
CREATE INDEX stakeholder_contacts_by_stakeholder ON stakeholder_contacts(stakeholder_id);
CREATE INDEX resource_projects_by_project ON resource_projects(project_id);
CREATE INDEX strength_ratings_by_item ON strength_ratings(item_id);
CREATE INDEX members_by_person ON members(person_id);
CREATE INDEX projects_by_program ON projects(program_id);
CREATE INDEX guide_dismissals_by_task ON guide_dismissals(task_id);
