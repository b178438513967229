package assignments

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// Service is the responsibility-assignment use cases over the catalog.
type Service struct {
	cat *catalog.Store
	now func() time.Time
	xls spreadsheet.XLSReader // reads .xls and .et tables; nil refuses them
	idx Index                 // follows links removed by returns and withdrawals; nil: start-up does
}

// Index is what returning or withdrawing a hand-in needs of the search
// index (ingest.Service has it), after the change is saved: a document
// whose links changed is rewritten (RefreshAfterChange: a failure is
// logged and the document queued for the pipeline), and a document
// deleted is removed (UnindexAfterDelete: a failure is logged, and
// start-up reconciliation removes the entry). Neither fails the change.
type Index interface {
	RefreshAfterChange(ctx context.Context, ids ...string)
	UnindexAfterDelete(ctx context.Context, ids ...string)
}

// UseIndex has returns and withdrawals rewrite the index entries of the
// documents whose links they remove, so that search by indicator follows
// at once.
func (s *Service) UseIndex(idx Index) { s.idx = idx }

// NewService returns the assignments service over the catalog.
func NewService(cat *catalog.Store) *Service {
	return &Service{cat: cat, now: time.Now}
}

// UseXLSReader has tables saved as Excel 97–2003 (.xls) or WPS (.et)
// read by r (the extraction sandbox), never in this process; without it
// such a table is refused with a message saying to save it as .xlsx.
func (s *Service) UseXLSReader(r spreadsheet.XLSReader) { s.xls = r }

// SetClock replaces the clock that decides what is overdue, for tests.
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// chinaTime is the time zone of every city monitored; a due date ends at
// midnight there.
var chinaTime = time.FixedZone("CST", 8*3600)

// today is the date in China, YYYY-MM-DD.
func (s *Service) today() string { return s.now().In(chinaTime).Format("2006-01-02") }

// Task is an assignment as users see it: whether it is overdue, and the
// indicator's name and 信息性质说明 (what evidence is wanted).
type Task struct {
	catalog.Assignment
	Overdue bool
	// IndicatorName and IndicatorInfo are the indicator's as the task's
	// round has them: a past round that keeps its own names as it had
	// them, IndicatorNow then today's indicator when renamed since (zero
	// otherwise). IndicatorNameEN and IndicatorInfoEN are IndicatorName
	// and IndicatorInfo in English, empty where the framework gives none.
	IndicatorName   string
	IndicatorNameEN string
	IndicatorInfo   string
	IndicatorInfoEN string
	IndicatorNow    catalog.Indicator
	// Submissions says, per document handed in, who submitted its bytes
	// for this task, each once: one file handed in by two departments is
	// one document, and each task names its own department's hand-in.
	Submissions map[string][]catalog.Submission
	// Linked are the documents a coordinator linked to the indicator for
	// the task's round, handed in for no task of it, when MarkLinked
	// filled them (the board, Missing); nil otherwise.
	Linked []string `json:"-"`
	// LinkedByCoordinator, beside an owed task, names those of Linked
	// the user may read, when AttachLinked filled it (ListLinked: 我的任务,
	// the API's and the CLI's task lists); nil when there are none.
	LinkedByCoordinator *CoordinatorLinks `json:"linked_by_coordinator,omitempty"`
	// ReturnedDocs names, by document id, the returned files (Returned)
	// the user may read, when ListLinked filled it: a coordinator at a
	// terminal tells them by title and file name, as the board does.
	ReturnedDocs map[string]DocName `json:"-"`
	// Unlinked, on the task Return or Withdraw gives back, are the links
	// of its hand-ins they deleted; nil otherwise.
	Unlinked []catalog.Link `json:"-"`
	// Covered says an owed task (open or returned) has its indicator's
	// evidence for its round all the same: the coordinator linked
	// material to it (Linked, MarkLinked). It is no hand-in, and the task
	// stays owed, but it is not Overdue: nobody is chased for material
	// already in hand. List and Get fill it.
	Covered bool `json:"covered"`
	// Notes say, of the files handed in and not returned, those that are
	// another round's or another department's documents (HandInNote),
	// in the order handed in.
	Notes []HandInNote `json:"-"`
	// Created, on the task Add gives back, says Add made it rather than
	// changing the department's task for the indicator, which a client
	// (the API's 201 or 200) and a page say differently.
	Created bool `json:"-"`
	// marked: MarkLinked has filled Linked and Covered.
	marked bool
}

// Owed says that t waits for its department's files: it is open (未提交)
// or returned (已退回). The board offers its hand-in form (为本任务提交文件)
// on these tasks alone and the upload page its 提交到任务 choice, one rule
// for both, so that neither offers a task the other does not; the board
// counts them as owed and they alone may be covered (MarkLinked). A
// submitted task still takes more files (UploadTarget), from 我的任务 or
// the API, but no coordinator's page proposes it.
func (t Task) Owed() bool {
	return t.Status == catalog.AssignmentOpen || t.Status == catalog.AssignmentReturned
}

// HandInType is the kind of document a hand-in for t starts at: the kind
// the city's requirement asks for first, else its indicator's
// 信息性质说明 (catalog.DocTypeOfInfo; 1.1.1's 政策文件 is a policy), else
// 工作总结. 我的任务 pre-selects it, and an upload for the task that names
// no type is given it (HandInTypeOf).
func (t Task) HandInType() catalog.DocType {
	for _, words := range []string{t.Requirement, t.IndicatorInfo} {
		if dt, ok := catalog.DocTypeOfInfo(words); ok {
			return dt
		}
	}
	return catalog.DocWorkSummary
}

// HandInTypeOf is the kind of document a hand-in for a starts at
// (Task.HandInType), read from its indicator as its round names it.
func (s *Service) HandInTypeOf(ctx context.Context, a *catalog.Assignment) (catalog.DocType, error) {
	tasks, err := s.tasks(ctx, []catalog.Assignment{*a})
	if err != nil {
		return "", fmt.Errorf("task %s's kind of document: %w", a.ID, err)
	}
	return tasks[0].HandInType(), nil
}

// canManage: admins, and coordinators for their own city.
func canManage(u *catalog.User, city string) error {
	if u.CanEdit(city) == nil {
		return nil
	}
	return catalog.Errorf(catalog.EFORBIDDEN, "只有本市协调员或管理员可以导入、修改、退回、确认或删除责任分解任务")
}

// ownDepartment returns the id of a contributor's department in their
// city's list, or "" when the list does not have it yet.
func (s *Service) ownDepartment(ctx context.Context, u *catalog.User) (string, error) {
	d, err := s.cat.DepartmentByName(ctx, u.City, u.Department)
	if catalog.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return d.ID, nil
}

// ownDepartmentAsked is nil when a contributor asks for no department or
// for their own (own, by its id) under any name the list knows it by,
// else ENOTFOUND naming the department they see.
func (s *Service) ownDepartmentAsked(ctx context.Context, u *catalog.User, own, asked string) error {
	if strings.TrimSpace(asked) == "" {
		return nil
	}
	d, err := s.cat.DepartmentByName(ctx, u.City, asked)
	if err != nil && !catalog.IsNotFound(err) {
		return fmt.Errorf("find department %q: %w", asked, err)
	}
	if err == nil && d.ID == own {
		return nil
	}
	return catalog.Errorf(catalog.ENOTFOUND, "责任单位 %q 不在您的账号可查看的范围内：您的账号属于%s，只能查看本单位的任务", strings.TrimSpace(asked), u.Department)
}

// DepartmentListed says whether u's department is on their city's list of
// departments (by key), where tasks find it; an account created before
// the list was checked may name one it lacks, and 我的任务 says so.
func (s *Service) DepartmentListed(ctx context.Context, u *catalog.User) (bool, error) {
	id, err := s.ownDepartment(ctx, u)
	if err != nil {
		return false, fmt.Errorf("find %s's department on the list: %w", u.Username, err)
	}
	return id != "", nil
}

// visible returns the assignment with id when u may see it: within the
// city scope, and for a contributor their own department's only; any
// other is ENOTFOUND, so that ids reveal nothing.
//
// A contributor is told in words what to do about a task that is not
// theirs, never its bare ID, and not whether it exists elsewhere.
func (s *Service) visible(ctx context.Context, u *catalog.User, id string) (*catalog.Assignment, error) {
	a, err := s.cat.Assignment(ctx, id)
	if u.Role == catalog.RoleContributor && (catalog.IsNotFound(err) || err == nil && !u.CanSee(a.City)) {
		return nil, errNotYourTask()
	}
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(a.City, catalog.ObjectAssignment, id); err != nil {
		return nil, err
	}
	if u.Role == catalog.RoleContributor {
		own, err := s.ownDepartment(ctx, u)
		if err != nil {
			return nil, err
		}
		if own != a.DepartmentID {
			return nil, errNotYourTask()
		}
	}
	return a, nil
}

// errNotYourTask is what a contributor hears of a task of another
// department, of another city or of none.
func errNotYourTask() error {
	return catalog.Errorf(catalog.ENOTFOUND, "任务不存在或不属于您的部门；请在“我的任务”中选择本部门的任务")
}

// Get returns one assignment u may see.
func (s *Service) Get(ctx context.Context, u *catalog.User, id string) (*Task, error) {
	a, err := s.visible(ctx, u, id)
	if err != nil {
		return nil, err
	}
	tasks, err := s.tasks(ctx, []catalog.Assignment{*a})
	if err != nil {
		return nil, err
	}
	if err := s.MarkLinked(ctx, u, tasks); err != nil {
		return nil, err
	}
	return &tasks[0], nil
}

// Named returns the assignments of ids that exist and u may see (Get's
// rule: a contributor sees their own department's), by ID, without their
// documents: what naming them takes, in one query for all of them (a
// second for a contributor's department), where Get reads one with all
// it holds. The audit log names a page's tasks by them.
func (s *Service) Named(ctx context.Context, u *catalog.User, ids []string) (map[string]*catalog.Assignment, error) {
	if len(ids) == 0 {
		return map[string]*catalog.Assignment{}, nil
	}
	tasks, err := s.cat.AssignmentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	own := ""
	if u.Role == catalog.RoleContributor {
		if own, err = s.ownDepartment(ctx, u); err != nil {
			return nil, err
		}
	}
	for id, a := range tasks {
		if u.SeeObject(a.City, catalog.ObjectAssignment, id) != nil || u.Role == catalog.RoleContributor && a.DepartmentID != own {
			delete(tasks, id)
		}
	}
	return tasks, nil
}

// ShowsDocument returns task id, with its documents, and true when u may
// see it (Named's rule) and documentID is among the files 我的任务 shows
// in it (catalog.Assignment.Documents: handed in, those returned
// included); false otherwise, a task u may not see or that does not
// exist included. A document followed with a task it is not in is not
// spoken of in that task's words (review s47 #5).
func (s *Service) ShowsDocument(ctx context.Context, u *catalog.User, id, documentID string) (*catalog.Assignment, bool, error) {
	named, err := s.Named(ctx, u, []string{id})
	if err != nil || named[id] == nil {
		return nil, false, err
	}
	a, err := s.cat.Assignment(ctx, id)
	if catalog.IsNotFound(err) {
		return nil, false, nil // deleted since
	}
	if err != nil {
		return nil, false, err
	}
	return a, slices.Contains(a.Documents, documentID), nil
}

// Filter selects assignments to list; empty fields match all.
type Filter struct {
	City       string
	Round      int
	Department string // a name, compared by catalog.DepartmentKey
	Indicator  string
	Status     catalog.AssignmentStatus
	// Overdue keeps only overdue assignments.
	Overdue bool
}

// List returns the assignments f selects that u may see: the city scope
// applies, and a contributor gets their own department's; a contributor
// asking for another department's is ENOTFOUND saying whose tasks they
// see, as a city out of reach is (an answer of their own tasks under
// another department's name read as that department's, probe s55).
func (s *Service) List(ctx context.Context, u *catalog.User, f Filter) ([]Task, error) {
	cities, visible := u.ScopeCity(f.City)
	if !visible {
		return []Task{}, nil
	}
	city := ""
	if len(cities) == 1 {
		city = cities[0]
	}
	cf := catalog.AssignmentFilter{Cities: cities, Round: f.Round, Indicator: strings.TrimSpace(f.Indicator), Status: f.Status}
	switch {
	case u.Role == catalog.RoleContributor:
		own, err := s.ownDepartment(ctx, u)
		if err != nil || own == "" {
			return []Task{}, err
		}
		if err := s.ownDepartmentAsked(ctx, u, own, f.Department); err != nil {
			return nil, err
		}
		cf.DepartmentID = own
	case strings.TrimSpace(f.Department) != "":
		if city == "" {
			return nil, catalog.Errorf(catalog.EINVALID, "按责任单位筛选时请同时指定城市")
		}
		d, err := s.cat.DepartmentByName(ctx, city, f.Department)
		if catalog.IsNotFound(err) {
			return []Task{}, nil
		}
		if err != nil {
			return nil, err
		}
		cf.DepartmentID = d.ID
	}
	list, err := s.cat.FindAssignments(ctx, cf)
	if err != nil {
		return nil, err
	}
	tasks, err := s.tasks(ctx, list)
	if err != nil {
		return nil, err
	}
	// Before the overdue filter: a task whose indicator the coordinator
	// covered is not overdue (Covered).
	if err := s.MarkLinked(ctx, u, tasks); err != nil {
		return nil, err
	}
	if !f.Overdue {
		return tasks, nil
	}
	late := []Task{}
	for _, t := range tasks {
		if t.Overdue {
			late = append(late, t)
		}
	}
	return late, nil
}

// tasks adds what users see to assignments.
func (s *Service) tasks(ctx context.Context, list []catalog.Assignment) ([]Task, error) {
	out := make([]Task, len(list))
	if len(list) == 0 {
		return out, nil
	}
	_, inds, err := s.cat.CurrentFramework(ctx)
	if err != nil && !catalog.IsNotFound(err) {
		return nil, err
	}
	byCode := make(map[string]catalog.Indicator, len(inds))
	for _, ind := range inds {
		byCode[ind.Code] = ind
	}
	var ids []string
	for _, a := range list {
		ids = append(ids, a.Documents...)
	}
	subs, err := s.cat.SubmissionsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	today := s.today()
	kept := map[int]*catalog.RoundNames{}
	for i, a := range list {
		ind := byCode[a.Indicator]
		var now catalog.Indicator
		if n, err := s.roundNames(ctx, kept, a.Round); err != nil {
			return nil, err
		} else if then, ok := n.Indicator(a.Indicator); ok && n.Kept {
			ind, now = then, n.Now[a.Indicator]
		}
		out[i] = Task{Assignment: a, Overdue: a.Overdue(today), IndicatorName: ind.Name, IndicatorNameEN: ind.NameEN, IndicatorInfo: ind.Info, IndicatorInfoEN: ind.InfoEN, IndicatorNow: now,
			Submissions: make(map[string][]catalog.Submission, len(a.Documents))}
		for _, id := range a.Documents {
			out[i].Submissions[id] = handIns(a, id, subs[id])
		}
	}
	if err := s.handInNotes(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// roundNames returns the names round gives its indicators, read once
// per round into seen; a round that is not there (or no framework) names
// nothing of its own.
func (s *Service) roundNames(ctx context.Context, seen map[int]*catalog.RoundNames, round int) (*catalog.RoundNames, error) {
	if n, ok := seen[round]; ok {
		return n, nil
	}
	n, err := s.cat.RoundNames(ctx, round)
	if catalog.IsNotFound(err) {
		n, err = &catalog.RoundNames{Round: round}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read round %d's indicator names: %w", round, err)
	}
	seen[round] = n
	return n, nil
}

// handIns keeps, of the submissions of a document handed in for a, those
// made for a, each submitter once: the same bytes handed in for two tasks
// are one document, and each task shows its own hand-in (the name it was
// uploaded under, who, when), not the other task's. Submissions recorded
// without their task (before it was recorded, and not told by migration
// 023) follow, told as they were before: by the user who handed it in for
// a, or by someone of a's department (a colleague's earlier re-hand-in of
// the same bytes, which wrote no task record to tell it by, is still
// shown beside the hand-ins recorded for a); never the same bytes
// uploaded elsewhere (a coordinator on the upload page, even one whose
// account names a's department, another
// department for its own task), nor a submission recorded for another
// task. A user with a submission recorded for a has handed in since
// submissions record their task, so their submissions without one are
// uploads for no task (the coordinator's upload-page upload of the bytes
// they later handed in for a) and are left out.
//
// A coordinator's or an admin's hand-in is filed under a's department
// (the document's 责任单位), but they are not of it: it is told by their
// role (Submission.Role), its Department left empty.
func handIns(a catalog.Assignment, id string, subs []catalog.Submission) []catalog.Submission {
	var out []catalog.Submission
	seen := map[[2]string]bool{}
	keep := func(sub catalog.Submission) {
		if sub.Role == catalog.RoleCoordinator || sub.Role == catalog.RoleAdmin {
			sub.Department = ""
		}
		if key := [2]string{sub.User, sub.Department}; !seen[key] {
			seen[key] = true
			out = append(out, sub)
		}
	}
	recorded := map[string]bool{}
	for _, sub := range subs {
		if sub.Assignment == a.ID {
			recorded[sub.User] = true
			keep(sub)
		}
	}
	by := a.HandedInBy[id]
	for _, sub := range subs {
		if sub.Assignment == "" && sub.User == by && !recorded[sub.User] {
			keep(sub)
		}
	}
	for _, sub := range subs {
		// A coordinator's or admin's submission names their own account's
		// department, which may be a's: an upload for no task on the upload
		// page is theirs, never a colleague's hand-in for a.
		colleague := sub.Role != catalog.RoleCoordinator && sub.Role != catalog.RoleAdmin
		if sub.Assignment == "" && sub.User != by && !recorded[sub.User] && colleague && sub.Department != "" && sub.Department == a.Department {
			keep(sub)
		}
	}
	return out
}

// DepartmentProgress is how far one department is with its assignments.
type DepartmentProgress struct {
	Department string
	// Contact is Contacts joined with 、, the contacts its assignments
	// name, each once, the one most of them name first; one task's
	// contact alone (a row shared with another department) is never the
	// department's.
	Contact  string
	Contacts []string
	// Accounts is how many accounts of the city belong to the department;
	// NoAccount says it has none, so nobody receives its tasks. A
	// contributor's own line is never NoAccount.
	Accounts  int
	NoAccount bool
	Total     int
	Open      int
	Submitted int
	Returned  int
	// PartlyReturned counts the submitted tasks with files returned and
	// nothing handed in since (Task.ReturnedUnanswered): they stay among
	// Submitted, as the task is, and Returned counts whole tasks only.
	PartlyReturned int
	Accepted       int
	Overdue        int
	// Covered counts the owed tasks whose indicator the coordinator
	// linked material to (Task.Covered): owed, never overdue.
	Covered int
}

// Progress counts the assignments u may see of a city and round by
// department, in the order of the city's list; a contributor gets their
// own department's line.
func (s *Service) Progress(ctx context.Context, u *catalog.User, city string, round int) ([]DepartmentProgress, error) {
	tasks, err := s.List(ctx, u, Filter{City: city, Round: round})
	if err != nil {
		return nil, err
	}
	out := []DepartmentProgress{}
	at := map[string]int{}
	contacts := map[string][]string{} // department id → its tasks' contacts
	for _, t := range tasks {
		i, ok := at[t.DepartmentID]
		if !ok {
			i = len(out)
			at[t.DepartmentID] = i
			out = append(out, DepartmentProgress{Department: t.Department})
		}
		p := &out[i]
		p.Total++
		if t.Contact != "" {
			contacts[t.DepartmentID] = append(contacts[t.DepartmentID], t.Contact)
		}
		switch t.Status {
		case catalog.AssignmentOpen:
			p.Open++
		case catalog.AssignmentSubmitted:
			p.Submitted++
			if t.ReturnedUnanswered() > 0 {
				p.PartlyReturned++
			}
		case catalog.AssignmentReturned:
			p.Returned++
		case catalog.AssignmentAccepted:
			p.Accepted++
		}
		if t.Overdue {
			p.Overdue++
		}
		if t.Covered {
			p.Covered++
		}
	}
	for id, i := range at {
		out[i].Contacts = mostNamedFirst(withTheirPhones(contacts[id]))
		out[i].Contact = strings.Join(out[i].Contacts, "、")
	}
	return out, s.countAccounts(ctx, u, city, at, out)
}

// countAccounts fills the Accounts and NoAccount of out, whose lines are
// at by department id, for a coordinator or admin; a contributor's own
// line has its account.
func (s *Service) countAccounts(ctx context.Context, u *catalog.User, city string, at map[string]int, out []DepartmentProgress) error {
	if len(out) == 0 {
		return nil
	}
	if u.Role == catalog.RoleContributor {
		for i := range out {
			out[i].Accounts = 1
		}
		return nil
	}
	if city == "" {
		city = u.City
	}
	if city == "" {
		return nil // every city's: no one list to count by
	}
	list, err := s.cat.Departments(ctx, city)
	if err != nil {
		return err
	}
	for _, d := range list {
		if i, ok := at[d.ID]; ok {
			out[i].Accounts, out[i].NoAccount = d.Accounts, d.Accounts == 0
		}
	}
	return nil
}

// withTheirPhones is contacts with each bare name (王老师) written as
// the same person with a phone elsewhere in them (王老师 0571-85251234),
// so that a person is listed once, with the phone when one is known. A
// name written with two phones stays two contacts: which is right is
// not ours to say.
func withTheirPhones(contacts []string) []string {
	phoned := map[string]string{} // a person's name → its first contact with a phone
	for _, c := range contacts {
		if name := contactName(c); name != "" && name != strings.TrimSpace(c) {
			if _, ok := phoned[name]; !ok {
				phoned[name] = c
			}
		}
	}
	out := make([]string, len(contacts))
	for i, c := range contacts {
		out[i] = c
		if full, ok := phoned[strings.TrimSpace(c)]; ok {
			out[i] = full
		}
	}
	return out
}

// contactName is the person a contact names: its text before the first
// digit, plus sign or bracket (王老师 of 王老师 0571-85251234,
// 王老师（0571…）), spaces trimmed.
func contactName(contact string) string {
	end := strings.IndexFunc(contact, func(r rune) bool {
		return unicode.IsDigit(r) || strings.ContainsRune("+(（", r)
	})
	if end < 0 {
		end = len(contact)
	}
	return strings.TrimSpace(contact[:end])
}

// mostNamedFirst is names each once, the most frequent first, ties in
// the order first named.
func mostNamedFirst(names []string) []string {
	count := map[string]int{}
	var out []string
	for _, n := range names {
		if count[n] == 0 {
			out = append(out, n)
		}
		count[n]++
	}
	slices.SortStableFunc(out, func(a, b string) int { return count[b] - count[a] })
	return out
}
