package notes

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
)

// Service is the notes use cases over the catalog store.
type Service struct {
	cat *catalog.Store
}

// NewService returns the notes service over the catalog.
func NewService(cat *catalog.Store) *Service { return &Service{cat: cat} }

// maxBody and maxQuote bound what a note holds, in characters.
const (
	maxBody  = 4000
	maxQuote = 500
)

// CanUse reports whether u may read and write notes: admins, experts and
// reviewers.
func CanUse(u *catalog.User) bool {
	if u == nil {
		return false
	}
	switch u.Role {
	case catalog.RoleAdmin, catalog.RoleExpert, catalog.RoleReviewer:
		return true
	}
	return false
}

func requireUse(u *catalog.User) error {
	if !CanUse(u) {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有专家、审核专家和管理员可以查看和添加批注")
	}
	return nil
}

// Input is a new note: on the whole document when Page is 0, else on the
// passage Quote of that page.
type Input struct {
	Page  int
	Quote string
	Body  string
}

func (in Input) check(d *catalog.Document) (Input, error) {
	in.Body, in.Quote = strings.TrimSpace(in.Body), strings.TrimSpace(in.Quote)
	switch {
	case in.Body == "":
		return in, catalog.FieldErrorf("body", catalog.EINVALID, "批注内容不能为空")
	case utf8.RuneCountInString(in.Body) > maxBody:
		return in, catalog.FieldErrorf("body", catalog.EINVALID, "批注内容不超过 %d 字", maxBody)
	case hasHidden(in.Body):
		r, _ := catalog.HiddenRune(in.Body, true)
		return in, catalog.FieldErrorf("body", catalog.EINVALID, "批注内容含有看不见的字符 %q；请删去后再保存", string(r))
	case utf8.RuneCountInString(in.Quote) > maxQuote:
		return in, catalog.FieldErrorf("quote", catalog.EINVALID, "引文不超过 %d 字", maxQuote)
	case in.Page < 0 || (d.Pages > 0 && in.Page > d.Pages):
		return in, catalog.FieldErrorf("page", catalog.EINVALID, "页码 %d 超出范围：该文档共 %d 页", in.Page, d.Pages)
	case in.Quote != "" && in.Page == 0:
		return in, catalog.FieldErrorf("page", catalog.EINVALID, "批注引文时请同时给出页码")
	}
	return in, nil
}

// hasHidden reports whether a note's body holds a control character or a
// bidirectional override, which a reader of the note would not see.
func hasHidden(body string) bool {
	_, ok := catalog.HiddenRune(body, true)
	return ok
}

// document returns a live document u may see; another city's is
// ENOTFOUND, as everywhere.
func (s *Service) document(ctx context.Context, u *catalog.User, id string) (*catalog.Document, error) {
	d, err := s.cat.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(d.City, catalog.ObjectDocument, id); err != nil {
		return nil, err
	}
	return d, nil
}

// Add writes u's note on document id and records it in the audit log.
// Coordinators and contributors are EFORBIDDEN; a document u may not see
// is ENOTFOUND; an empty body, a page past the document's last or a quote
// without a page is EINVALID.
func (s *Service) Add(ctx context.Context, u *catalog.User, id string, in Input) (*catalog.Note, error) {
	if err := requireUse(u); err != nil {
		return nil, err
	}
	d, err := s.document(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if in, err = in.check(d); err != nil {
		return nil, err
	}
	n := &catalog.Note{DocumentID: d.ID, City: d.City, Title: d.Title, Page: in.Page, Quote: in.Quote,
		Body: in.Body, Author: u.Username}
	if err := s.cat.CreateNote(ctx, n); err != nil {
		return nil, err
	}
	return n, nil
}

// OnDocument returns all the notes on document id, oldest first, of one
// author when author is not empty (the oldest 100 came, and a note
// written on a document with 100 was saved but not shown).
func (s *Service) OnDocument(ctx context.Context, u *catalog.User, id, author string) ([]catalog.Note, error) {
	if err := requireUse(u); err != nil {
		return nil, err
	}
	if _, err := s.document(ctx, u, id); err != nil {
		return nil, err
	}
	return s.cat.FindNotes(ctx, catalog.NoteFilter{DocumentID: id, Author: strings.TrimSpace(author)})
}

// ByAuthor returns a page of author's notes on the documents u may see,
// oldest first: limit of them from offset (all when limit is 0), and how
// many there are in all; author is required. Only its oldest 500 came,
// without a word, and an expert's newest notes were out of reach.
func (s *Service) ByAuthor(ctx context.Context, u *catalog.User, author string, offset, limit int) ([]catalog.Note, int, error) {
	if err := requireUse(u); err != nil {
		return nil, 0, err
	}
	author = strings.TrimSpace(author)
	if author == "" {
		return nil, 0, catalog.Errorf(catalog.EINVALID, "请用 author 指定批注人的用户名")
	}
	cities, visible := u.ScopeCities(nil)
	if !visible {
		return []catalog.Note{}, 0, nil
	}
	f := catalog.NoteFilter{Author: author, Cities: cities, Limit: limit, Offset: offset}
	ns, err := s.cat.FindNotes(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	total, err := s.cat.CountNotes(ctx, f)
	return ns, total, err
}
