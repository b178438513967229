package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// UploadRequest is one upload: files already staged, what the uploader
// says about them, and the key indicators they substantiate.
type UploadRequest struct {
	Meta
	Indicators []string // key indicator codes, as typed (SplitList)
	// Assignment, when set, is the id of the responsibility assignment
	// the files are handed in for: they are linked to its indicator and it
	// becomes submitted.
	Assignment string
	Files      []*Staged
	// JoinPhotos: the files are photos of one paper document's pages, in
	// order; they are stored as one PDF, a page per photo (joinPhotos).
	JoinPhotos bool
	// PartMeta holds, by file part (Staged.Part), a file's own title,
	// type, issuer, date, 文号 and round in a request of several files:
	// each field set there is the file's instead of Meta's (city and
	// department are the request's).
	PartMeta map[int]Meta
}

// Tasks is what an upload needs of responsibility assignments (package
// assignments, which holds their rules); an interface so that the
// services do not import each other.
type Tasks interface {
	// UploadTarget returns the assignment u hands documents in for when u
	// may: ENOTFOUND for an assignment u may not see (another city's or
	// department's), EFORBIDDEN or ECONFLICT otherwise. Nothing changes.
	UploadTarget(ctx context.Context, u *catalog.User, id string) (*catalog.Assignment, error)
	// Submitted records stored documents handed in for the assignment by
	// u and marks it submitted.
	Submitted(ctx context.Context, u *catalog.User, id string, documentIDs []string) error
	// HandInTypeOf is the kind of document a hand-in for a that names
	// none is given: the one 我的任务 pre-selects for it.
	HandInTypeOf(ctx context.Context, a *catalog.Assignment) (catalog.DocType, error)
}

// UseTasks lets uploads be handed in against responsibility assignments;
// without it an upload naming an assignment is refused.
func (s *Service) UseTasks(t Tasks) { s.tasks = t }

// Quotes looks again for the quotes claims, values and links cite in a
// text read anew, and for a link's just given (values.Service's).
type Quotes interface {
	// RecheckQuotes records where the quotes cited in the text sha are
	// found now and returns how many it looked for and how many marks
	// changed.
	RecheckQuotes(ctx context.Context, sha string) (catalog.QuotesRechecked, error)
	// RecheckLinkQuotes records where the quotes of link id, just given
	// one, are found in the text sha of its document, and only those;
	// ENOTFOUND when that text is not stored (yet).
	RecheckLinkQuotes(ctx context.Context, sha, id string) (catalog.QuotesRechecked, error)
}

// UseQuotes has the quotes cited in a text looked for again, by q,
// whenever the text is read anew from its original (重新读取, evidence
// repair, a text read by older rules read again); without it their marks
// stay as saved.
func (s *Service) UseQuotes(q Quotes) { s.quotes = q }

// QuoteChecks is what looking again for the quotes cited in texts read
// anew did: how many quotes were looked for (Checked) and how many of
// their marks changed (Changed); how many could not be looked for
// (Failed), each marked 引文待重新核对 (catalog.MarkQuotesToRecheck), and
// why (Reasons, each once, in Chinese and in English as a person reads
// them); and how many texts' quotes could neither be looked for nor
// marked (Unmarked, the catalog failing too): those keep the old text's
// marks, and only this count tells it.
type QuoteChecks struct {
	Checked, Changed, Failed, Unmarked int
	Reasons                            []catalog.Words
}

// Why is the Reasons one after another, in English when english is set
// (a reason without English in Chinese), else in Chinese.
func (q QuoteChecks) Why(english bool) string {
	out := make([]string, len(q.Reasons))
	for i, r := range q.Reasons {
		out[i] = r.Chinese
		if english && r.English != "" {
			out[i] = r.English
		}
	}
	if english {
		return strings.Join(out, "; ")
	}
	return strings.Join(out, "\uFF1B")
}

// Add counts o in q.
func (q *QuoteChecks) Add(o QuoteChecks) {
	q.Checked, q.Changed, q.Failed, q.Unmarked = q.Checked+o.Checked, q.Changed+o.Changed, q.Failed+o.Failed, q.Unmarked+o.Unmarked
	for _, r := range o.Reasons {
		if !slices.Contains(q.Reasons, r) {
			q.Reasons = append(q.Reasons, r)
		}
	}
}

// recheckQuotes looks again for the quotes cited in the text sha, just
// read anew. A failure is not the reading's: the new text stands. The
// quotes are then marked 引文待重新核对 with why, so that no page shows
// the old text's mark (已找到) as if it held for the new one, until a
// later look or the quote saved again; when even that fails, the text
// is counted Unmarked.
func (s *Service) recheckQuotes(ctx context.Context, sha string) QuoteChecks {
	if s.quotes == nil {
		return QuoteChecks{}
	}
	r, err := s.quotes.RecheckQuotes(ctx, sha)
	if err == nil {
		if r.Changed > 0 {
			s.log.Info("quotes looked for again in a text read anew", "sha256", sha, "checked", r.Checked, "changed", r.Changed)
		}
		return QuoteChecks{Checked: r.Checked, Changed: r.Changed}
	}
	var e *catalog.Error
	if !errors.As(err, &e) {
		e = catalog.Errorf(catalog.EINTERNAL, "重新核对引文时出错（内部错误，已记录日志）；再次重新读取，或重新保存引文，即可再核对")
	}
	reason := catalog.Words{Chinese: e.Message, English: e.English}
	s.log.Warn("quotes not looked for again in a text read anew", "sha256", sha, "err", err)
	marked, merr := s.cat.MarkQuotesToRecheck(context.WithoutCancel(ctx), sha, reason.Chinese, reason.English)
	if merr != nil {
		s.log.Error("quotes not marked to look for again", "sha256", sha, "err", merr)
		return QuoteChecks{Unmarked: 1, Reasons: []catalog.Words{reason}}
	}
	return QuoteChecks{Failed: marked, Reasons: []catalog.Words{reason}}
}

// CheckRequest runs Upload's checks of req as a whole — who uploads,
// the fields, the indicators — without its files, so that a caller about
// to prepare for the files (the command line opening the index) refuses
// a request Upload would refuse before it does.
func (s *Service) CheckRequest(ctx context.Context, u *catalog.User, req UploadRequest) error {
	_, _, _, err := s.requestFields(ctx, u, req)
	return err
}

// requestFields checks req as a whole for u, Upload's first step, and
// returns its fields with their defaults, its task (nil for none) and the
// indicators to link.
func (s *Service) requestFields(ctx context.Context, u *catalog.User, req UploadRequest) (Meta, *catalog.Assignment, []string, error) {
	if !u.CanUpload() {
		return Meta{}, nil, nil, catalog.Errorf(catalog.EFORBIDDEN, "只有协调员、部门联系人和管理员可以上传材料")
	}
	meta := req.Meta
	codes := req.Indicators
	var task *catalog.Assignment
	if req.Assignment != "" {
		a, err := s.uploadTarget(ctx, u, req.Assignment, &meta)
		if err != nil {
			return Meta{}, nil, nil, err
		}
		task = a
		codes = append([]string{a.Indicator}, codes...)
		if strings.TrimSpace(meta.DocType) == "" {
			// As 我的任务 pre-selects it; a file's own type still wins.
			dt, err := s.tasks.HandInTypeOf(ctx, a)
			if err != nil {
				return Meta{}, nil, nil, err
			}
			meta.DocType = string(dt)
		}
	} else if u.Role == catalog.RoleContributor {
		return Meta{}, nil, nil, catalog.Errorf(catalog.EFORBIDDEN, "部门联系人只能针对本部门的任务提交材料；请在“我的任务”中选择任务后上传")
	}
	if meta.City == "" && u.Role == catalog.RoleCoordinator {
		meta.City = u.City
	}
	if meta.Department == "" {
		meta.Department = u.Department
	}
	if err := s.checkRequestMeta(ctx, &meta, req); err != nil {
		return Meta{}, nil, nil, err
	}
	if req.Assignment == "" {
		if err := u.CanEdit(meta.City); err != nil {
			return Meta{}, nil, nil, s.otherCityDenied(ctx, u, meta.City)
		}
	}
	// After the city is known to be the uploader's: another city's list
	// of 责任单位 is none of their business (review s38 #10).
	if err := s.listedDepartment(ctx, u, task, &meta); err != nil {
		return Meta{}, nil, nil, err
	}
	codes, err := s.CheckIndicators(ctx, codes)
	if err != nil {
		// Named, so that a form shows it beside its indicators field.
		return Meta{}, nil, nil, catalog.OnInvalidField("indicators", err)
	}
	return meta, task, codes, nil
}

// Upload checks an upload for u and submits each file: the one set of
// rules the API, the web UI and the CLI share.
//
// Defaults: a coordinator's upload without a city is for their city; a
// department left empty is the uploader's. A coordinator naming another
// city is refused (EFORBIDDEN), whatever surface they use.
//
// Against an assignment, the city, round and department default to the
// assignment's, the type to the one 我的任务 pre-selects for it, and its
// indicator is linked; a contributor may upload only
// this way, against their own department's assignments. The assignment
// becomes submitted once at least one file is stored.
//
// Photos of one paper document's pages, asked to be joined (JoinPhotos),
// are stored as one PDF, a page per photo in the order sent (joinPhotos).
//
// The request as a whole is refused — nothing stored — when the user may
// not upload, the metadata or an indicator code is wrong, there is no
// file, or photos to be joined include one that cannot be a page. After that each file has its own Outcome: a file that fails does
// not stop the others, and files stored before a failure stay stored.
func (s *Service) Upload(ctx context.Context, u *catalog.User, req UploadRequest) ([]Outcome, error) {
	meta, task, codes, err := s.requestFields(ctx, u, req)
	if err != nil {
		return nil, err
	}
	if len(req.Files) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "没有收到文件；请选择要上传的文件")
	}
	if err := archiveFields(req); err != nil {
		return nil, err
	}
	done, err := s.AdmitUpload(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	files := req.Files
	if req.JoinPhotos && len(files) > 1 {
		joined, err := s.joinPhotos(ctx, files)
		if err != nil {
			return nil, err
		}
		defer joined.Remove()
		files = []*Staged{joined}
	}
	out := make([]Outcome, len(files))
	var stored []string
	metas, refused := partMetas(files, meta, taskRounds(req, task), s.roundChecker(ctx, meta.Round))
	again, err := s.returnedAgain(ctx, u, task, files)
	if err != nil {
		return nil, err
	}
	for i, e := range again {
		if refused[i] == nil {
			refused[i] = e
		}
	}
	var taken []int // the files not refused for their own fields
	for i := range files {
		if refused[i] == nil {
			taken = append(taken, i)
		}
	}
	outs, errs := make([]*Outcome, len(files)), refused
	o, e := s.submitAll(ctx, pick(files, taken), pick(metas, taken), req.Assignment, u)
	for k, i := range taken {
		outs[i], errs[i] = o[k], e[k]
	}
	if task != nil {
		s.linksBefore(ctx, outs, errs)
	}
	var written []string // the documents this request wrote a submission of
	for _, o := range outs {
		if o != nil && o.Document != nil {
			written = append(written, o.Document.ID)
		}
	}
	for i, st := range files {
		out[i] = s.linkOne(ctx, u, st, outs[i], errs[i], metas[i].Round, codes)
		if out[i].Err == nil && out[i].Duplicate {
			typed := strings.TrimSpace(req.Meta.DocType) != "" || req.PartMeta[st.Part].DocType != ""
			out[i].Unapplied = unappliedTo(&out[i], metas[i], typed)
			out[i].Unapplied.AskCoordinator = !s.mayApply(ctx, u, out[i].Document, out[i].Unapplied)
			// Asked even when nothing was left unapplied: the upload's
			// answer names the uploader (uploaded_by) as its notice would.
			out[i].Unapplied.UploadedBy = s.uploaderFor(ctx, u, out[i].Document)
		}
		if len(files) < len(req.Files) {
			out[i].JoinedPhotos = len(req.Files)
		}
		if out[i].Err == nil {
			stored = append(stored, out[i].Document.ID)
		}
	}
	if task == nil {
		return out, nil
	}
	err = nil
	if len(stored) > 0 {
		err = s.tasks.Submitted(ctx, u, req.Assignment, stored)
	}
	// Whatever the task did not record (a file that failed to link, a
	// task that refused or is gone, a request that died) is given up, so
	// that it does not hold the task as a hand-in under way for ever.
	s.abandonHandIns(ctx, task.ID, u, written)
	if err != nil {
		return out, s.taskGone(ctx, u, task, out, err)
	}
	return out, nil
}

// abandonHandIns marks the submissions of documents for task by u that
// the task did not record as abandoned (catalog.Store.AbandonHandIns);
// those it recorded are left as they are. It runs even when the request
// died: that is the failure it is for. A failure is logged: the hand-ins
// then hold the task against deletion until the department withdraws or
// hands them in again.
func (s *Service) abandonHandIns(ctx context.Context, task string, u *catalog.User, documents []string) {
	if task == "" || len(documents) == 0 {
		return
	}
	if err := s.cat.AbandonHandIns(context.WithoutCancel(ctx), task, u.Username, documents); err != nil {
		s.log.Error("hand-ins not given up", "task", task, "documents", documents, "err", err)
	}
}

// CheckUploader makes Upload's checks of who may upload for which city or
// task on the fields read so far, so that an API reading a request's body
// refuses one it would refuse anyway before staging its files: the role,
// the assignment (the task's city and department), the city. A field not
// read yet (it may follow the files) is not held against the request: a
// contributor's assignment, an administrator's city. Upload makes every
// check again.
func (s *Service) CheckUploader(ctx context.Context, u *catalog.User, city, assignment string) error {
	if !u.CanUpload() {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有协调员、部门联系人和管理员可以上传材料")
	}
	city = strings.TrimSpace(city)
	if assignment != "" {
		meta := Meta{City: city}
		_, err := s.uploadTarget(ctx, u, assignment, &meta)
		return err
	}
	if city == "" || u.Role == catalog.RoleContributor {
		return nil // the city is the coordinator's own, or still to come
	}
	if err := u.CanEdit(city); err != nil {
		return s.otherCityDenied(ctx, u, city)
	}
	return nil
}

// uploadTarget checks an upload against an assignment and fills meta's
// city, round and department from it; a city that is not the
// assignment's is refused.
func (s *Service) uploadTarget(ctx context.Context, u *catalog.User, id string, meta *Meta) (*catalog.Assignment, error) {
	if s.tasks == nil {
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "本系统未启用责任分解任务")
	}
	a, err := s.tasks.UploadTarget(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if meta.City != "" && meta.City != a.City {
		name := catalog.Words{Chinese: a.City, English: a.City}
		if c, err := s.cat.City(ctx, a.City); err == nil {
			name = catalog.Words{Chinese: c.Name, English: c.EnglishName()}
		}
		return nil, catalog.Errorf(catalog.EINVALID, "这项任务属于另一个城市（%s），上传的城市应与任务一致", name)
	}
	meta.City = a.City
	// A hand-in is evidence of the task's round, whatever round the form
	// sent (the upload page offers the current one for a task of last
	// round): filed in another, the task would list a file that counts
	// nowhere it asks for.
	meta.Round = strconv.Itoa(a.Round)
	if meta.Department == "" {
		meta.Department = a.Department
	}
	return a, nil
}

// listedDepartment holds a 责任单位 the uploader typed to the city's list
// (catalog.Store.ListedDepartment), as an edit is held. The one the
// upload takes by default, the uploader's own or the task's, passes as
// it is: a contributor's hand-in is filed under the department its
// account and task name, which the list itself keeps current, and a
// coordinator's own department may predate the list.
func (s *Service) listedDepartment(ctx context.Context, u *catalog.User, task *catalog.Assignment, meta *Meta) error {
	name := meta.Department
	if name == "" || name == u.Department || task != nil && name == task.Department {
		return nil
	}
	listed, err := s.cat.ListedDepartment(ctx, meta.City, name)
	if err != nil {
		return err
	}
	meta.Department = listed
	return nil
}

// checkRequestMeta is CheckMeta for the request's own fields, but a
// request of several files that gives every file part its own type
// (doc_type.N) needs none of its own: the page sends a row's type there
// when the form's is left empty. Each own type is checked with its file
// (partMetas).
func (s *Service) checkRequestMeta(ctx context.Context, meta *Meta, req UploadRequest) error {
	if strings.TrimSpace(meta.DocType) != "" || !ownTypes(req) {
		return s.CheckMeta(ctx, meta)
	}
	meta.DocType = string(catalog.DocOther) // checked as a type, never used
	err := s.CheckMeta(ctx, meta)
	meta.DocType = ""
	return err
}

// ownTypes says whether every file of req carries its own type.
func ownTypes(req UploadRequest) bool {
	if req.JoinPhotos || len(req.Files) == 0 {
		return false
	}
	for _, st := range req.Files {
		if strings.TrimSpace(req.PartMeta[st.Part].DocType) == "" {
			return false
		}
	}
	return true
}

// OwnFields are the fields a file part of a request of several files may
// carry of its own, as field.N for part N (UploadRequest.PartMeta).
var OwnFields = []string{"title", "doc_type", "issuer", "issued_on", "doc_number", "round"}

// OwnField is m's field of name, one of OwnFields (nil for another).
func (m *Meta) OwnField(name string) *string {
	switch name {
	case "title":
		return &m.Title
	case "doc_type":
		return &m.DocType
	case "issuer":
		return &m.Issuer
	case "issued_on":
		return &m.IssuedOn
	case "doc_number":
		return &m.DocNumber
	case "round":
		return &m.Round
	}
	return nil
}

// taskRounds is req with no file part's own round when it hands files in
// for task: each is filed in the task's round (uploadTarget), which a
// part's round.N must not move it out of.
func taskRounds(req UploadRequest, task *catalog.Assignment) UploadRequest {
	if task == nil || len(req.PartMeta) == 0 {
		return req
	}
	own := make(map[int]Meta, len(req.PartMeta))
	for part, m := range req.PartMeta {
		m.Round = ""
		own[part] = m
	}
	req.PartMeta = own
	return req
}

// roundChecker is CheckRound for the files' own rounds of one request,
// asking the catalog once a round; checked is the request's own, which
// CheckMeta has checked. A lookup that fails (the catalog out of reach)
// is logged here with its cause and answered as unavailable, so that
// partMetas can tell the file it refuses instead of an internal error.
func (s *Service) roundChecker(ctx context.Context, checked string) func(round string) error {
	known := map[string]error{checked: nil}
	return func(round string) error {
		err, ok := known[round]
		if !ok {
			err = s.CheckRound(ctx, round)
			var e *catalog.Error
			if err != nil && !errors.As(err, &e) {
				if errors.Is(err, context.Canceled) {
					s.log.Info("round of a file not looked up: given up by its client", "round", round, "err", err)
				} else {
					s.log.Error("round of a file not looked up", "round", round, "err", err)
				}
				err = errRoundUnchecked
			}
			known[round] = err
		}
		return err
	}
}

// errRoundUnchecked is a file's own round that could not be looked up;
// partMetas names the file.
var errRoundUnchecked = errors.New("round not looked up")

// partMetas is each file's metadata: meta with the fields of its part
// (req.PartMeta) set over it, checked, its own round by checkRound;
// refused[i] is why file i's own fields cannot be taken (nil when they
// can), which refuses that file only.
func partMetas(files []*Staged, meta Meta, req UploadRequest, checkRound func(string) error) (metas []Meta, refused []error) {
	metas, refused = make([]Meta, len(files)), make([]error, len(files))
	for i, st := range files {
		metas[i] = meta
		own, ok := req.PartMeta[st.Part]
		if !ok || req.JoinPhotos {
			continue
		}
		m := &metas[i]
		for _, name := range OwnFields {
			v := *own.OwnField(name)
			if v == "" {
				continue
			}
			if st.Archive != "" && name != "doc_type" && name != "round" {
				refused[i] = ArchiveFieldRefused(name)
			}
			*m.OwnField(name) = v
		}
		if refused[i] == nil {
			refused[i] = checkFields(m)
		}
		if refused[i] == nil {
			refused[i] = checkRound(m.Round)
		}
		if errors.Is(refused[i], errRoundUnchecked) {
			refused[i] = catalog.FieldErrorf("round", catalog.EUNAVAILABLE, "暂时无法核对文件 %s 所填的监测轮次 %s，这份文件未保存；请稍后重新上传这份文件", st.Filename, m.Round)
		}
	}
	return metas, refused
}

// pick is the elements of all at the indexes which.
func pick[T any](all []T, which []int) []T {
	out := make([]T, len(which))
	for k, i := range which {
		out[k] = all[i]
	}
	return out
}

// linkOne links one stored file of an upload Upload has allowed (o, or
// err when it was not stored) to codes, and is its outcome.
func (s *Service) linkOne(ctx context.Context, u *catalog.User, st *Staged, o *Outcome, err error, round string, codes []string) Outcome {
	if err == nil {
		err = s.linkForRound(ctx, o, round, codes, u)
	}
	if err != nil {
		s.logUnexpected("upload "+st.Filename, err)
		return Outcome{Filename: st.Filename, Archive: st.Archive, Part: st.Part, Err: err}
	}
	o.Filename, o.Archive, o.Part = st.Filename, st.Archive, st.Part
	return *o
}

// linkForRound links an uploaded document to codes. When the upload named
// a round and the same bytes were already a document of another round (a
// policy still in force, uploaded again for the new round), the links
// count in the round named as well (catalog.LinkInRound, in one
// transaction with the links) — a link new to the document in that round
// only, so the earlier round stays as it was — and the outcome says so.
func (s *Service) linkForRound(ctx context.Context, o *Outcome, round string, codes []string, u *catalog.User) error {
	d := o.Document
	if !o.Duplicate || round == "" || round == d.Round || len(codes) == 0 {
		if o.Duplicate && len(codes) > 0 {
			had, err := s.cat.DocumentLinks(ctx, d.ID)
			if err != nil {
				return fmt.Errorf("links of %s before an upload of its bytes: %w", d.ID, err)
			}
			o.Linked = slices.ContainsFunc(codes, func(code string) bool {
				return !slices.ContainsFunc(had, func(l catalog.Link) bool { return l.IndicatorCode == code })
			})
		}
		return s.link(ctx, d.ID, codes, u)
	}
	year, err := strconv.Atoi(round)
	if err != nil {
		return s.link(ctx, d.ID, codes, u)
	}
	if ok, err := s.cat.RoundExists(ctx, year); err != nil {
		return err
	} else if !ok {
		return catalog.FieldErrorf("round", catalog.EINVALID, "监测轮次 %d 不存在", year)
	}
	links := make([]*catalog.Link, len(codes))
	for i, c := range codes {
		links[i] = &catalog.Link{DocumentID: d.ID, IndicatorCode: c, CreatedBy: u.Username}
	}
	if err := s.cat.LinkInRound(ctx, links, year, u.Username); err != nil {
		return err
	}
	if err := s.Refresh(ctx, d.ID); err != nil {
		return err
	}
	o.UsedInRound = year
	return nil
}

// unappliedTo is what m, the fields a duplicate o was uploaded with, asked
// that o's document does not have: a round other than its own, unless the
// upload's links count there (UsedInRound says so), and a type other than
// its own when the uploader chose one (typed), not a task's default.
func unappliedTo(o *Outcome, m Meta, typed bool) Unapplied {
	var un Unapplied
	d := o.Document
	if m.Round != "" && m.Round != d.Round && o.UsedInRound == 0 {
		un.Round = m.Round
	}
	if typed && m.DocType != "" && catalog.DocType(m.DocType) != d.DocType {
		un.DocType = catalog.DocType(m.DocType)
	}
	return un
}

// mayApply says whether u may make the changes un names on d's page
// themselves, by documents.Service.CheckEditFields' rule: an admin or the
// city's coordinator may make any; a department contributor only a type,
// on a document they uploaded that is still theirs alone and unreviewed
// (catalog.Store.ContributorEdit), never a round. When that cannot be
// told, it says no: the coordinator can always make them.
func (s *Service) mayApply(ctx context.Context, u *catalog.User, d *catalog.Document, un Unapplied) bool {
	if un.None() || u.CanEdit(d.City) == nil {
		return true
	}
	if u.Role != catalog.RoleContributor || un.Round != "" || d.City != u.City || d.UploadedBy != u.Username {
		return false
	}
	err := s.cat.ContributorEdit(ctx, d.ID, u.Username)
	if err != nil && catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		s.logUnexpected("may a contributor change the duplicate they sent", err)
	}
	return err == nil
}

// logUnexpected logs an error that is not the user's doing, whose message
// to the user only says "internal error" or "unavailable". An upload its
// client gave up on (the request's context cancelled, its work undone
// with it) is no server failure: it is logged at info level, so that real
// errors stand out (httperr.Prepare does the same for the request).
func (s *Service) logUnexpected(what string, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		s.log.Info(what+": given up by its client", "err", err)
	case catalog.ErrorCode(err) == catalog.EINTERNAL, catalog.ErrorCode(err) == catalog.EUNAVAILABLE:
		s.log.Error(what, "err", err)
	default:
		s.log.Warn(what, "err", err)
	}
}

// archiveFields refuses a title, 文号, date or issuer given with the files
// of a ZIP archive, which each have their own (read from each text).
func archiveFields(req UploadRequest) error {
	if !slices.ContainsFunc(req.Files, func(st *Staged) bool { return st.Archive != "" }) {
		return nil
	}
	for _, f := range []struct{ field, value string }{
		{"title", req.Meta.Title}, {"doc_number", req.Meta.DocNumber}, {"issued_on", req.Meta.IssuedOn}, {"issuer", req.Meta.Issuer},
	} {
		if strings.TrimSpace(f.value) != "" {
			return ArchiveFieldRefused(f.field)
		}
	}
	return nil
}

// otherCityDenied is the refusal of an upload for a city the user may not
// edit: a coordinator is told their own city and the one they chose, by
// name and code, so that they can switch to their own.
func (s *Service) otherCityDenied(ctx context.Context, u *catalog.User, city string) error {
	if u.Role != catalog.RoleCoordinator || u.City == "" {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有本市协调员或管理员可以上传该城市的材料")
	}
	return catalog.Errorf(catalog.EFORBIDDEN, "您是%s（%s）的协调员，不能为%s（%s）上传材料；请切换到本市或联系管理员",
		s.cityName(ctx, u.City), u.City, s.cityName(ctx, city), city)
}

// cityName is the name of the city with code in both languages (杭州 /
// Hangzhou), or the code when the catalog has no such city.
func (s *Service) cityName(ctx context.Context, code string) catalog.Words {
	c, err := s.cat.City(ctx, code)
	if err != nil || c.Name == "" {
		return catalog.Words{Chinese: code, English: code}
	}
	return catalog.Words{Chinese: c.Name, English: c.EnglishName()}
}
