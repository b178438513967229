package assignments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// AcceptToken is a short digest of what AcceptQuestion(docs) asks about
// t: the files handed in and not returned (by id), what the question and
// the board show of each (its file name, its notes: the round and date,
// the 责任单位 it is filed under), which could not be read, with the
// reason the board gives, which were still being read (a yes given then
// does not answer for a failure since: that is asked), and which the board marks as read unreliably
// (识别可信度低 or mojibake: catalog.Reading.UnreliableSource of a
// searchable one) or as having pages OCR left out past its cap (第
// 501–812 页未识别文字: catalog.Reading.OCRSkippedPages), so that a file
// read again into or out of either mark after the board showed it is
// asked about again. The board's tick box
// and the API's 409 carry it, and Accept takes a 确认 as the answer to its
// question only while it is the same: a file handed in, read again or
// refiled after the coordinator checked asks again (review finding: a
// blanket confirm accepted files nobody was asked about). docs are the
// documents handed in, by id.
func (t Task) AcceptToken(docs map[string]*catalog.Document) string {
	h := sha256.New()
	for _, id := range slices.Sorted(slices.Values(t.HandedIn())) {
		d := docs[id]
		if d == nil {
			continue
		}
		fmt.Fprintf(h, "%s\x00%s\x00%t\x00", id, d.Filename, d.Status == catalog.StatusFailed)
		if d.Status == catalog.StatusFailed {
			fmt.Fprintf(h, "%s\x00", d.Error)
		}
		// Marked only while being read, as the unreliable mark: a yes
		// given then answers for a file that may still fail, not for
		// what its reading ends in.
		if beingRead(d) {
			fmt.Fprintf(h, "reading\x00")
		}
		// Marked only when unreliable: a sound file's part of the token
		// is what it was before the mark counted.
		if why := d.Reading.UnreliableSource(); why != "" && d.Status == catalog.StatusIndexed {
			fmt.Fprintf(h, "unreliable\x00%s\x00", why)
		}
		if skipped := d.Reading.OCRSkippedPages(); len(skipped) > 0 && d.Status == catalog.StatusIndexed {
			fmt.Fprintf(h, "ocr-skipped\x00%v\x00", skipped)
		}
		for _, n := range t.NotesOf(id) {
			fmt.Fprintf(h, "%s\x00%s\x00", n.Kind, n.Words.Chinese)
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// QuestionError is Accept's refusal while its question
// (Task.AcceptQuestion) is not answered: ECONFLICT on the field confirm
// naming the files to check, and Token, what confirm must carry to
// answer this very question (Task.AcceptToken).
type QuestionError struct {
	Token string
	err   *catalog.Error
}

// Error says what the refusal says, in Chinese.
func (e *QuestionError) Error() string { return e.err.Error() }

// Unwrap is the application error (ECONFLICT on confirm) users read.
func (e *QuestionError) Unwrap() error { return e.err }

// AsQuestion returns the QuestionError in err's chain, or nil.
func AsQuestion(err error) *QuestionError {
	var q *QuestionError
	if errors.As(err, &q) {
		return q
	}
	return nil
}

// askBeforeAccept is a QuestionError when accepting a asks a question
// first (Task.AcceptQuestion) that confirm does not answer: confirm is
// the token of the question the coordinator checked (Task.AcceptToken),
// "" when none. A confirm of another question (files handed in, read or
// refiled since; a client sending confirm=1) is asked again, naming what
// is there now. Else it returns the guard of the change that accepts
// (catalog.AssignmentChange.Files): the same check of the files as the
// change's transaction reads them, so that one read again or refiled
// between this question and the change is not accepted unasked.
func (s *Service) askBeforeAccept(ctx context.Context, a *catalog.Assignment, confirm string) (guard func(map[string]*catalog.Document) error, err error) {
	tasks, err := s.tasks(ctx, []catalog.Assignment{*a})
	if err != nil {
		return nil, err
	}
	docs, err := s.cat.DocumentsByID(ctx, a.HandedIn())
	if err != nil {
		return nil, err
	}
	t := tasks[0]
	if err := answered(t, docs, confirm); err != nil {
		return nil, err
	}
	city, err := s.cityName(ctx, t.City)
	if err != nil {
		return nil, err
	}
	return func(files map[string]*catalog.Document) error {
		now := t
		now.Notes = filesNotes(&t.Assignment, files, city)
		if answered(now, files, confirm) != nil {
			return catalog.Errorf(catalog.ECONFLICT, "核对之后提交的文件有变（年度、责任单位或读取结果）；请刷新后重新核对再确认")
		}
		return nil
	}, nil
}

// answered is nil when confirm answers what accepting t asks first of
// the files docs (by id): nothing, or the question whose token confirm
// is; else the QuestionError asking it.
func answered(t Task, docs map[string]*catalog.Document, confirm string) error {
	q, ask := t.AcceptQuestion(docs)
	if !ask {
		return nil
	}
	token := t.AcceptToken(docs)
	switch confirm {
	case token:
		return nil
	case "":
		return &QuestionError{Token: token, err: catalog.FieldErrorf("confirm", catalog.ECONFLICT,
			"确认前请核对：%s；核对无误后勾选“已核对上述文件，仍然确认”（API 中为 confirm=%s）再确认", q, token)}
	}
	return &QuestionError{Token: token, err: catalog.FieldErrorf("confirm", catalog.ECONFLICT,
		"勾选的核对与任务现在提交的材料不符（核对之后又有文件提交，或文件的读取结果、年度、责任单位有变）；请重新核对：%s；核对无误后再勾选“已核对上述文件，仍然确认”（API 中为 confirm=%s）确认", q, token)}
}
