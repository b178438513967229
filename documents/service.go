package documents

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/search"
)

// Service reads and changes stored documents on behalf of a user.
type Service struct {
	cat    *catalog.Store
	blobs  blob.Store
	ingest *ingest.Service
	search *search.Service
	// thumbDir caches page thumbnails ("" draws every time); thumbSlots
	// bounds how many are drawn at once, thumbWait the wait for one.
	thumbDir   string
	thumbSlots chan struct{}
	thumbWait  time.Duration
	// pageIndexes keeps where the pages of texts shown begin; builds
	// are those being built, one a text for the views that ask at once
	// (buildIndex), buildSlots bounds how many at once, building counts
	// them and life ends them at Close.
	pageIndexes pageIndexes
	buildMu     sync.Mutex
	builds      map[string]*indexBuild
	buildSlots  chan struct{}
	building    sync.WaitGroup
	life        context.Context
	stop        context.CancelFunc
	// diffs keeps the diffs of near duplicates shown, by their texts.
	diffs diffCache
	// textBudget lends memory to pages of text held whole.
	// (SetTextBudget may replace it while loads hold the old one: each
	// gives back to the budget it borrowed from.)
	textBudget atomic.Pointer[textBudget]
}

// NewService returns the documents service over the catalog, the blob
// store, the pipeline (which keeps the index in step with edits) and
// search (for indicator suggestions).
func NewService(cat *catalog.Store, blobs blob.Store, ing *ingest.Service, srch *search.Service) *Service {
	// Texts are read as the catalog recorded them, or as damaged
	// (ingest.VerifiedTexts): a page must never show another text under
	// a quote's mark.
	s := &Service{cat: cat, blobs: ingest.NewVerifiedTexts(blobs, cat), ingest: ing, search: srch, thumbSlots: make(chan struct{}, thumbnailWorkers), thumbWait: thumbnailSlotWait,
		buildSlots: make(chan struct{}, indexBuilds)}
	s.life, s.stop = context.WithCancel(context.Background())
	s.textBudget.Store(newTextBudget(DefaultTextBudget))
	return s
}

// SetTextBudget sets how many bytes of memory the service lends at once
// to pages of text it must hold whole (DefaultTextBudget unless set);
// a load past it is turned away with EUNAVAILABLE and a time to retry.
func (s *Service) SetTextBudget(bytes int64) { s.textBudget.Store(newTextBudget(bytes)) }

// Get returns a live document u may see; another city's is ENOTFOUND.
func (s *Service) Get(ctx context.Context, u *catalog.User, id string) (*catalog.Document, error) {
	d, err := s.cat.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(d.City, catalog.ObjectDocument, id); err != nil {
		return nil, err
	}
	return d, nil
}

// GetAll returns the documents of ids u may see, by ID, in one query per
// list of IDs (catalog.Store.DocumentsByID): a deleted one, or one u may
// not see, is left out, as Get refuses it.
func (s *Service) GetAll(ctx context.Context, u *catalog.User, ids []string) (map[string]*catalog.Document, error) {
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, d := range docs {
		if u.SeeObject(d.City, catalog.ObjectDocument, id) != nil {
			delete(docs, id)
		}
	}
	return docs, nil
}

// PastReturns are the returns (退回) of d handed in for tasks deleted
// since (catalog.Store.PastReturns): no task lists the file any more, and
// its page still says who sent it back, when and why, to those who saw
// the return while the task lived: an admin, the city's coordinator and
// the task's own 责任单位 (我的任务 and the board show returns to no one
// else), never another department, an expert or a reviewer. d is one the
// caller may read (Get).
func (s *Service) PastReturns(ctx context.Context, u *catalog.User, d *catalog.Document) ([]catalog.PastReturn, error) {
	returns, err := s.cat.PastReturns(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	seen := returns[:0]
	for _, pr := range returns {
		own := u.Role == catalog.RoleContributor && u.City == pr.City && u.Department == pr.Department
		if u.CanEdit(pr.City) == nil || own {
			seen = append(seen, pr)
		}
	}
	return seen, nil
}

// Returns are the returns (退回) of d on tasks that still list it
// (catalog.Store.DocumentReturns), oldest first, each as u may read it
// (catalog.DocumentReturn.SeenBy). d is one the caller may read (Get).
//
// only says the file is nobody's evidence since (catalog.ReturnedDocument.Only):
// a file another task still keeps, or linked or cited, is.
func (s *Service) Returns(ctx context.Context, u *catalog.User, d *catalog.Document) (returns []catalog.DocumentReturn, only bool, err error) {
	all, err := s.cat.AllReturns(ctx)
	if err != nil || all[d.ID] == nil {
		return nil, false, err
	}
	for _, r := range all[d.ID].Returns {
		returns = append(returns, r.SeenBy(u))
	}
	return returns, all[d.ID].Only, nil
}

// QuotesToRecheck are the quotes claims and values cite in d whose look
// in its text read anew failed (catalog.MarkQuotesToRecheck): their marks
// are the old text's until they are looked for again. A withdrawn
// claim's are left out. d is one the caller got through Get or Read.
func (s *Service) QuotesToRecheck(ctx context.Context, d *catalog.Document) ([]catalog.CitedQuote, error) {
	quotes, err := s.cat.QuotesIn(ctx, d.SHA256)
	if err != nil {
		return nil, err
	}
	var out []catalog.CitedQuote
	for _, q := range quotes {
		if q.RecheckError != "" && q.DocumentID == d.ID && !q.Withdrawn {
			out = append(out, q)
		}
	}
	return out, nil
}

// FieldEdits says who last edited each field of d a person edited, and
// when (catalog.Store.FieldEdits); d is one the caller got through Get.
func (s *Service) FieldEdits(ctx context.Context, d *catalog.Document) (map[string]catalog.FieldEdit, error) {
	return s.cat.FieldEdits(ctx, d)
}

// View is a document with its links, its near duplicates that the user
// may see, and its city's name.
type View struct {
	Document       *catalog.Document
	Links          []catalog.Link
	NearDuplicates []catalog.NearDuplicate
	CityName       string
	// UploadedBy is who the view tells its reader uploaded the document:
	// its account (Document.UploadedBy), or, to a department contributor,
	// another department's 责任单位 in place of that department's account
	// (ingest.Service.UploadersShownTo).
	UploadedBy string
	// LinkRounds holds, by link ID, the round a link made for a round
	// other than the document's own counts in, and there only
	// (catalog.LinkInRound): that round names its indicator.
	LinkRounds map[string]int
}

// View returns the document with its links and near duplicates, as a
// document page shows it. A deleted one is ENOTFOUND saying who deleted
// it and when (DeletedError).
func (s *Service) View(ctx context.Context, u *catalog.User, id string) (*View, error) {
	d, err := s.Get(ctx, u, id)
	if catalog.IsNotFound(err) {
		if t, terr := s.Tombstone(ctx, u, id); terr == nil {
			return nil, DeletedError(t)
		}
	}
	if err != nil {
		return nil, err
	}
	links, err := s.cat.DocumentLinks(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	return s.view(ctx, u, d, links, nil)
}

// view is d's view, links its links. cityNames, when not nil, holds the
// names of the cities looked up before, and takes those looked up now: the
// views of one upload's documents ask for their city once.
func (s *Service) view(ctx context.Context, u *catalog.User, d *catalog.Document, links []catalog.Link, cityNames map[string]string) (*View, error) {
	var err error
	var nds []catalog.NearDuplicate
	// A document never read has no bands yet, so no pair: its near
	// duplicates are found when its text is recorded, and another's
	// bands cannot have found it before.
	if !neverRead(d) {
		if nds, err = s.nearDuplicates(ctx, u, d.ID); err != nil {
			return nil, err
		}
	}
	v := &View{Document: d, Links: links, NearDuplicates: nds, LinkRounds: map[string]int{}, UploadedBy: d.UploadedBy}
	if by, ok := s.UploadersShownTo(ctx, u, []*catalog.Document{d})[d.ID]; ok {
		v.UploadedBy = by
	}
	if len(links) > 0 {
		carried, err := s.cat.Carryovers(ctx, catalog.CarryFilter{Document: d.ID})
		if err != nil {
			return nil, err
		}
		for _, c := range carried {
			if c.FromRound == 0 { // made for c.Round, not carried from the document's own
				v.LinkRounds[c.ObjectID] = c.Round
			}
		}
	}
	if name, ok := cityNames[d.City]; ok {
		v.CityName = name
	} else if c, err := s.cat.City(ctx, d.City); err == nil {
		v.CityName = c.Name
		if cityNames != nil {
			cityNames[d.City] = c.Name
		}
	}
	return v, nil
}

// neverRead reports a document whose text was never read: stored, with no
// page counted (a fresh upload, as its upload answers it).
func neverRead(d *catalog.Document) bool {
	return d.Status == catalog.StatusStored && d.Pages == 0
}

// UploadersShownTo is, by document ID, who u is told uploaded those of
// docs whose account u is not shown: to a department contributor, another
// department's upload is named by its 责任单位, as in a document's view
// (ingest.Service.UploadersShownTo); the others keep their account.
func (s *Service) UploadersShownTo(ctx context.Context, u *catalog.User, docs []*catalog.Document) map[string]string {
	return s.ingest.UploadersShownTo(ctx, u, docs)
}

// nearDuplicates are a document's near duplicates in the cities u may see
// (the scope rule: another city's version is not even mentioned).
func (s *Service) nearDuplicates(ctx context.Context, u *catalog.User, id string) ([]catalog.NearDuplicate, error) {
	all, err := s.cat.NearDuplicates(ctx, id)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, n := range all {
		if u.CanSee(n.City) {
			out = append(out, n)
		}
	}
	return out, nil
}

// Views returns the views of documents just uploaded by u (each must be
// visible to u). Their links are read in one statement for them all
// (catalog.Store.LinksOfDocuments), not one a document: an upload
// request's answer of sixteen files asked sixteen times (issue 15).
func (s *Service) Views(ctx context.Context, u *catalog.User, docs []*catalog.Document) ([]*View, error) {
	out := make([]*View, len(docs))
	if len(docs) == 0 {
		return out, nil
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	all, err := s.cat.LinksOfDocuments(ctx, ids)
	if err != nil {
		return nil, err
	}
	// Each document's links in the order DocumentLinks gives them: the
	// statement orders them so, and one document's are never split
	// between two of its IN lists.
	links := make(map[string][]catalog.Link, len(docs))
	for _, l := range all {
		links[l.DocumentID] = append(links[l.DocumentID], l)
	}
	cityNames := map[string]string{}
	for i, d := range docs {
		v, err := s.view(ctx, u, d, links[d.ID], cityNames)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Names returns, by ID, the name of each document among ids that u may
// see, deleted ones too (marked Deleted), with its last title: the audit
// log names a document in every row, after it is gone as before. IDs of
// no document, and of unseen ones, are left out.
func (s *Service) Names(ctx context.Context, u *catalog.User, ids []string) (map[string]catalog.DocumentName, error) {
	names, err := s.cat.DocumentNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, n := range names {
		if u.SeeObject(n.City, catalog.ObjectDocument, id) != nil {
			delete(names, id)
		}
	}
	return names, nil
}

// Called returns the documents u may see, deleted ones too, that people
// call text (their 文号, title or file name, or a part of the title), at
// most limit (catalog.Store.DocumentsCalled): the audit log finds a
// document's events by it.
func (s *Service) Called(ctx context.Context, u *catalog.User, text string, limit int) ([]catalog.CalledDocument, error) {
	docs, err := s.cat.DocumentsCalled(ctx, text, limit)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(docs, func(d catalog.CalledDocument) bool {
		return u.SeeObject(d.City, catalog.ObjectDocument, d.ID) != nil
	}), nil
}

// List returns one page of the documents u may see that match f, and how
// many match in all. A coordinator asking for another city gets an empty
// list (the scope rule in catalog/scope.go). An empty list filtered by an
// indicator code that nothing names is EINVALID on indicator
// (catalog.Store.CheckIndicatorFilter).
func (s *Service) List(ctx context.Context, u *catalog.User, f catalog.DocumentFilter) ([]*catalog.Document, int, error) {
	cities, visible := u.ScopeCity(f.City)
	if !visible {
		return []*catalog.Document{}, 0, nil
	}
	f.City, f.Cities = "", cities
	docs, total, err := s.cat.FindDocuments(ctx, f)
	if err == nil && len(docs) == 0 && f.Indicator != "" {
		// A mistyped code would list nothing, read as "no evidence for
		// this indicator" (probe s46 #3); a page with rows reads no more.
		err = s.cat.CheckIndicatorFilter(ctx, f.Indicator)
	}
	return docs, total, err
}

// Text returns a document's extracted text; a document whose text is not
// there yet, or failed, is ECONFLICT saying so in words.
func (s *Service) Text(ctx context.Context, u *catalog.User, id string) (*catalog.Document, *ingest.StoredText, error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, nil, err
	}
	t, err := s.text(ctx, d)
	return d, t, err
}

// textReady is ECONFLICT, saying why in words, for a document whose text
// is not there to read.
func textReady(d *catalog.Document) error {
	switch d.Status {
	case catalog.StatusStored:
		return catalog.Errorf(catalog.ECONFLICT, "文档还在处理中，文字尚未提取；请稍后再试")
	case catalog.StatusFailed:
		return catalog.Errorf(catalog.ECONFLICT, "文档处理失败，没有可用的文字：%s", catalog.Words{Chinese: d.Error, English: d.ErrorEnglish})
	}
	return nil
}

func (s *Service) text(ctx context.Context, d *catalog.Document) (*ingest.StoredText, error) {
	if err := textReady(d); err != nil {
		return nil, err
	}
	t, err := ingest.LoadText(ctx, s.blobs, d.SHA256)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	return t, nil
}

// Original opens the bytes of a document as uploaded; the caller must
// close the reader (a small original read whole holds its place in
// smallOriginals until then), and checks them against d.SHA256 as it sends them
// (OriginalFoundDamaged when they do not match). An original already
// found damaged is hashed first, and is an error that says how to mend it
// (ingest.OriginalDamagedError) unless it reads whole again; so is a
// small one (SmallOriginal) found damaged now, read whole and hashed
// before it is handed out, and recorded as a download's find.
func (s *Service) Original(ctx context.Context, u *catalog.User, id string) (*catalog.Document, io.ReadCloser, error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, nil, err
	}
	if err := s.CheckFlaggedOriginal(ctx, d); err != nil {
		return nil, nil, err
	}
	rc, err := s.blobs.Get(ctx, catalog.OriginalKey(d.SHA256))
	if err != nil {
		return nil, nil, fmt.Errorf("original of %s: %w", d.ID, err)
	}
	if d.Size > SmallOriginal {
		return d, rc, nil
	}
	slots := smallOriginals
	select {
	case slots <- struct{}{}:
	default:
		return d, rc, nil // the budget is spent: checked as it is sent
	}
	// The slot is held while the bytes read are: until the caller closes
	// the reader handed out (the client has them all, or went away), or
	// until this returns without one.
	held := &heldOriginal{slots: slots}
	defer rc.Close()
	buf := bytes.NewBuffer(make([]byte, 0, d.Size+1))
	if _, err := buf.ReadFrom(io.LimitReader(rc, d.Size+1)); err != nil {
		held.Close()
		return nil, nil, fmt.Errorf("read the original of %s: %w", d.ID, err)
	}
	b := buf.Bytes()
	if sum := sha256.Sum256(b); int64(len(b)) != d.Size || hex.EncodeToString(sum[:]) != d.SHA256 {
		held.Close()
		// Refused with the way to mend it even when the catalog cannot
		// take the find now: the next download hashes it again.
		if err := s.OriginalFoundDamaged(context.WithoutCancel(ctx), d, "download", u.Username); err != nil {
			s.ingest.Logger().Error("record a damaged original", "id", d.ID, "err", err)
		}
		return nil, nil, ingest.OriginalDamagedError(d)
	}
	held.Reader = bytes.NewReader(b)
	return d, held, nil
}

// heldOriginal is a small original read whole, holding its slot of
// smallOriginals until it is closed (once; closing again does nothing).
type heldOriginal struct {
	io.Reader
	slots chan struct{}
	once  sync.Once
}

func (h *heldOriginal) Close() error {
	h.once.Do(func() { <-h.slots })
	return nil
}

// SmallOriginal is the size up to which Original reads and hashes an
// original before handing it out, so that a damaged one is refused with
// the reason (409) rather than cut short with no word: for a small file
// the held-back last piece (see the API's download) is the whole of it,
// and the client would get nothing and no reason. 4 MiB holds most
// notices, 文件 and tables as PDF or DOCX; reading it first costs a few
// milliseconds from a folder and one transfer's time from S3 before the
// first byte, which a download of that size does not notice. Larger
// originals stream and are checked as they are sent.
const SmallOriginal = 4 << 20

// smallOriginals bounds the memory of the originals read whole at once
// (16 × 4 MiB), each held from its read until its reader is closed; a
// download beyond it streams, checked as it is sent.
var smallOriginals = make(chan struct{}, 16)

// CheckFlaggedOriginal hashes d's original when it was found damaged or
// missing and not mended since, and returns ingest.OriginalDamagedError
// when it still is. Originals not flagged are taken as whole: their bytes
// are checked as they are sent.
func (s *Service) CheckFlaggedOriginal(ctx context.Context, d *catalog.Document) error {
	flagged, err := ingest.OriginalFlagged(ctx, s.cat, d.ID)
	if err != nil || !flagged {
		return err
	}
	intact, err := ingest.OriginalIntact(ctx, s.blobs, d)
	if err != nil {
		return fmt.Errorf("check the original of %s: %w", d.ID, err)
	}
	if !intact {
		return ingest.OriginalDamagedError(d)
	}
	// Whole again: said once, so the page stops warning and the next
	// download is not hashed twice.
	if err := ingest.OriginalIntactAgain(ctx, s.cat, d.ID, "system"); err != nil {
		return fmt.Errorf("record the original of %s whole again: %w", d.ID, err)
	}
	return nil
}

// OriginalFoundDamaged records that d's original did not hash to its
// SHA-256 when it was read (what says where), so that its page says so
// and the next request for it is told how to mend it.
func (s *Service) OriginalFoundDamaged(ctx context.Context, d *catalog.Document, what, user string) error {
	return ingest.FlagDamagedOriginal(ctx, s.cat, d.ID, what, user)
}

// OriginalIntact says whether d's stored original is there and hashes to
// its SHA-256 (ingest.OriginalIntact).
func (s *Service) OriginalIntact(ctx context.Context, d *catalog.Document) (bool, error) {
	return ingest.OriginalIntact(ctx, s.blobs, d)
}

// OriginalFlagged says whether d's original was found damaged or missing
// and not mended since, for its page.
func (s *Service) OriginalFlagged(ctx context.Context, d *catalog.Document) (bool, error) {
	return ingest.OriginalFlagged(ctx, s.cat, d.ID)
}

// CitedOriginal opens the bytes a citation points at by their SHA-256,
// even after the cited document was deleted, so that a verdict can always
// be checked against what the reviewer saw. Only bytes cited by a claim
// u may see are served; anything else is ENOTFOUND.
func (s *Service) CitedOriginal(ctx context.Context, u *catalog.User, sha string) (blob.Info, io.ReadCloser, error) {
	cities, err := s.cat.CitedBySHA256(ctx, sha)
	if err != nil {
		return blob.Info{}, nil, err
	}
	visible := false
	for _, c := range cities {
		visible = visible || u.CanSee(c)
	}
	if !visible {
		return blob.Info{}, nil, catalog.Errorf(catalog.ENOTFOUND, "没有被引用的原件 %s", sha)
	}
	key := catalog.OriginalKey(sha)
	info, err := s.blobs.Stat(ctx, key)
	if err != nil {
		return blob.Info{}, nil, fmt.Errorf("cited original %s: %w", sha, err)
	}
	rc, err := s.blobs.Get(ctx, key)
	if err != nil {
		return blob.Info{}, nil, fmt.Errorf("cited original %s: %w", sha, err)
	}
	return info, rc, nil
}

// Edit changes a document's metadata for u (an admin or the city's
// coordinator), checked like an upload's, and brings the index along.
func (s *Service) Edit(ctx context.Context, u *catalog.User, id string, p catalog.DocumentPatch) (*catalog.Document, error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := s.CheckEditFields(ctx, u, d, p); err != nil {
		return nil, err
	}
	if err := s.listedDepartment(ctx, d, &p); err != nil {
		return nil, err
	}
	if err := s.ingest.CheckPatch(ctx, &p); err != nil {
		return nil, err
	}
	// Only a round the document moves to: one it is in already, of a year
	// no round was added for (typed before rounds were checked), stays
	// as the form sends it back.
	if p.Round != nil && *p.Round != d.Round {
		if err := s.ingest.CheckRound(ctx, *p.Round); err != nil {
			return nil, err
		}
	}
	update := s.cat.UpdateDocument
	if u.Role == catalog.RoleContributor {
		update = s.cat.UpdateOwnDocument // checked again with the change
	}
	if _, err := update(ctx, d.ID, p, u.Username); err != nil {
		return nil, err
	}
	s.ingest.RefreshAfterChange(ctx, d.ID)
	return s.cat.Document(ctx, d.ID)
}

// CheckEditFields says whether u may change d's metadata as p would.
// Admins and the city's coordinator may change any field. A department
// contributor may correct the title, type, 文号, issuer and date of a
// document they uploaded themselves while it is unreviewed and theirs
// alone (catalog.ContributorEdit: nothing cites it, no assignment it was
// handed in for has been accepted (已确认), no other contributor handed it
// in); its 责任单位 and round stay as the coordinator's assignment set them.
// An empty patch asks only whether u may edit at all.
func (s *Service) CheckEditFields(ctx context.Context, u *catalog.User, d *catalog.Document, p catalog.DocumentPatch) error {
	err := u.CanEdit(d.City)
	if err == nil || u.Role != catalog.RoleContributor {
		return err
	}
	if d.City != u.City || d.UploadedBy != u.Username {
		return catalog.Errorf(catalog.EFORBIDDEN, "部门联系人只能修改本人上传的材料；如需修改其他材料，请联系本市协调员")
	}
	if changes(p.Department, d.Department) || changes(p.Round, d.Round) {
		return catalog.Errorf(catalog.EFORBIDDEN, "部门联系人不能修改材料的责任单位和监测轮次；如需修改，请联系本市协调员")
	}
	return s.cat.ContributorEdit(ctx, d.ID, u.Username)
}

// listedDepartment holds a changed 责任单位 to the city's list, so that a
// typo (市教肓局) does not make a department no task or filter finds; the
// name is stored as the list writes it (教育局 becomes 市教育局). A value
// left as it was passes even when the list lacks it, so a document
// stored before the list existed can be saved without retyping it, and
// clearing the field is allowed. A city with no list yet takes any name,
// as an upload does (catalog.Store.ListedDepartment).
func (s *Service) listedDepartment(ctx context.Context, d *catalog.Document, p *catalog.DocumentPatch) error {
	if !changes(p.Department, d.Department) {
		return nil
	}
	name := strings.TrimSpace(catalog.DropInvisible(*p.Department))
	if name == "" {
		return nil
	}
	listed, err := s.cat.ListedDepartment(ctx, d.City, name)
	if err != nil {
		return err
	}
	p.Department, p.DepartmentListed = &listed, true
	return nil
}

// changes reports whether a patch field is set to something other than
// the current value.
func changes(field *string, current string) bool {
	return field != nil && strings.TrimSpace(catalog.DropInvisible(*field)) != current
}

// CheckDelete says whether u may delete d: admins any document; a city's
// coordinator one of the city's documents that nothing cites (a file
// uploaded by mistake), since deleting a cited one sends reviewed
// statements back to review and only an admin may do that.
func (s *Service) CheckDelete(ctx context.Context, u *catalog.User, d *catalog.Document) error {
	switch {
	case u.Role == catalog.RoleAdmin:
		return nil
	case u.Role != catalog.RoleCoordinator || u.City != d.City:
		return catalog.Errorf(catalog.EFORBIDDEN, "只有管理员和本市协调员可以删除文档")
	}
	n, err := s.cat.DocumentCitedBy(ctx, d.ID)
	if err != nil {
		return err
	}
	if n > 0 {
		return catalog.CitedError(n)
	}
	return nil
}

// DeletingReopens returns the responsibility tasks that deleting the
// documents ids, all of them, would send back to before their hand-in
// (catalog.Store.DeletingReopens): a task accepted or submitted with
// nothing else handed in is owed again. The question before a deletion
// names them. Callers have checked u may delete each (CheckDelete); a
// task u may not see is left out.
func (s *Service) DeletingReopens(ctx context.Context, u *catalog.User, ids []string) ([]catalog.Assignment, error) {
	tasks, err := s.cat.DeletingReopens(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("tasks deleting %d documents reopens: %w", len(ids), err)
	}
	var out []catalog.Assignment
	for _, a := range tasks {
		if u.CanSee(a.City) {
			out = append(out, a)
		}
	}
	return out, nil
}

// Delete removes a document (a soft delete, audited) and its index entry,
// as CheckDelete allows. It returns what went back because of it: the
// claims and values that cited it, back to review, and the tasks left
// with nothing handed in (catalog.Store.DeleteDocument); its lists are
// never nil.
func (s *Service) Delete(ctx context.Context, u *catalog.User, id string) (reopened catalog.Reopened, err error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return reopened, err
	}
	if err := s.CheckDelete(ctx, u, d); err != nil {
		return reopened, err
	}
	if u.Role == catalog.RoleAdmin {
		reopened, err = s.cat.DeleteDocument(ctx, d.ID, u.Username)
	} else {
		// Counted again inside the delete: a citation added since
		// CheckDelete looked stops it too.
		reopened, err = s.cat.DeleteUncitedDocument(ctx, d.ID, u.Username)
	}
	if err != nil {
		return catalog.Reopened{}, err
	}
	s.ingest.UnindexAfterDelete(ctx, d.ID)
	for _, l := range []*[]string{&reopened.Claims, &reopened.Values, &reopened.Assignments} {
		if *l == nil {
			*l = []string{}
		}
	}
	return reopened, nil
}

// Suggestions proposes key indicators the document's text speaks to, best
// first, leaving out those it is linked to already: the same its page
// shows, from the text's first headBytes, read from its blob as a stream
// within the server's budget for big texts.
func (s *Service) Suggestions(ctx context.Context, u *catalog.User, id string, limit int) ([]search.Suggestion, error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := textReady(d); err != nil {
		return nil, err
	}
	key, err := s.pageIndexKey(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	return s.suggest(ctx, d, key, limit, nil)
}

// suggest ranks d's suggestions from the head of its text, read only when
// search has not kept their ranking for this text (key, pageIndexKey's),
// title and framework: the head the first view read with its page (read,
// when it holds one), else from the blob.
func (s *Service) suggest(ctx context.Context, d *catalog.Document, key string, limit int, read *pageRead) ([]search.Suggestion, error) {
	links, err := s.cat.DocumentLinks(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	skip := make([]string, len(links))
	for i, l := range links {
		skip[i] = l.IndicatorCode
	}
	head := func() ([]string, func(), error) {
		if read != nil && read.head != nil {
			return read.head, read.dropHead, nil
		}
		pr, err := s.textHead(ctx, d, keyVersion(key))
		if errors.Is(err, blob.ErrChanged) {
			// Written again since this view looked it up: its head as it
			// is now.
			if info, serr := s.blobs.Stat(ctx, catalog.TextKey(d.SHA256)); serr == nil {
				pr, err = s.textHead(ctx, d, info.Version)
			}
		}
		if err != nil {
			return nil, nil, fmt.Errorf("text of %s: %w", d.ID, err)
		}
		return pr.head, pr.release, nil
	}
	return s.search.TextSuggestions(ctx, key, d.Title, d.City, head, skip, min(max(limit, 1), 50))
}

// textHash names d's stored text as it is now, for what is kept of it:
// the SHA-256 of its blob as written (catalog.TextHash), which a repair
// or a reading by newer rules changes (the original's SHA-256 does not:
// suggestions ranked from the text before stayed), or none (an empty
// SHA256) for a text whose hash was never recorded, which nothing is
// kept of.
func (s *Service) textHash(ctx context.Context, d *catalog.Document) (catalog.TextHash, error) {
	h, err := s.cat.TextHashOf(ctx, d.SHA256)
	if catalog.IsNotFound(err) {
		return catalog.TextHash{}, nil
	}
	return h, err
}

// Reading is a document with the page of its text shown and its
// suggestions, for its page; Page is nil until the text is extracted.
// Its page is held within the server's budget for big texts until Close:
// call it once the page is rendered (highlighted, made full-width).
type Reading struct {
	View
	Page        *PageText
	Suggestions []search.Suggestion
	// TextDamaged says why Page is nil for a document whose text was
	// extracted: its stored text is damaged, or not the one recorded
	// (ingest.VerifiedTexts); nil otherwise.
	TextDamaged *catalog.Error
	// TextOutOfReach says why Page is nil while the store holding the
	// text cannot be reached (EUNAVAILABLE): the page still shows what
	// the catalog holds, so a reviewer can tell which document it is.
	TextOutOfReach *catalog.Error

	release func()
}

// Close gives back what the page read holds of the budget for big texts;
// it may be called more than once.
func (r *Reading) Close() {
	if r.release != nil {
		r.release()
		r.release = nil
	}
}

// Read returns everything a document page shows, page at of its text
// (the first when at is zero or past the last). The text is read from
// its blob as a stream (see readPage): whatever its size, the page costs
// the part shown and its neighbours, within the server's budget for big
// texts until the Reading is closed; the text's head that suggestions
// look at is read only when search has not kept them (TextSuggestions),
// and by a first view, which reads the text through for its page index,
// taken on the way (readPage) rather than read again.
func (s *Service) Read(ctx context.Context, u *catalog.User, id string, at PageAt, suggestions int) (*Reading, error) {
	v, err := s.View(ctx, u, id)
	if err != nil {
		return nil, err
	}
	r := &Reading{View: *v}
	if st := v.Document.Status; st != catalog.StatusExtracted && st != catalog.StatusIndexed {
		return r, nil
	}
	// What is kept of the text is named once a view (a catalog query and
	// a Stat).
	key, err := s.pageIndexKey(ctx, v.Document)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", v.Document.ID, err)
	}
	pr, err := s.readPage(ctx, v.Document, key, at)
	if errors.Is(err, ingest.ErrBadText) {
		// The page is shown without its text, saying why: its details,
		// links and original stay within reach.
		r.TextDamaged = &catalog.Error{}
		if !errors.As(err, &r.TextDamaged) {
			r.TextDamaged = catalog.Errorf(catalog.ECONFLICT, "%v", err)
		}
		return r, nil
	}
	if catalog.ErrorCode(err) == catalog.EUNAVAILABLE {
		errors.As(err, &r.TextOutOfReach)
		return r, nil
	}
	if err != nil {
		return nil, err
	}
	r.Page, r.release = &pr.PageText, pr.release
	r.Suggestions, err = s.suggest(ctx, v.Document, key, suggestions, pr)
	pr.dropHead() // unused when the suggestions were kept
	if err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}
