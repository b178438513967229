package documents

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// maxBulk bounds how many documents one bulk change touches.
const maxBulk = 500

// Move puts a document into another city (one filed under the wrong city
// by mistake). Only admins move documents: the coordinator of either city
// sees only one side. Claims citing it go back to review; their IDs are
// returned.
func (s *Service) Move(ctx context.Context, u *catalog.User, id, city string) (*catalog.Document, []string, error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, nil, err
	}
	if err := s.checkMove(ctx, u, city); err != nil {
		return nil, nil, err
	}
	reopened, err := s.cat.MoveDocument(ctx, d.ID, strings.TrimSpace(city), u.Username)
	if err != nil {
		return nil, nil, err
	}
	s.ingest.RefreshAfterChange(ctx, d.ID)
	if reopened == nil {
		reopened = []string{}
	}
	d, err = s.cat.Document(ctx, d.ID)
	return d, reopened, err
}

// checkMove holds a move to its rules before any document is touched: an
// admin, and a city that exists.
func (s *Service) checkMove(ctx context.Context, u *catalog.User, city string) error {
	if u.Role != catalog.RoleAdmin {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有管理员可以把文档移到其他城市")
	}
	city = strings.TrimSpace(city)
	if city == "" {
		return catalog.FieldErrorf("city", catalog.EINVALID, "请选择要移入的城市")
	}
	if _, err := s.cat.City(ctx, city); err != nil {
		if catalog.IsNotFound(err) {
			return catalog.AsInvalid(err, "city")
		}
		return err
	}
	return nil
}

// BulkChange is one change made to many documents at once: new metadata
// (nil fields stay as they are) and a link to a key indicator, or a move
// to another city, or a delete.
type BulkChange struct {
	IDs       []string
	Patch     catalog.DocumentPatch
	Indicator string // link each document to this key indicator
	City      string // move each document into this city (admins)
	Delete    bool   // delete each document (admins; a city's coordinator those nothing cites, CheckDelete)
	// ListedRound is the round of the list the documents were chosen
	// from (/documents?round=2018), "" for none. A round change then
	// leaves alone the documents listed there only because a link of
	// theirs is linked or carried into it: they belong to another round,
	// which the change would take them out of (Skipped, with why).
	ListedRound string
}

// BulkOutcome is what became of one document of a bulk change.
type BulkOutcome struct {
	ID    string
	Title string
	// Reopened is what a move or a delete sent back: claims (a move or a
	// delete), values and tasks (a delete).
	Reopened catalog.Reopened
	Err      error
	// Skipped is true when the document's round was left as it was on
	// purpose (Err says why): a document of another round in a round
	// change of a round's list.
	Skipped bool
	// Saved is true when the rest of the change (other fields, the link)
	// was made for a Skipped document: only its round was left alone.
	Saved bool
}

// Bulk makes one change to many documents for u. The change itself is
// checked first — the fields as an edit checks them, a move for an admin,
// a delete by CheckDelete's rule — and refused whole (nothing changes) when it is wrong.
// Then each document is changed on its own: one that u may not see or
// change gets its error in its outcome, and the others go ahead.
func (s *Service) Bulk(ctx context.Context, u *catalog.User, c BulkChange) ([]BulkOutcome, error) {
	if err := s.checkBulk(ctx, u, &c); err != nil {
		return nil, err
	}
	// A change begun is made to every document chosen, even when the
	// request ends meanwhile (the page closed, a proxy's timeout): it
	// used to stop after some of them, the others left as they were and
	// nobody told which (probe s46 #2). maxBulk bounds the work.
	asked := ctx
	ctx = context.WithoutCancel(ctx)
	if c.City != "" {
		out := s.bulkMove(ctx, u, c)
		if err := asked.Err(); err != nil {
			logUnanswered(u, c, out, err)
		}
		return out, nil
	}
	out := make([]BulkOutcome, 0, len(c.IDs))
	for _, id := range c.IDs {
		o := BulkOutcome{ID: id}
		o.Title, o.Reopened, o.Err = s.bulkOne(ctx, u, id, c)
		o.Skipped = errors.Is(o.Err, errOtherRound)
		o.Saved = errors.Is(o.Err, errRestSaved)
		out = append(out, o)
		bulkChanged(id)
	}
	if err := asked.Err(); err != nil {
		logUnanswered(u, c, out, err)
	}
	return out, nil
}

// refreshEvery is how many moved documents a bulk move brings to the
// index at once.
const refreshEvery = 50

// bulkMove moves each document of a checked bulk move (c.City) on its
// own, as Move does — its own transaction, audit event and claims
// reopened, its own outcome — but brings them to the index a batch at a
// time: a refresh each made every document wait for a batch of the index
// of its own (and a second write for its status), behind the indexing of
// uploads, and a move of 40 documents took 37 s under uploads against 6 s
// without (probe s47 #3). Meanwhile a moved document is already out of its
// old city's results: search drops the hits the catalog no longer shows
// there.
func (s *Service) bulkMove(ctx context.Context, u *catalog.User, c BulkChange) []BulkOutcome {
	city := strings.TrimSpace(c.City)
	out := make([]BulkOutcome, 0, len(c.IDs))
	var moved []string
	for _, id := range c.IDs {
		o := BulkOutcome{ID: id}
		d, err := s.Get(ctx, u, id)
		if err == nil {
			o.Title = d.Title
			var claims []string
			claims, err = s.cat.MoveDocument(ctx, d.ID, city, u.Username)
			if claims == nil {
				claims = []string{} // as Move answers
			}
			o.Reopened = catalog.Reopened{Claims: claims}
			if err == nil && d.City != city {
				moved = append(moved, d.ID)
			}
		}
		o.Err = err
		out = append(out, o)
		if len(moved) == refreshEvery {
			s.ingest.RefreshAfterChange(ctx, moved...)
			moved = nil
		}
		bulkChanged(id)
	}
	if len(moved) > 0 {
		s.ingest.RefreshAfterChange(ctx, moved...)
	}
	return out
}

// logUnanswered logs what became of a bulk change whose request ended
// before it was made (the page closed, a proxy's timeout, the server
// shutting down): nobody reads its outcomes in the answer, so the log
// keeps each document that was not changed, and why, and a summary
// (review s46 #11).
func logUnanswered(u *catalog.User, c BulkChange, out []BulkOutcome, ended error) {
	kind := bulkKind(c)
	changed, partly := 0, 0
	for _, o := range out {
		switch {
		case o.Err == nil:
			changed++
		case o.Saved:
			partly++
			slog.Warn("bulk change after its request ended: a document changed in part", "user", u.Username, "change", kind,
				"document", o.ID, "title", o.Title, "err", o.Err)
		default:
			slog.Warn("bulk change after its request ended: a document not changed", "user", u.Username, "change", kind,
				"document", o.ID, "title", o.Title, "err", o.Err)
		}
	}
	slog.Warn("bulk change made after its request ended", "user", u.Username, "change", kind, "request", ended,
		"documents", len(out), "changed", changed, "partly", partly, "failed", len(out)-changed-partly)
}

// bulkKind names the change c makes, for the log.
func bulkKind(c BulkChange) string {
	switch {
	case c.Delete:
		return "delete"
	case c.City != "":
		return "move to " + c.City
	case c.Indicator != "":
		return "edit and link to " + c.Indicator
	}
	return "edit"
}

// bulkChanged runs after each document of a bulk change; tests set it to
// end the request there.
var bulkChanged = func(id string) {}

func (s *Service) checkBulk(ctx context.Context, u *catalog.User, c *BulkChange) error {
	seen := map[string]bool{}
	ids := c.IDs[:0:0]
	for _, id := range c.IDs {
		if id = strings.TrimSpace(id); id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	c.IDs = ids
	switch {
	case len(ids) == 0:
		return catalog.FieldErrorf("ids", catalog.EINVALID, "没有选择文档；请先勾选要修改的文档")
	case len(ids) > maxBulk:
		return catalog.FieldErrorf("ids", catalog.EINVALID, "一次最多修改 %d 份文档，选择了 %d 份", maxBulk, len(ids))
	case c.Delete && u.Role != catalog.RoleAdmin && u.Role != catalog.RoleCoordinator:
		// Each document is then checked as one deleted alone is
		// (CheckDelete): a coordinator's, of their city and cited by
		// nothing.
		return catalog.Errorf(catalog.EFORBIDDEN, "只有管理员和本市协调员可以删除文档")
	case c.Delete:
		return nil
	case c.City != "":
		return s.checkMove(ctx, u, c.City)
	}
	if u.Role != catalog.RoleAdmin && u.Role != catalog.RoleCoordinator {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有协调员和管理员可以修改文档")
	}
	c.Indicator = strings.TrimSpace(c.Indicator)
	if c.Indicator == "" && c.Patch == (catalog.DocumentPatch{}) {
		return catalog.Errorf(catalog.EINVALID, "没有要修改的内容；请填写至少一项或选择一个指标")
	}
	if c.Indicator != "" {
		if _, err := s.ingest.CheckIndicators(ctx, []string{c.Indicator}); err != nil {
			return catalog.AsInvalid(err, "indicator")
		}
	}
	return s.ingest.CheckPatch(ctx, &c.Patch)
}

// bulkOne applies a checked bulk change to one document.
func (s *Service) bulkOne(ctx context.Context, u *catalog.User, id string, c BulkChange) (string, catalog.Reopened, error) {
	var none catalog.Reopened
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return "", none, err
	}
	switch {
	case c.Delete:
		reopened, err := s.Delete(ctx, u, id)
		return d.Title, reopened, err
	}
	// A document of another round keeps its round; the rest of the
	// change (its other fields, the link) is still made, and its outcome
	// says so.
	var skipped error
	if c.Patch.Round != nil && c.ListedRound != "" && !OfRoundItself(d, c.ListedRound) && *c.Patch.Round != d.Round {
		c.Patch.Round = nil
		skipped = otherRound(d, c.ListedRound, c.Patch != (catalog.DocumentPatch{}) || c.Indicator != "")
	}
	edited := c.Patch != (catalog.DocumentPatch{})
	if edited {
		if d, err = s.Edit(ctx, u, id, c.Patch); err != nil {
			return "", none, err
		}
	}
	if c.Indicator != "" {
		err := s.ingest.AddLink(ctx, u, &catalog.Link{DocumentID: id, IndicatorCode: c.Indicator})
		if err != nil && catalog.ErrorCode(err) != catalog.ECONFLICT {
			if edited {
				return d.Title, none, linkFailed(c.Indicator, err)
			}
			return d.Title, none, err
		}
	}
	return d.Title, none, skipped
}

// linkFailed is a link to indicator that failed (err) after the
// document's fields were saved: the outcome says they were (errRestSaved),
// with why the link was not made, so that the change is not reported as
// not made at all.
func linkFailed(indicator string, err error) error {
	return fmt.Errorf("%w: %w", errRestSaved, catalog.Errorf(catalog.ErrorCode(err),
		"文档的其他修改已保存，但没有关联到指标 %s：%s", indicator, catalog.MessageWords(err)))
}

// OfRoundItself reports whether d is a document of round, or of no round
// and issued in its year, rather than listed for round because a link of
// it is linked or carried into it.
func OfRoundItself(d *catalog.Document, round string) bool {
	return d.Round == round || (d.Round == "" && strings.HasPrefix(d.IssuedOn, round))
}

// errOtherRound marks a document whose round a bulk round change left
// alone; errRestSaved one whose other changes were made all the same.
var (
	errOtherRound = errors.New("of another round")
	errRestSaved  = errors.New("other changes saved")
)

// otherRound says why a document of another round, listed for round by a
// link, kept its round: changing it would take the document out of the
// round it belongs to. rest is true when the other changes were made.
func otherRound(d *catalog.Document, round string, rest bool) error {
	own := catalog.Words{Chinese: d.Round + "年度", English: "round " + d.Round}
	if d.Round == "" {
		own = catalog.Words{Chinese: "其他轮次", English: "another round"}
	}
	if rest {
		return fmt.Errorf("%w: %w: %w", errOtherRound, errRestSaved, catalog.Errorf(catalog.ECONFLICT,
			"这份文档属于 %s，只是有关联计入 %s年度，未修改其所属轮次（改了会把它移出原轮次），其他修改已保存；要让它计入其他轮次，请在文档页按该轮次关联",
			own, round))
	}
	return fmt.Errorf("%w: %w", errOtherRound, catalog.Errorf(catalog.ECONFLICT,
		"这份文档属于 %s，只是有关联计入 %s年度，未修改其所属轮次（改了会把它移出原轮次）；要让它计入其他轮次，请在文档页按该轮次关联",
		own, round))
}
